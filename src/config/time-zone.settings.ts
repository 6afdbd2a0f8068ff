import type { Env, Problems } from './problems.js';

/** The default: this tool is made for a German organisation, whose dates are Berlin's. */
export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The organisation's time zone (ORG_TIME_ZONE; REPORT_TIME_ZONE, its older name, still works;
 * default Europe/Berlin): where report periods begin and end, and in which documents, the public
 * page and date-only values print dates and times.
 */
export function timeZoneSetting(env: Env, problems: Problems): string {
  const variable = env.ORG_TIME_ZONE ? 'ORG_TIME_ZONE' : 'REPORT_TIME_ZONE';
  const timeZone = env[variable] || DEFAULT_TIME_ZONE;
  if (!validTimeZone(timeZone))
    problems.bad(variable, timeZone, 'must be an IANA time zone, e.g. Europe/Berlin');
  if (env.ORG_TIME_ZONE && env.REPORT_TIME_ZONE && env.ORG_TIME_ZONE !== env.REPORT_TIME_ZONE)
    problems.bad(
      'REPORT_TIME_ZONE',
      env.REPORT_TIME_ZONE,
      'is the older name of ORG_TIME_ZONE; set one of them, or both to the same zone',
    );
  return timeZone;
}
