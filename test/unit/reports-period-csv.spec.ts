import { describe, expect, it } from '@jest/globals';
import { csvField, toCsv } from '../../src/reports/csv.js';
import { periodFromQuery, startOfDay } from '../../src/reports/period.js';
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
