import { describe, expect, it } from 'vitest';
import { isExact, midnight, nextDay, periodQuery } from './report-period';

describe('periodQuery', () => {
  it('asks for a year or a half-year as the API names them', () => {
    expect(periodQuery({ kind: 'year', year: 2015 })).toEqual({ year: '2015' });
    expect(periodQuery({ kind: 'half', year: 2015, half: 2 })).toEqual({ half: '2015-H2' });
  });

  it('includes the "to" day: the query ends at midnight after it', () => {
    const q = periodQuery({ kind: 'range', from: '2015-01-01', to: '2015-12-31' });
    expect(q?.from?.startsWith('2015-01-01T00:00:00')).toBe(true);
    expect(q?.to?.startsWith('2016-01-01T00:00:00')).toBe(true);
  });

  it('is null while the period is incomplete or backwards', () => {
    expect(periodQuery({ kind: 'year', year: Number.NaN })).toBeNull();
    expect(periodQuery({ kind: 'range', from: '2015-06-01', to: '2015-05-31' })).toBeNull();
    expect(periodQuery({ kind: 'range', from: '', to: '2015-05-31' })).toBeNull();
  });
});

describe('dates', () => {
  it('counts days across month, year and leap-day ends', () => {
    expect(nextDay('2015-12-31')).toBe('2016-01-01');
    expect(nextDay('2016-02-28')).toBe('2016-02-29');
    expect(nextDay('2015-02-28')).toBe('2015-03-01');
  });

  it('writes midnight with an offset', () => {
    expect(midnight('2015-07-01')).toMatch(/^2015-07-01T00:00:00[+-]\d{2}:\d{2}$/);
  });
});

describe('isExact', () => {
  it('is true only when every figure is a number (or does not apply)', () => {
    expect(isExact([{ value: 3 }, { value: null }])).toBe(true);
    expect(isExact([{ value: 3 }, { value: '1-9' }])).toBe(false);
  });
});
