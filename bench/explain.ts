/** EXPLAIN (ANALYZE, BUFFERS) of the list SQL, trimmed to what shows the chosen plan. */
import type pg from 'pg';

export async function explain(
  client: pg.Client,
  sql: string,
  params: unknown[],
  maxLines = 14,
): Promise<string[]> {
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
    params,
  );
  const lines = rows.map((r) => r['QUERY PLAN']);
  const top = lines.filter((l) => !/^(Planning|Execution) Time/.test(l)).slice(0, maxLines);
  const times = lines.filter((l) => /^(Planning|Execution) Time|^JIT:/.test(l));
  const clip = (l: string) => (l.length > 150 ? `${l.slice(0, 147)}...` : l);
  return [...top.map(clip), ...(lines.length - times.length > maxLines ? ['  ...'] : []), ...times];
}
