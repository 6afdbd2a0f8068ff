import { describe, expect, it } from '@jest/globals';
import { downtimeSummary, mergedMinutes } from '../../src/cases/downtime.js';

const t = (hhmm: string) => new Date(`2015-01-15T${hhmm}:00+01:00`);
const now = t('18:00');

describe('downtime merging', () => {
  it('counts a single interval', () => {
    expect(mergedMinutes([{ start: t('09:45'), end: t('12:21') }], now)).toBe(156);
  });

  it('counts overlapping intervals once', () => {
    expect(
      mergedMinutes(
        [
          { start: t('09:45'), end: t('12:21') },
          { start: t('10:00'), end: t('11:00') },
          { start: t('12:00'), end: t('13:00') },
        ],
        now,
      ),
    ).toBe(195);
  });

  it('adds disjoint intervals and treats touching ones as one', () => {
    expect(
      mergedMinutes(
        [
          { start: t('13:00'), end: t('14:00') },
          { start: t('09:00'), end: t('10:00') },
          { start: t('10:00'), end: t('10:30') },
        ],
        now,
      ),
    ).toBe(150);
  });

  it('counts an open interval until now', () => {
    expect(mergedMinutes([{ start: t('17:00'), end: null }], now)).toBe(60);
  });

  it('breaks down per system and overall', () => {
    const summary = downtimeSummary(
      [
        { systemId: 'web', start: t('09:45'), end: t('12:21') },
        { systemId: 'mail', start: t('09:45'), end: t('12:21') },
        { systemId: 'mail', start: t('17:00'), end: null },
      ],
      now,
    );
    expect(summary.totalMinutes).toBe(156 + 60);
    expect(summary.ongoing).toBe(true);
    expect(summary.systems).toEqual([
      { inventoryItemId: 'web', minutes: 156, ongoing: false },
      { inventoryItemId: 'mail', minutes: 216, ongoing: true },
    ]);
  });

  it('returns zero for no intervals', () => {
    expect(mergedMinutes([], now)).toBe(0);
  });
});
