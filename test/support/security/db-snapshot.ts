import type { TestApp } from '../test-app.js';

/**
 * Tables whose rows change without any write by a caller: the audit trail (failed sign-ins are
 * recorded, the sequencer places events, checkpoints are signed on a timer, a verification keeps
 * the state it verified), the tokens
 * (last use is stamped on authentication), and the sign-in throttle (failed attempts are counted).
 */
export const VOLATILE_TABLES = [
  'audit_events',
  'audit_checkpoints',
  'audit_leaf_copies',
  'audit_verified_states',
  'access_tokens',
  'sign_in_throttle',
];

export type DbSnapshot = Record<string, { rows: number; md5: string | null }>;

/** Row count and a checksum of the whole content of every data table of the test database. */
export async function snapshot(t: TestApp): Promise<DbSnapshot> {
  const tables = await t.sql<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const result: DbSnapshot = {};
  for (const { table_name: name } of tables) {
    if (VOLATILE_TABLES.includes(name)) continue;
    const [row] = await t.sql<{ n: number; h: string | null }>(
      `SELECT count(*)::int AS n, md5(string_agg(x::text, ',' ORDER BY x::text)) AS h FROM "${name}" x`,
    );
    result[name] = { rows: Number(row.n), md5: row.h };
  }
  return result;
}
