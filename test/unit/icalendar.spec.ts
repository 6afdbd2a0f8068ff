import { describe, expect, it } from '@jest/globals';
import ical from 'node-ical';
import {
  escapeText,
  foldLine,
  renderCalendar,
  utcDateTime,
} from '../../src/reminders/icalendar.js';

const octets = (s: string) => Buffer.byteLength(s);
const unfold = (s: string) => s.replace(/\r\n /g, '');
const physicalLines = (s: string) => s.split('\r\n');

describe('iCalendar text and line folding (RFC 5545)', () => {
  it('escapes backslash, semicolon, comma and line breaks, and drops other control characters', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg\u0007h\ti')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng' + 'h\ti');
  });

  it('leaves a line of 75 octets as it is and folds a longer one into lines of at most 75', () => {
    const exact = `SUMMARY:${'x'.repeat(67)}`;
    expect(foldLine(exact)).toBe(exact);
    const long = `DESCRIPTION:${'abcdefghij'.repeat(30)}`;
    const folded = foldLine(long);
    expect(physicalLines(folded).length).toBeGreaterThan(1);
    expect(physicalLines(folded).every((l) => octets(l) <= 75)).toBe(true);
    expect(
      physicalLines(folded)
        .slice(1)
        .every((l) => l.startsWith(' ')),
    ).toBe(true);
    expect(unfold(folded)).toBe(long);
  });

  it('never splits a multi-byte UTF-8 character across lines', () => {
    // 2-, 3- and 4-byte characters at every offset against the 75-octet boundary.
    for (const char of ['ä', '€', '𝄞', '👩‍⚖️']) {
      for (let pad = 0; pad < 5; pad++) {
        const line = `SUMMARY:${'a'.repeat(pad)}${char.repeat(60)}`;
        const folded = foldLine(line);
        for (const l of physicalLines(folded)) {
          expect(octets(l)).toBeLessThanOrEqual(75);
          expect(Buffer.from(l, 'utf8').toString('utf8')).toBe(l); // no broken sequence
          expect(l).not.toMatch(/[\uD800-\uDFFF](?![\uDC00-\uDFFF])/u);
        }
        expect(unfold(folded)).toBe(line);
      }
    }
  });

  it('writes times in UTC form', () => {
    expect(utcDateTime(new Date('2026-03-12T22:59:00.123Z'))).toBe('20260312T225900Z');
  });

  it('renders a calendar that a parser reads back to the same values', () => {
    const summary = 'Frist; Prüfung, Überwachungsmaßnahme – Rechtshilfeersuchen 👩‍⚖️ '.repeat(3);
    const description = 'Zeile 1\nZeile 2; mit, Zeichen \\ und Umlauten äöü\nhttps://a.example/x';
    const text = renderCalendar({
      name: 'Fristen / Deadlines',
      timeZone: 'Europe/Berlin',
      events: [
        {
          uid: '3f1c6f52-0f6e-4d7b-9a63-1a2b3c4d5e6f',
          start: new Date('2026-03-12T22:59:00Z'),
          end: new Date('2026-03-12T23:14:00Z'),
          stamp: new Date('2026-03-01T10:00:00Z'),
          summary,
          description,
          url: 'https://a.example/cases/1',
        },
      ],
    });
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(physicalLines(text).every((l) => octets(l) <= 75)).toBe(true);
    const [event] = Object.values(ical.sync.parseICS(text)).filter(
      (e) => e?.type === 'VEVENT',
    ) as ical.VEvent[];
    expect(event.uid).toBe('3f1c6f52-0f6e-4d7b-9a63-1a2b3c4d5e6f');
    expect(event.summary).toBe(summary);
    expect(event.description).toBe(description);
    expect(event.start.toISOString()).toBe('2026-03-12T22:59:00.000Z');
    expect(event.end?.toISOString()).toBe('2026-03-12T23:14:00.000Z');
  });
});
