import type { Env, Problems } from './problems.js';

/** German states as date-holidays names them (ISO 3166-2 without the "DE-"). */
export const GERMAN_STATES = [
  'BB',
  'BE',
  'BW',
  'BY',
  'HB',
  'HE',
  'HH',
  'MV',
  'NI',
  'NW',
  'RP',
  'SH',
  'SL',
  'SN',
  'ST',
  'TH',
] as const;

export interface DeadlinesConfig {
  /** IANA time zone in which day-based deadlines end (the organisation's, ORG_TIME_ZONE). */
  timeZone: string;
  /** Public holidays for working-day rules: Germany, optionally one state (HOLIDAY_REGION=DE-BY). */
  holidays: { country: 'DE'; state: string | null };
  /** Ids of the organisation's own rules that apply (INTERNAL_DEADLINE_RULES, comma-separated). */
  internalRules: string[];
  /** smtp:// or smtps:// URL; null: mail is off, reminders appear in the app and the API only. */
  smtpUrl: string | null;
  /** Sender address of reminder mails. */
  mailFrom: string;
  /** Base URL of the web app, for links in mails and calendar entries. */
  appUrl: string;
  /** How often the reminder worker runs; 0: not at all (tests run it by hand). */
  workerIntervalSeconds: number;
  /** Local hour (0-23, organisation's time zone) at which daily digests go out. */
  digestHour: number;
  /** Sending attempts before a mail is marked failed. */
  maxAttempts: number;
  /** Days a renewed canary stays valid. */
  canaryValidDays: number;
  /** Whether the canary also states that no national-security requests were received. */
  canaryNationalSecurity: boolean;
}

const int = (env: Env, name: string, def: number, min: number, max: number, problems: Problems) => {
  const raw = env[name];
  if (raw === undefined) return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.bad(name, raw, `must be a whole number from ${min} to ${max}`);
    return def;
  }
  return n;
};

/**
 * Deadlines, reminders and the canary:
 * - INTERNAL_DEADLINE_RULES: the organisation's own rules that apply, e.g.
 *   internal_statement,internal_board_informed (default none);
 * - HOLIDAY_REGION: DE or DE-<state> (DE-BY, DE-BE, …; default DE: nationwide holidays only);
 * - SMTP_URL: smtp(s)://user:password@host:port; unset: mail is off;
 * - MAIL_FROM (default deadlines@localhost), APP_URL (default http://localhost:3000);
 * - REMINDER_INTERVAL_SECONDS (default 60; 0 turns the worker off), REMINDER_DIGEST_HOUR (default 7),
 *   REMINDER_MAX_ATTEMPTS (default 8);
 * - CANARY_VALID_DAYS (default 30), CANARY_NATIONAL_SECURITY (on|off, default off).
 */
export function deadlinesSettings(env: Env, timeZone: string, problems: Problems): DeadlinesConfig {
  const region = env.HOLIDAY_REGION ?? 'DE';
  const match = /^DE(?:-([A-Z]{2}))?$/.exec(region);
  let state: string | null = null;
  if (!match || (match[1] && !(GERMAN_STATES as readonly string[]).includes(match[1]))) {
    problems.bad(
      'HOLIDAY_REGION',
      region,
      `must be DE or DE-<state>, one of ${GERMAN_STATES.join(', ')}`,
    );
  } else state = match[1] ?? null;
  const smtpUrl = env.SMTP_URL ?? null;
  if (smtpUrl !== null && !/^smtps?:\/\/[^\s]+$/.test(smtpUrl))
    problems.bad('SMTP_URL', smtpUrl, 'must be an smtp:// or smtps:// URL');
  const mailFrom = env.MAIL_FROM ?? 'deadlines@localhost';
  if (!/^[^@\s]+@[^@\s]+$/.test(mailFrom))
    problems.bad('MAIL_FROM', mailFrom, 'must be an e-mail address');
  const appUrl = (env.APP_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s]+$/.test(appUrl))
    problems.bad('APP_URL', appUrl, 'must be an http(s) URL');
  const ns = env.CANARY_NATIONAL_SECURITY ?? 'off';
  if (!['on', 'off'].includes(ns))
    problems.bad('CANARY_NATIONAL_SECURITY', ns, 'must be on or off');
  const internal = env.INTERNAL_DEADLINE_RULES ?? '';
  if (internal && !/^[a-z_]+(,[a-z_]+)*$/.test(internal.replace(/\s/g, '')))
    problems.bad('INTERNAL_DEADLINE_RULES', internal, 'must be rule ids separated by commas');
  return {
    timeZone,
    internalRules: internal
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    holidays: { country: 'DE', state },
    smtpUrl,
    mailFrom,
    appUrl,
    workerIntervalSeconds: int(env, 'REMINDER_INTERVAL_SECONDS', 60, 0, 86_400, problems),
    digestHour: int(env, 'REMINDER_DIGEST_HOUR', 7, 0, 23, problems),
    maxAttempts: int(env, 'REMINDER_MAX_ATTEMPTS', 8, 1, 50, problems),
    canaryValidDays: int(env, 'CANARY_VALID_DAYS', 30, 1, 366, problems),
    canaryNationalSecurity: ns === 'on',
  };
}
