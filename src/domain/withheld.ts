/**
 * When a case is kept out of every public output (reports, statements, public routes), in SQL: a
 * gag order in force (not lifted by then, not expired) or a publication embargo not yet over. One
 * rule, written once; CasesService computes the same `active` flag for the case file.
 *
 * `g` and `c` are the aliases of gag_orders and cases, `now` the parameter holding the time.
 */
export const gagInForceSql = (g: string, now: string) =>
  `(${g}.lifted_at IS NULL OR ${g}.lifted_at > ${now}) AND (${g}.until IS NULL OR ${g}.until > ${now})`;

export const embargoInForceSql = (c: string, now: string) =>
  `(${c}.embargo_until IS NOT NULL AND ${c}.embargo_until > ${now})`;
