import { describe, expect, it } from '@jest/globals';
import { embargoInForce, gagInForce } from '../../src/domain/withheld.js';
import { EMBARGO_CASES, GAG_CASES, NOW } from '../support/withheld-cases.js';

/** The TypeScript form of the rule; test/e2e/withheld.e2e.spec.ts runs the SQL form on the same table. */
describe('what withholds a case from public output', () => {
  it.each(GAG_CASES)('a gag $name is in force: $inForce', ({ liftedAt, until, inForce }) => {
    expect(gagInForce({ liftedAt, until }, NOW)).toBe(inForce);
  });

  it.each(EMBARGO_CASES)('an embargo $name is in force: $inForce', ({ until, inForce }) => {
    expect(embargoInForce(until, NOW)).toBe(inForce);
  });

  it('reads dates given as ISO strings as the instants they name', () => {
    expect(gagInForce({ liftedAt: null, until: '2015-01-15T12:00:00.001+01:00' }, NOW)).toBe(true);
    expect(gagInForce({ liftedAt: '2015-01-15T11:00:00Z', until: null }, NOW)).toBe(false);
    expect(embargoInForce('2015-01-15T11:00:00.001Z', NOW)).toBe(true);
    expect(embargoInForce('2015-01-15T12:00:00+01:00', NOW)).toBe(false);
  });
});
