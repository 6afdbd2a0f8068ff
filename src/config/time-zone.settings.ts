import type { Env, Problems } from './problems.js';

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The organisation's time zone (REPORT_TIME_ZONE, default UTC): where report periods begin and end,
 * and in which documents print dates and times.
 */
export function timeZoneSetting(env: Env, problems: Problems): string {
  const timeZone = env.REPORT_TIME_ZONE || 'UTC';
  if (!validTimeZone(timeZone))
    problems.bad('REPORT_TIME_ZONE', timeZone, 'must be an IANA time zone, e.g. Europe/Berlin');
  return timeZone;
}
