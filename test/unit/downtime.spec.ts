import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { AffectedSystem } from '../../src/cases/parts/affected-systems/affected-system.entity.js';
import type { Target } from '../../src/cases/parts/targets/target.entity.js';
import { impactFigures } from '../../src/cases/case-file.mapper.js';
import { downtimeSummary, mergedMinutes, type Interval } from '../../src/cases/downtime.js';
import type { Impact } from '../../src/domain/vocabulary.js';

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
      {
        inventoryItemId: 'web',
        minutes: 156,
        ongoing: false,
        lowerBound: false,
        approximate: false,
      },
      {
        inventoryItemId: 'mail',
        minutes: 216,
        ongoing: true,
        lowerBound: false,
        approximate: false,
      },
    ]);
  });

  it('returns zero for no intervals', () => {
    expect(mergedMinutes([], now)).toBe(0);
  });
});

describe('downtime merging, table', () => {
  it.each([
    {
      name: 'nested interval',
      spans: [
        ['09:00', '12:00'],
        ['10:00', '11:00'],
      ],
      minutes: 180,
    },
    {
      name: 'chain of overlaps',
      spans: [
        ['09:00', '10:00'],
        ['09:30', '11:00'],
        ['10:59', '12:00'],
      ],
      minutes: 180,
    },
    {
      name: 'touching at one instant',
      spans: [
        ['09:00', '10:00'],
        ['10:00', '11:00'],
      ],
      minutes: 120,
    },
    {
      name: 'a gap of one minute',
      spans: [
        ['09:00', '10:00'],
        ['10:01', '11:00'],
      ],
      minutes: 119,
    },
    {
      name: 'identical intervals',
      spans: [
        ['09:00', '10:00'],
        ['09:00', '10:00'],
      ],
      minutes: 60,
    },
    { name: 'empty interval', spans: [['09:00', '09:00']], minutes: 0 },
    { name: 'end before start counts as nothing', spans: [['10:00', '09:00']], minutes: 0 },
    {
      name: 'open interval overlapping a closed one',
      spans: [
        ['16:00', '17:30'],
        ['17:00', null],
      ],
      minutes: 120,
    },
    {
      name: 'open interval inside a closed one reaching past now',
      spans: [
        ['17:00', null],
        ['16:00', '19:00'],
      ],
      minutes: 180,
    },
    {
      name: 'two open intervals',
      spans: [
        ['17:00', null],
        ['17:30', null],
      ],
      minutes: 60,
    },
    { name: 'open interval starting after now', spans: [['19:00', null]], minutes: 0 },
  ])('$name: $minutes min', ({ spans, minutes }) => {
    const intervals = spans.map(([a, b]) => ({ start: t(a as string), end: b ? t(b) : null }));
    expect(mergedMinutes(intervals, now)).toBe(minutes);
  });
});

describe('downtime merging, properties', () => {
  const base = t('00:00').getTime();
  /** Intervals on whole minutes of one day, some open (ending at now, 18:00). */
  const intervals = fc.array(
    fc
      .tuple(fc.integer({ min: 0, max: 1440 }), fc.integer({ min: 0, max: 600 }), fc.boolean())
      .map(([start, length, open]): Interval & { minutes: number } => ({
        start: new Date(base + start * 60_000),
        end: open ? null : new Date(base + (start + length) * 60_000),
        minutes: open ? Math.max(0, 1080 - start) : length,
      })),
    { maxLength: 12 },
  );

  it('is at most the sum of the intervals and at least the longest', () => {
    fc.assert(
      fc.property(intervals, (list) => {
        const merged = mergedMinutes(list, now);
        const lengths = list.map((i) => i.minutes);
        return merged <= lengths.reduce((a, b) => a + b, 0) && merged >= Math.max(0, ...lengths);
      }),
    );
  });

  it('does not depend on the order of the intervals, and adds nothing for a repeated one', () => {
    fc.assert(
      fc.property(intervals, fc.nat(), (list, seed) => {
        const shuffled = [...list].sort(
          (a, b) =>
            ((a.start.getTime() * 7919 + seed) % 101) - ((b.start.getTime() * 7919 + seed) % 101),
        );
        const merged = mergedMinutes(list, now);
        return (
          mergedMinutes(shuffled, now) === merged &&
          mergedMinutes([...list, ...list], now) === merged
        );
      }),
    );
  });

  it('adds disjoint groups of intervals', () => {
    fc.assert(
      fc.property(intervals, intervals, (a, b) => {
        // b moved to the next day, past every interval of a (and past now: closed ones only).
        const later = b.map((i) => ({
          start: new Date(i.start.getTime() + 3 * 86_400_000),
          end: new Date((i.end ?? i.start).getTime() + 3 * 86_400_000),
        }));
        const farNow = new Date(base + 2 * 86_400_000);
        return (
          mergedMinutes([...a, ...later], farNow) ===
          mergedMinutes(a, farNow) + mergedMinutes(later, farNow)
        );
      }),
    );
  });

  it('gives each system at most the total, and the total at most the sum over systems', () => {
    const systems = fc.array(fc.tuple(fc.constantFrom('web', 'mail', 'db'), intervals), {
      maxLength: 3,
    });
    fc.assert(
      fc.property(systems, (perSystem) => {
        const all = perSystem.flatMap(([systemId, list]) => list.map((i) => ({ ...i, systemId })));
        const summary = downtimeSummary(all, now);
        const minutes = summary.systems.map((s) => s.minutes);
        return (
          minutes.every((m) => m <= summary.totalMinutes) &&
          summary.totalMinutes <= minutes.reduce((a, b) => a + b, 0) &&
          summary.ongoing === summary.systems.some((s) => s.ongoing) &&
          new Set(summary.systems.map((s) => s.inventoryItemId)).size === summary.systems.length
        );
      }),
    );
  });
});

describe('downtime by impact (the case file)', () => {
  const system = (inventoryItemId: string, impact: Impact, start: string, end: string | null) =>
    ({
      inventoryItemId,
      impact,
      startedAt: t(start),
      endedAt: end ? t(end) : null,
    }) as AffectedSystem;
  const figures = (affected: AffectedSystem[], targets = 1) =>
    impactFigures(
      Array.from({ length: targets }, () => ({}) as Target),
      affected,
      [],
      false,
      new Map([
        ['web', 'Web server'],
        ['mail', 'Mail server'],
        ['db', 'Database'],
      ]),
      now,
    );

  it.each([
    { impact: 'seized', down: 60, affected: 1 },
    { impact: 'offline', down: 60, affected: 1 },
    { impact: 'imaged', down: 0, affected: 1 },
    { impact: 'accessed', down: 0, affected: 1 },
    { impact: 'none', down: 0, affected: 0 },
  ] as const)(
    '$impact: $down min down, $affected system affected',
    ({ impact, down, affected }) => {
      const f = figures([system('web', impact, '09:00', '10:00')]);
      expect(f.downtime.totalMinutes).toBe(down);
      expect(f.downtime.systems.map((s) => s.minutes)).toEqual(down ? [down] : []);
      expect(f.collateral.systemsAffected).toBe(affected);
    },
  );

  it('merges seized and offline intervals of a system, ignores the others, names the systems, lists them in the order their outages began', () => {
    const f = figures(
      [
        system('web', 'seized', '09:00', '10:00'),
        system('web', 'offline', '09:30', '11:00'),
        system('web', 'imaged', '08:00', '12:00'),
        system('mail', 'offline', '10:30', null),
        system('db', 'accessed', '09:00', null),
      ],
      2,
    );
    expect(f.downtime.totalMinutes).toBe(9 * 60);
    expect(f.downtime.ongoing).toBe(true);
    expect(f.downtime.systems).toEqual([
      {
        inventoryItemId: 'web',
        name: 'Web server',
        minutes: 120,
        ongoing: false,
        lowerBound: false,
        approximate: false,
      },
      {
        inventoryItemId: 'mail',
        name: 'Mail server',
        minutes: 450,
        ongoing: true,
        lowerBound: false,
        approximate: false,
      },
    ]);
    expect(f.collateral).toEqual({ targetsNamed: 2, systemsAffected: 3, ratio: 1.5 });
  });

  it('says how the handover was recorded', () => {
    const handover = (disclosures: number, nothing: boolean) =>
      impactFigures(
        [],
        [],
        Array.from({ length: disclosures }, () => ({}) as never),
        nothing,
        new Map(),
        now,
      ).handover;
    expect([handover(1, false), handover(1, true), handover(0, true), handover(0, false)]).toEqual([
      'data_handed_over',
      'data_handed_over',
      'nothing_handed_over',
      'not_recorded',
    ]);
    expect(impactFigures([], [], [], false, new Map(), now).collateral.ratio).toBeNull();
  });
});
