/** Instants around "now" at which a gag or embargo is, or is no longer, in force (src/domain/withheld.ts). */
export const NOW = new Date('2015-01-15T11:00:00.000Z');
const ms = (delta: number) => new Date(NOW.getTime() + delta);

export const GAG_CASES = [
  { name: 'never lifted, no end', liftedAt: null, until: null, inForce: true },
  { name: 'lifted a millisecond ago', liftedAt: ms(-1), until: null, inForce: false },
  { name: 'lifted at this instant', liftedAt: ms(0), until: null, inForce: false },
  { name: 'to be lifted in a millisecond', liftedAt: ms(1), until: null, inForce: true },
  { name: 'expired a millisecond ago', liftedAt: null, until: ms(-1), inForce: false },
  { name: 'expiring at this instant', liftedAt: null, until: ms(0), inForce: false },
  { name: 'expiring in a millisecond', liftedAt: null, until: ms(1), inForce: true },
  { name: 'lifted before its end', liftedAt: ms(-1), until: ms(86_400_000), inForce: false },
  { name: 'to be lifted, already expired', liftedAt: ms(1), until: ms(-1), inForce: false },
  { name: 'to be lifted, running on', liftedAt: ms(1), until: ms(1), inForce: true },
];

export const EMBARGO_CASES = [
  { name: 'not set', until: null, inForce: false },
  { name: 'over a millisecond ago', until: ms(-1), inForce: false },
  { name: 'ending at this instant', until: ms(0), inForce: false },
  { name: 'ending in a millisecond', until: ms(1), inForce: true },
];
