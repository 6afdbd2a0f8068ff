/** Small SQL builders for random test data, so the seed statements stay readable. */

export const lit = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** A uniformly random element of `values`, drawn anew on every row. */
export function pick(values: readonly string[]): string {
  return `(ARRAY[${values.map(lit).join(', ')}])[1 + floor(random() * ${values.length})::int]`;
}

/**
 * One of `choices` by weight, decided by `r` (a column holding random() drawn once per row):
 * a fresh random() per WHEN branch would skew the distribution.
 */
export function weighted(r: string, choices: readonly (readonly [string, number])[]): string {
  const total = choices.reduce((sum, [, w]) => sum + w, 0);
  let cumulative = 0;
  const branches = choices.slice(0, -1).map(([value, w]) => {
    cumulative += w;
    return `WHEN ${r} < ${(cumulative / total).toFixed(6)} THEN ${lit(value)}`;
  });
  return `CASE ${branches.join(' ')} ELSE ${lit(choices[choices.length - 1][0])} END`;
}

/** A stable pseudo-random integer in [0, mod) per case and purpose, e.g. how many parts it has. */
export const caseHash = (idColumn: string, salt: string, mod: number) =>
  `((hashtext(${idColumn}::text || ${lit(salt)}) & 2147483647) % ${mod})`;
