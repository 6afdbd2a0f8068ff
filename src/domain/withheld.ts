/**
 * When a case is kept out of every public output (reports, statements, public routes): a gag
 * order in force (not lifted by then, not expired) or a publication embargo not yet over. One
 * rule in two forms kept side by side: SQL for the queries, TypeScript for records already loaded
 * (the case file's `active` flag, the publishing check); a test runs both on the same instants.
 *
 * `g` and `c` are the aliases of gag_orders and cases, `now` the parameter holding the time.
 */
export const gagInForceSql = (g: string, now: string) =>
  `(${g}.lifted_at IS NULL OR ${g}.lifted_at > ${now}) AND (${g}.until IS NULL OR ${g}.until > ${now})`;

export const embargoInForceSql = (c: string, now: string) =>
  `(${c}.embargo_until IS NOT NULL AND ${c}.embargo_until > ${now})`;

const after = (d: Date | string | null, now: Date) =>
  d !== null && new Date(d).getTime() > now.getTime();

export const gagInForce = (
  g: { liftedAt: Date | string | null; until: Date | string | null },
  now: Date,
) => (g.liftedAt === null || after(g.liftedAt, now)) && (g.until === null || after(g.until, now));

export const embargoInForce = (embargoUntil: Date | string | null, now: Date) =>
  after(embargoUntil, now);
