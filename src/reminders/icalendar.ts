/**
 * A minimal iCalendar (RFC 5545) writer for the calendar feed: one VCALENDAR of VEVENTs with
 * times in UTC. Written here rather than with a generic library because a feed of 500 events
 * must render in milliseconds; the rules it follows are few and tested (text escaping, line
 * folding at 75 octets without splitting a UTF-8 character).
 */

export interface CalendarEvent {
  uid: string;
  start: Date;
  end: Date;
  stamp: Date;
  summary: string;
  description: string;
  url: string;
}

export interface Calendar {
  name: string;
  /** Shown by clients as the calendar's zone (X-WR-TIMEZONE); the times themselves are UTC. */
  timeZone: string;
  events: Iterable<CalendarEvent>;
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/**
 * A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, line breaks as `\n`;
 * other control characters are not allowed in TEXT and are dropped.
 */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))
    .replace(/[\x00-\x08\x0a-\x1f\x7f]/g, ''); // eslint-disable-line no-control-regex
}

/**
 * One content line folded (RFC 5545 §3.1): no physical line longer than 75 octets, continuation
 * lines start with a space, and a multi-byte UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  if (line.length <= MAX_OCTETS && Buffer.byteLength(line) <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let start = 0;
  let octets = 0;
  let limit = MAX_OCTETS;
  for (let i = 0; i < line.length;) {
    const code = line.codePointAt(i) as number;
    const units = code > 0xffff ? 2 : 1;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (octets + size > limit) {
      parts.push(line.slice(start, i));
      start = i;
      octets = 0;
      limit = MAX_OCTETS - 1; // the leading space counts
    }
    octets += size;
    i += units;
  }
  parts.push(line.slice(start));
  return parts.join(`${CRLF} `);
}

/** A DATE-TIME in UTC form: 20260312T225900Z. */
export function utcDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

/** The calendar as iCalendar text, lines ended by CRLF. */
export function renderCalendar(calendar: Calendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//seizure-case-tracker//deadlines//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    foldLine(`NAME:${escapeText(calendar.name)}`),
    foldLine(`X-WR-CALNAME:${escapeText(calendar.name)}`),
    foldLine(`X-WR-TIMEZONE:${escapeText(calendar.timeZone)}`),
  ];
  for (const e of calendar.events) {
    lines.push(
      'BEGIN:VEVENT',
      foldLine(`UID:${escapeText(e.uid)}`),
      `DTSTAMP:${utcDateTime(e.stamp)}`,
      `DTSTART:${utcDateTime(e.start)}`,
      `DTEND:${utcDateTime(e.end)}`,
      foldLine(`SUMMARY:${escapeText(e.summary)}`),
      foldLine(`DESCRIPTION:${escapeText(e.description)}`),
      foldLine(`URL;VALUE=URI:${e.url}`),
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR', '');
  return lines.join(CRLF);
}
