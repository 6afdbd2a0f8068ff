import { describe, expect, it } from '@jest/globals';
import { downtimeSummary, mergedMinutes } from '../../src/cases/downtime.js';
import { settleEndState } from '../../src/cases/parts/end-state.js';
import type { EndState } from '../../src/domain/vocabulary.js';
import { formatDay, formatEnd, formatFigureMinutes, formatMoment } from '../../src/i18n/format.js';

const BERLIN = 'Europe/Berlin';

describe('moments printed as precisely as they are known', () => {
  const at = '2015-01-15T10:20:00Z'; // 11:20 in Berlin (CET)

  it.each([
    ['minute', 'en', '15 Jan 2015, 11:20 CET'],
    ['minute', 'de', '15.01.2015, 11:20 MEZ'],
    ['hour', 'en', '15 Jan 2015, 11 h CET'],
    ['hour', 'de', '15.01.2015, 11 Uhr MEZ'],
    ['day', 'en', '15 January 2015'],
    ['day', 'de', '15. Januar 2015'],
    ['approximate', 'en', '15 Jan 2015, about 11:20 CET'],
    ['approximate', 'de', '15.01.2015, gegen 11:20 Uhr MEZ'],
  ] as const)('%s in %s: %s', (precision, language, text) => {
    expect(formatMoment(at, precision, language, BERLIN)).toBe(text);
  });

  it('prints the 2015 raid in Berlin time: 09:45 and 12:21, not 08:45 and 11:21', () => {
    expect(formatMoment('2015-01-15T08:45:00Z', 'minute', 'de', BERLIN)).toBe(
      '15.01.2015, 09:45 MEZ',
    );
    expect(formatMoment('2015-01-15T11:21:00Z', 'minute', 'de', BERLIN)).toBe(
      '15.01.2015, 12:21 MEZ',
    );
  });

  it('keeps a day entered as local midnight on its day (20 May 2011, not 19 May)', () => {
    const midnight = '2011-05-20T00:00:00+02:00';
    expect(formatDay(midnight, 'day', 'en', BERLIN)).toBe('20 May 2011');
    expect(formatDay(midnight, 'day', 'de', BERLIN)).toBe('20. Mai 2011');
    expect(formatMoment(midnight, 'day', 'en', BERLIN)).toBe('20 May 2011');
    expect(formatDay(midnight, 'approximate', 'de', BERLIN)).toBe('etwa 20. Mai 2011');
  });

  it('prints a summer time with its own zone name', () => {
    expect(formatMoment('2020-07-03T10:00:00Z', 'hour', 'de', BERLIN)).toBe(
      '03.07.2020, 12 Uhr MESZ',
    );
  });
});

describe('ends that are not known', () => {
  const end = '2020-07-08T10:00:00Z';
  it.each([
    ['ended', 'en', '8 July 2020'],
    ['ongoing', 'en', ''],
    ['ended_unknown', 'en', 'ended, time unknown'],
    ['ended_unknown', 'de', 'beendet, Zeitpunkt unbekannt'],
    ['at_least_until', 'en', 'at least until 8 July 2020'],
    ['at_least_until', 'de', 'mindestens bis 8. Juli 2020'],
  ] as const)('%s in %s: "%s"', (state, language, text) => {
    const value = state === 'ongoing' || state === 'ended_unknown' ? null : end;
    expect(formatEnd(value, state, 'day', language, BERLIN)).toBe(text);
  });

  it('says when a duration is a lower bound or rests on rough times', () => {
    expect(formatFigureMinutes(156, {}, 'en')).toBe('2 h 36 min');
    expect(formatFigureMinutes(7200, { lowerBound: true }, 'en')).toBe('at least 120 h 0 min');
    expect(formatFigureMinutes(7200, { lowerBound: true, approximate: true }, 'de')).toBe(
      'mindestens ca. 120 Std. 0 Min.',
    );
    expect(formatFigureMinutes(300, { approximate: true }, 'en')).toBe('approx. 5 h 0 min');
    // All a lower bound of 0 could say is that nothing is known.
    expect(formatFigureMinutes(0, { lowerBound: true }, 'en')).toBe('unknown (end not known)');
    expect(formatFigureMinutes(0, { lowerBound: true, approximate: true }, 'de')).toBe(
      'unbekannt (Ende nicht bekannt)',
    );
    expect(formatFigureMinutes(0, {}, 'en')).toBe('0 min');
  });

  const start = new Date('2020-07-03T10:00:00Z');
  const later = new Date('2020-07-08T10:00:00Z');
  const now1 = new Date('2026-01-01T00:00:00Z');
  const now2 = new Date('2027-01-01T00:00:00Z');

  it('counts an unknown end until the last moment known, and never with the clock', () => {
    const unknown = { start, end: null, endState: 'ended_unknown' as const };
    const atLeast = { start, end: later, endState: 'at_least_until' as const };
    expect(mergedMinutes([unknown], now1)).toBe(0);
    expect(mergedMinutes([atLeast], now1)).toBe(5 * 24 * 60);
    expect(mergedMinutes([atLeast], now2)).toBe(mergedMinutes([atLeast], now1));
    // Ongoing grows with the clock; the old meaning of "no end" is kept.
    expect(mergedMinutes([{ start, end: null }], now2)).toBeGreaterThan(
      mergedMinutes([{ start, end: null }], now1),
    );
    const summary = downtimeSummary([{ ...atLeast, systemId: 's', approximate: true }], now1);
    expect(summary).toMatchObject({ lowerBound: true, ongoing: false, approximate: true });
    expect(summary.systems[0]).toMatchObject({ lowerBound: true, minutes: 7200 });
  });
});

describe('settling an end state against the end time', () => {
  type Row = { endedAt: Date | null; endState?: EndState };
  const settle = (record: Row, existing?: Row) =>
    [settleEndState(record, existing, 'endedAt', 'endState'), record.endState] as const;
  const t = new Date('2020-07-08T10:00:00Z');

  it('follows the end time when no state is given', () => {
    expect(settle({ endedAt: t })).toEqual([[], 'ended']);
    expect(settle({ endedAt: null })).toEqual([[], 'ongoing']);
    // An update of the time alone keeps "at least until"; clearing it keeps "ended, time unknown".
    expect(
      settle(
        { endedAt: t, endState: 'at_least_until' },
        { endedAt: null, endState: 'at_least_until' },
      ),
    ).toEqual([[], 'at_least_until']);
    expect(
      settle({ endedAt: t, endState: 'ongoing' }, { endedAt: null, endState: 'ongoing' }),
    ).toEqual([[], 'ended']);
  });

  it('refuses a state given that contradicts the end time, naming the field', () => {
    expect(settle({ endedAt: null, endState: 'ended' })[0]).toEqual([
      { field: 'endedAt', message: 'is required when endState is ended' },
    ]);
    expect(settle({ endedAt: null, endState: 'at_least_until' })[0]).toHaveLength(1);
    expect(settle({ endedAt: t, endState: 'ended_unknown' })[0]).toEqual([
      { field: 'endedAt', message: 'must be null when endState is ended_unknown' },
    ]);
    expect(settle({ endedAt: null, endState: 'ended_unknown' })).toEqual([[], 'ended_unknown']);
  });
});
