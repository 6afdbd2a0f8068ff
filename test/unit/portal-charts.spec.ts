import { describe, expect, it } from '@jest/globals';
import { portalFigures } from '../../src/publications/portal-charts.js';

const row = (label: string, value: unknown, low: number | null, high: number | null) => ({
  label,
  value,
  low,
  high,
  unit: 'requests',
});

describe('the charts of the portal', () => {
  it('draws a bar per row of each breakdown of requests, a band at its middle, the text as published', () => {
    const { figures, charts } = portalFigures({
      sections: [
        {
          key: 'totals',
          title: 'Totals',
          rows: [
            row('Requests', '10-49', 10, 49),
            { label: 'Share', value: 50, low: 50, high: 50, unit: 'percent' },
          ],
        },
        {
          key: 'request_type',
          title: 'By type',
          rows: [
            row('Search', '1-9', 1, 9),
            row('Seizure', '500+', 500, null),
            row('Other', '0', 0, 0),
          ],
        },
        { key: 'systems', title: 'Systems', rows: [{ ...row('a', 1, 1, 1), unit: 'hours' }] },
        { key: 'outcome', title: 'Outcome', rows: [row('None', 0, 0, 0), row('Some', 0, 0, 0)] },
      ],
    });
    expect(figures).toEqual([
      { label: 'Requests', value: '10-49' },
      { label: 'Share', value: '50 %' },
    ]);
    expect(charts).toEqual([
      {
        title: 'By type',
        max: 500,
        bars: [
          { label: 'Search', value: '1-9', bar: 5 },
          { label: 'Seizure', value: '500+', bar: 500 },
          { label: 'Other', value: '0', bar: 0 },
        ],
      },
    ]);
  });
});
