import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { csvField, toCsv } from '../../src/reports/csv.js';
import { periodFromQuery, startOfDay, type PeriodQuery } from '../../src/reports/period.js';
import { ValidationFailedError } from '../../src/errors/domain-errors.js';

const iso = (d: Date) => d.toISOString();

describe('reporting periods', () => {
  it('reads a year and a half-year in UTC', () => {
    const year = periodFromQuery({ year: '2015' }, 'UTC');
    expect([iso(year.from), iso(year.to), year.label]).toEqual([
      '2015-01-01T00:00:00.000Z',
      '2016-01-01T00:00:00.000Z',
      '2015',
    ]);
    const h2 = periodFromQuery({ half: '2015-H2' }, 'UTC');
    expect([iso(h2.from), iso(h2.to), h2.label]).toEqual([
      '2015-07-01T00:00:00.000Z',
      '2016-01-01T00:00:00.000Z',
      '2015-H2',
    ]);
  });

  it('begins years and half-years at midnight of the report time zone, summer time included', () => {
    const year = periodFromQuery({ year: '2015' }, 'Europe/Berlin');
    expect([iso(year.from), iso(year.to)]).toEqual([
      '2014-12-31T23:00:00.000Z',
      '2015-12-31T23:00:00.000Z',
    ]);
    const h1 = periodFromQuery({ half: '2020-H1' }, 'Europe/Berlin');
    expect([iso(h1.from), iso(h1.to)]).toEqual([
      '2019-12-31T23:00:00.000Z',
      '2020-06-30T22:00:00.000Z',
    ]);
    expect(iso(startOfDay(2021, 3, 28, 'Europe/Berlin'))).toBe('2021-03-27T23:00:00.000Z');
    expect(iso(startOfDay(2021, 3, 29, 'Europe/Berlin'))).toBe('2021-03-28T22:00:00.000Z');
    expect(iso(startOfDay(2015, 1, 1, 'America/New_York'))).toBe('2015-01-01T05:00:00.000Z');
    expect(iso(startOfDay(2015, 1, 1, 'Asia/Kolkata'))).toBe('2014-12-31T18:30:00.000Z');
  });

  it('takes from and to as whole days in their own offsets', () => {
    const p = periodFromQuery(
      { from: '2015-01-01T00:00:00+01:00', to: '2015-04-01T00:00+02:00' },
      'UTC',
    );
    expect([iso(p.from), iso(p.to), p.label]).toEqual([
      '2014-12-31T23:00:00.000Z',
      '2015-03-31T22:00:00.000Z',
      '2015-01-01--2015-04-01',
    ]);
  });

  it('names the fields of a bad period', () => {
    const fields = (q: Record<string, string>) => {
      try {
        periodFromQuery(q, 'UTC');
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationFailedError);
        return (e as ValidationFailedError).errors?.map((x) => x.field).sort();
      }
      throw new Error('accepted');
    };
    expect(fields({})).toEqual(['year']);
    expect(
      fields({ year: '2015', from: '2015-01-01T00:00:00Z', to: '2016-01-01T00:00:00Z' }),
    ).toEqual(['from', 'to', 'year']);
    expect(fields({ year: '1850' })).toEqual(['year']);
    expect(fields({ half: '2015-H0' })).toEqual(['half']);
    expect(fields({ to: '2016-01-01T00:00:00Z' })).toEqual(['from']);
    expect(fields({ from: '2015-01-01T00:00:01Z', to: '2016-01-01T12:00:00Z' })).toEqual([
      'from',
      'to',
    ]);
    expect(fields({ from: '2015-01-01T00:00:00Z', to: '2015-01-01T00:00:00Z' })).toEqual(['to']);
    expect(fields({ from: '2015-13-01T00:00:00Z', to: '2016-01-01T00:00:00Z' })).toEqual(['from']);
  });
});

describe('reporting periods, bounds and properties', () => {
  const ZONES = [
    'UTC',
    'Europe/Berlin',
    'America/New_York',
    'Asia/Kolkata',
    'Pacific/Auckland',
    'Pacific/Chatham',
  ];
  const fails = (q: PeriodQuery) => () => periodFromQuery(q, 'UTC');

  it.each([
    [{ year: '1900' }, '1900'],
    [{ year: '2999' }, '2999'],
    [{ half: '1900-H1' }, '1900-H1'],
    [{ half: '2999-H2' }, '2999-H2'],
  ])('accepts the first and last years: %j', (query, label) => {
    expect(periodFromQuery(query, 'UTC').label).toBe(label);
  });

  it.each<PeriodQuery>([
    { year: '1899' },
    { year: '3000' },
    { year: '15' },
    { year: '2015 ' },
    { year: '+2015' },
    { half: '2015-H3' },
    { half: '2015-h1' },
    { half: '1899-H2' },
    { half: '2015' },
    { from: '2015-01-01', to: '2016-01-01' },
    { from: '2015-01-01T00:00:00', to: '2016-01-01T00:00:00' },
    { from: '2015-01-01T01:00:00Z', to: '2016-01-01T00:00:00Z' },
    { from: '2015-02-30T00:00:00Z', to: '2016-01-01T00:00:00Z' },
    { from: '2016-01-01T00:00:00Z', to: '2015-01-01T00:00:00Z' },
    { from: '1800-01-01T00:00:00Z', to: '2016-01-01T00:00:00Z' },
    { year: '2015', half: '2015-H1' },
    { from: '2015-01-01T00:00:00Z' },
  ])('refuses %j', (query) => {
    expect(fails(query)).toThrow(ValidationFailedError);
  });

  it.each([
    // A change of offset within the first hours of the day: the first guess is an hour off.
    [2021, 9, 26, 'Pacific/Auckland', '2021-09-25T12:00:00.000Z'],
    [2021, 4, 4, 'Pacific/Auckland', '2021-04-03T11:00:00.000Z'],
    [2021, 10, 3, 'Australia/Sydney', '2021-10-02T14:00:00.000Z'],
    [2021, 4, 4, 'Australia/Sydney', '2021-04-03T13:00:00.000Z'],
  ])('begins %i-%i-%i in %s at %s, on the day the clocks change', (y, m, d, zone, start) => {
    expect(iso(startOfDay(y, m, d, zone))).toBe(start);
  });

  it('takes only days of the calendar as bounds (no 30 February, 29 February in leap years)', () => {
    const field = (from: string) => {
      try {
        periodFromQuery({ from, to: '2017-01-01T00:00:00Z' }, 'UTC');
        return null;
      } catch (e) {
        return (e as ValidationFailedError).errors;
      }
    };
    expect(field('2016-02-29T00:00:00Z')).toBeNull();
    for (const bad of [
      '2015-02-29T00:00:00Z',
      '2016-02-30T00:00:00+01:00',
      '2016-04-31T00:00:00Z',
    ]) {
      expect(field(bad)).toEqual([{ field: 'from', message: 'is not a date that exists' }]);
    }
  });

  it('splits every year into its two halves, back to back, in every time zone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2999 }), fc.constantFrom(...ZONES), (y, zone) => {
        const year = periodFromQuery({ year: `${y}` }, zone);
        const h1 = periodFromQuery({ half: `${y}-H1` }, zone);
        const h2 = periodFromQuery({ half: `${y}-H2` }, zone);
        const next = periodFromQuery({ year: `${y + 1 > 2999 ? y : y + 1}` }, zone);
        return (
          year.from.getTime() === h1.from.getTime() &&
          h1.to.getTime() === h2.from.getTime() &&
          h2.to.getTime() === year.to.getTime() &&
          h1.from < h1.to &&
          h2.from < h2.to &&
          (y === 2999 || year.to.getTime() === next.from.getTime())
        );
      }),
    );
  });

  it('begins every day at a local midnight', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }),
        fc.constantFrom(...ZONES),
        (d, zone) => {
          const start = startOfDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), zone);
          const local = new Intl.DateTimeFormat('en-GB', {
            timeZone: zone,
            hourCycle: 'h23',
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
          }).format(start);
          const day = d.toISOString().slice(0, 10).split('-').reverse().join('/');
          return local === `${day}, 00:00`;
        },
      ),
    );
  });

  it('takes any pair of midnights in order as a period of those days', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40_000 }),
        fc.integer({ min: 1, max: 4000 }),
        (a, days) => {
          const day = (n: number) => new Date(Date.UTC(1950, 0, 1) + n * 86_400_000).toISOString();
          const from = day(a);
          const to = day(a + days);
          const p = periodFromQuery({ from, to }, 'Europe/Berlin');
          return (
            p.to.getTime() - p.from.getTime() === days * 86_400_000 &&
            p.label === `${from.slice(0, 10)}--${to.slice(0, 10)}`
          );
        },
      ),
    );
  });
});

describe('CSV', () => {
  it('quotes as RFC 4180 says and ends every record with CRLF', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          ['line\nbreak', null],
          [1.5, 'plain'],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",\r\n1.5,plain\r\n');
  });

  it('keeps umlauts and § as they are (UTF-8, no byte-order mark)', () => {
    expect(toCsv(['label'], [['Bundesamt für Justiz, StPO §95a']])).toBe(
      'label\r\n"Bundesamt für Justiz, StPO §95a"\r\n',
    );
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('+49 30 1234')).toBe("'+49 30 1234");
    expect(csvField('10-49')).toBe('10-49');
    expect(csvField('< 10')).toBe('< 10');
    expect(csvField(-3)).toBe('-3');
    expect(() => csvField(Number.NaN)).toThrow(RangeError);
  });
});
