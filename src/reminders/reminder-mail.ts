import type { LegalClockRule } from '../cases/legal-clocks/legal-clock-rules.js';
import { dateTimeFormat } from '../i18n/intl-cache.js';

/** What a reminder mail may say about its deadline. Restricted cases: nothing but the due time. */
export interface ReminderItem {
  caseId: string;
  restricted: boolean;
  reference: string;
  kind: string;
  rule: LegalClockRule | undefined;
  dueAt: Date;
  overdue: boolean;
}

const when = (d: Date, timeZone: string, locale: string) =>
  dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(d);

function line(item: ReminderItem, timeZone: string, appUrl: string) {
  const link = `${appUrl}/cases/${item.caseId}`;
  if (item.restricted) {
    return [
      `${item.overdue ? 'Eine Frist ist überschritten' : 'Eine Frist wird fällig'}: ${when(item.dueAt, timeZone, 'de-DE')}`,
      `${item.overdue ? 'A deadline is overdue' : 'A deadline is due'}: ${when(item.dueAt, timeZone, 'en-GB')}`,
      link,
    ].join('\n');
  }
  const de = item.rule?.label.de ?? item.kind;
  const en = item.rule?.label.en ?? item.kind;
  return [
    `${item.reference}: ${de} — ${item.overdue ? 'überschritten seit' : 'fällig'} ${when(item.dueAt, timeZone, 'de-DE')}`,
    `${item.reference}: ${en} — ${item.overdue ? 'overdue since' : 'due'} ${when(item.dueAt, timeZone, 'en-GB')}`,
    link,
  ].join('\n');
}

/** One reminder, sent at once. The subject names a case only when it is not restricted. */
export function reminderMail(item: ReminderItem, timeZone: string, appUrl: string) {
  const state = item.overdue
    ? 'Frist überschritten / Deadline overdue'
    : 'Frist fällig / Deadline due';
  return {
    subject: item.restricted ? state : `${state}: ${item.reference}`,
    text: `${line(item, timeZone, appUrl)}\n\n${appUrl}/deadlines\n`,
  };
}

/** The daily digest: one mail listing every reminder of the day. */
export function digestMail(items: ReminderItem[], timeZone: string, appUrl: string) {
  return {
    subject: `Fristen / Deadlines: ${items.length}`,
    text: `${items.map((i) => line(i, timeZone, appUrl)).join('\n\n')}\n\n${appUrl}/deadlines\n`,
  };
}
