/**
 * Bulk seeding of the bench schema with INSERT ... SELECT FROM generate_series: cases first, then
 * every part table straight from the cases, on two connections at once (the machine has 2 cores).
 */
import pg from 'pg';
import { caseHash, lit, pick, weighted } from './sql-random.js';
import {
  AUTHORITIES,
  CITATIONS,
  GAG_BASES,
  PLACES,
  REQUEST_TYPE_WEIGHTS,
  SEIZURE_TYPES,
  SUBJECTS,
  SUMMARY_CLOSINGS,
  SUMMARY_OPENINGS,
  TIMELINE_DETAILS,
  TIMELINE_TEXT,
  TYPE_LABELS,
} from './seed-data.js';

const INVENTORY_ITEMS = 200;
/** Cases span 2005-2025; a case's status follows its age relative to the end of that span. */
const SPAN_START = `timestamptz '2005-01-01T00:00:00Z'`;
const SPAN_END = `timestamptz '2026-01-01T00:00:00Z'`;
const SEIZURE = `(${SEIZURE_TYPES.map(lit).join(', ')})`;
const OPEN = `('received', 'under_review', 'challenged')`;

export interface SeedReport {
  /** Wall-clock time of each phase. */
  phases: { name: string; ms: number }[];
  /** Rows inserted per table. */
  rows: Record<string, number>;
}

/** What the seed needs of a connection: pg's Client, or the embedded database through an adapter. */
export interface SeedClient {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    sql: string,
    params?: unknown[],
  ): Promise<{ rows: R[]; rowCount: number | null }>;
}

export function connect(url: string, schema: string): pg.Client {
  return new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
}

const label = (lang: 0 | 1) =>
  `CASE request_type ${Object.entries(TYPE_LABELS)
    .map(([type, labels]) => `WHEN ${lit(type)} THEN ${lit(labels[lang])}`)
    .join(' ')} END`;

/** Authority ids split by country, for picking a mostly German authority per row. */
const AUTHORITY_POOL = `(SELECT array_agg(id ORDER BY id) FILTER (WHERE country = 'DE') AS de,
                                array_agg(id ORDER BY id) FILTER (WHERE country <> 'DE') AS other,
                                array_agg(id ORDER BY id) AS any FROM authorities) a`;
const INVENTORY_POOL = `(SELECT array_agg(id ORDER BY id) AS ids FROM inventory_items) inv`;
const pickFrom = (array: string, r: string) =>
  `${array}[1 + floor(${r} * cardinality(${array}))::int]`;

const authoritiesSql = () => `
  INSERT INTO authorities (name, kind, country, jurisdiction)
  SELECT name, kind, country, CASE WHEN country = 'DE' THEN 'Deutschland' END
  FROM unnest($1::text[], $2::text[], $3::text[]) AS t(name, kind, country)`;

const inventorySql = () => `
  INSERT INTO inventory_items (name, kind, location, provider, services, identifiers, users_served)
  SELECT prefix || '-' || lpad(i::text, 3, '0'), kind, ${pick(['Frankfurt FRA1', 'Berlin BER2', 'Nürnberg NUE1', 'Amsterdam AMS1', 'Wien VIE1'])},
         ${pick(['own hardware', 'Hetzner', 'Colocation Interxion', 'IPHH'])},
         ARRAY[${pick(['mail', 'web', 'vpn', 'dns', 'matrix', 'nextcloud', 'tor-relay', 'backup', 'lists'])}],
         ARRAY['10.' || (i / 250) || '.' || (i % 250) || '.1', prefix || '-' || lpad(i::text, 3, '0') || '.example.net'],
         CASE WHEN random() < 0.8 THEN (random() * 50000)::int END
  FROM (SELECT i, ${weighted('r', [
    ['physical_server', 35],
    ['virtual_server', 30],
    ['service', 15],
    ['storage', 8],
    ['network', 6],
    ['device', 6],
  ])} AS kind
        FROM (SELECT i, random() AS r FROM generate_series(1, ${INVENTORY_ITEMS}) i OFFSET 0) s) k,
       LATERAL (SELECT CASE kind WHEN 'physical_server' THEN 'srv' WHEN 'virtual_server' THEN 'vm' WHEN 'service' THEN 'svc'
                WHEN 'storage' THEN 'nas' WHEN 'network' THEN 'net' ELSE 'dev' END AS prefix) p`;

/** Cases number $1 to $2 (the series number makes the reference unique). */
const casesSql = () => `
  INSERT INTO cases (reference, title, summary, request_type, channel, emergency, received_at, status, outcome,
                     nothing_handed_over, embargo_until, user_notification_required, user_notified_at, version, created_at, updated_at)
  SELECT to_char(received_at AT TIME ZONE 'UTC', 'YYYY') || '-' || lpad(i::text, 6, '0'),
         CASE WHEN r_lang < 0.55 THEN ${label(0)} ELSE ${label(1)} END || ' – ' || ${pick(SUBJECTS)} || ' (' || ${pick(PLACES)} || ')',
         ${pick(SUMMARY_OPENINGS)} || ' ' || ${pick(SUMMARY_CLOSINGS)},
         request_type,
         CASE WHEN random() < 0.9 THEN ${pick(['email', 'email', 'fax', 'post', 'portal', 'phone', 'in_person'])} END,
         random() < 0.05, received_at, status, outcome,
         outcome IN ('none_no_data', 'none_refused'),
         CASE WHEN random() < 0.05 THEN received_at + interval '180 days' END,
         CASE WHEN r_notify < 0.3 THEN true WHEN r_notify < 0.5 THEN false END,
         CASE WHEN r_notify < 0.2 AND status = 'closed' THEN received_at + interval '200 days' END,
         1 + floor(random() * 4)::int, received_at, received_at + random() * interval '90 days'
  FROM (
    SELECT *, CASE WHEN status IN ('received', 'under_review') THEN 'pending' WHEN status = 'withdrawn' THEN 'withdrawn'
                   ELSE ${weighted('r_outcome', [
                     ['produced_in_full', 30],
                     ['produced_in_part', 20],
                     ['none_no_data', 35],
                     ['none_refused', 15],
                   ])} END AS outcome
    FROM (
      SELECT *, CASE
          WHEN received_at > ${SPAN_END} - interval '183 days' THEN ${weighted('r_status', [
            ['received', 20],
            ['under_review', 30],
            ['responded', 25],
            ['challenged', 5],
            ['closed', 15],
            ['withdrawn', 5],
          ])}
          WHEN received_at > ${SPAN_END} - interval '730 days' THEN ${weighted('r_status', [
            ['received', 2],
            ['under_review', 8],
            ['responded', 20],
            ['challenged', 5],
            ['closed', 60],
            ['withdrawn', 5],
          ])}
          ELSE ${weighted('r_status', [
            ['responded', 3],
            ['challenged', 2],
            ['closed', 90],
            ['withdrawn', 5],
          ])} END AS status
      FROM (
        -- sqrt(): more cases in later years, as the service grew.
        SELECT i, ${SPAN_START} + sqrt(random()) * (${SPAN_END} - ${SPAN_START}) AS received_at,
               ${weighted('r_type', REQUEST_TYPE_WEIGHTS)} AS request_type,
               r_status, r_outcome, r_lang, r_notify
        FROM (SELECT i, random() AS r_type, random() AS r_status, random() AS r_outcome, random() AS r_lang, random() AS r_notify
              FROM generate_series($1::int, $2::int) i OFFSET 0) r
        OFFSET 0
      ) s1
    ) s2
  ) s3`;

/**
 * Rows of (case, g) with g = 1..n per case, for the half of the cases given as $1 (0 or 1) so that
 * two connections can share the work. The OFFSET 0 keeps each random() drawn once per row.
 */
const perCase = (count: string, randoms: string[]) => `
  (SELECT c.id AS case_id, c.received_at, c.request_type, c.status, c.outcome, g,
          ${randoms.map((r) => `random() AS ${r}`).join(', ')}
     FROM cases c CROSS JOIN LATERAL generate_series(1, ${count}) g
    WHERE ${caseHash('c.id', 'half', 2)} = $1::int OFFSET 0) x`;

const partSql: Record<string, string> = {
  case_authorities: `
    INSERT INTO case_authorities (case_id, authority_id, role, file_number, created_at, updated_at)
    SELECT case_id, CASE WHEN r_de < 0.7 THEN ${pickFrom('a.de', 'r_pick')} ELSE ${pickFrom('a.other', 'r_pick')} END,
           (ARRAY['issuing', 'requesting', 'executing'])[g],
           CASE WHEN r_file < 0.7 THEN (100 + floor(r_file * 800))::int || ' Js ' || (1000 + g * 137 % 9000) || '/' || to_char(received_at, 'YY') END,
           received_at, received_at
    FROM ${perCase(`1 + ${caseHash('c.id', 'ca', 3)}`, ['r_de', 'r_pick', 'r_file'])}, ${AUTHORITY_POOL}`,

  legal_bases: `
    INSERT INTO legal_bases (case_id, jurisdiction, citation, document_type, issued_at, issued_by, authority_id, created_at, updated_at)
    SELECT case_id, CASE WHEN r_j < 0.85 THEN 'DE' ELSE 'US' END,
           CASE WHEN r_j < 0.75 THEN ${pick(CITATIONS.DE)} WHEN r_j < 0.85 THEN ${pick(CITATIONS.EU)} ELSE ${pick(CITATIONS.US)} END,
           ${weighted('r_doc', [
             ['order', 40],
             ['decision', 25],
             ['request', 25],
             ['certificate', 5],
             ['letter', 5],
           ])},
           received_at - random() * interval '20 days',
           ${weighted('r_by', [
             ['judge', 60],
             ['urgency', 15],
             ['other', 25],
           ])},
           CASE WHEN r_by < 0.8 THEN ${pickFrom('a.any', 'random()')} END, received_at, received_at
    FROM ${perCase(`1 + ${caseHash('c.id', 'lb', 2)}`, ['r_j', 'r_doc', 'r_by'])}, ${AUTHORITY_POOL}`,

  targets: `
    INSERT INTO targets (case_id, kind, value, period_from, period_until, data_categories, existence, inventory_item_id, created_at, updated_at)
    SELECT case_id, kind,
           CASE kind WHEN 'email_address' THEN 'user' || n || '@' || ${pick(['example.org', 'mail.example.net', 'riseup.example'])}
                     WHEN 'ip_address' THEN '198.51.' || (n % 250) || '.' || (n / 250 % 250)
                     WHEN 'domain' THEN 'site-' || n || '.example'
                     WHEN 'url' THEN 'https://site-' || n || '.example/forum/thread/' || (n % 977)
                     WHEN 'server' THEN 'srv-' || lpad((n % ${INVENTORY_ITEMS})::text, 3, '0')
                     ELSE 'account-' || n END,
           CASE WHEN r_period < 0.7 THEN received_at - interval '90 days' END,
           CASE WHEN r_period < 0.5 THEN received_at - interval '1 day' END,
           CASE WHEN r_period < 0.3 THEN ARRAY[${pick(['subscriber', 'traffic', 'content', 'ip_addresses', 'logs'])}, 'metadata']
                ELSE ARRAY[${pick(['subscriber', 'traffic', 'content', 'ip_addresses', 'logs', 'metadata'])}] END,
           ${weighted('r_exist', [
             ['exists', 50],
             ['never_existed', 15],
             ['no_longer_exists', 10],
             ['unknown', 25],
           ])},
           CASE WHEN kind IN ('server', 'service') THEN ${pickFrom('inv.ids', 'r_exist')} END,
           received_at, received_at
    FROM (SELECT *, ${weighted('r_kind', [
      ['account', 30],
      ['email_address', 25],
      ['ip_address', 15],
      ['domain', 10],
      ['url', 8],
      ['server', 5],
      ['mailbox', 4],
      ['service', 3],
    ])} AS kind,
                 (random() * 1000000)::int AS n
          FROM ${perCase(`1 + ${caseHash('c.id', 'tg', 3)}`, ['r_kind', 'r_period', 'r_exist'])}) t, ${INVENTORY_POOL}`,

  affected_systems: `
    INSERT INTO affected_systems (case_id, inventory_item_id, impact, started_at, ended_at, end_state, users_affected, created_at, updated_at)
    SELECT case_id, ${pickFrom('inv.ids', 'r_inv')},
           CASE WHEN request_type IN ${SEIZURE} THEN ${weighted('r_impact', [
             ['seized', 40],
             ['imaged', 20],
             ['offline', 30],
             ['accessed', 10],
           ])}
                ELSE ${weighted('r_impact', [
                  ['offline', 30],
                  ['accessed', 50],
                  ['none', 20],
                ])} END,
           started_at, CASE WHEN r_end < 0.95 THEN started_at + r_end * interval '14 days' END,
           CASE WHEN r_end < 0.95 THEN 'ended' ELSE 'ongoing' END,
           CASE WHEN r_inv < 0.8 THEN (r_end * 20000)::int END, received_at, received_at
    FROM (SELECT *, received_at + (g - 1) * interval '2 hours' + r_impact * interval '1 day' AS started_at
          FROM ${perCase(`CASE WHEN c.request_type IN ${SEIZURE} THEN 1 + ${caseHash('c.id', 'as', 5)} ELSE ${caseHash('c.id', 'as', 12)} / 10 * 2 END`, ['r_inv', 'r_impact', 'r_end'])}) s,
         ${INVENTORY_POOL}`,

  disclosures: `
    INSERT INTO disclosures (case_id, data_category, description, accounts_count, items_count, handed_over_at,
                             recipient_authority_id, recipient, handover_reference, sha256, created_at, updated_at)
    SELECT case_id, ${pick(['subscriber', 'traffic', 'content', 'ip_addresses', 'logs', 'metadata'])},
           ${pick(['Bestandsdaten als verschlüsseltes PDF', 'Subscriber record as encrypted PDF', 'Logauszug auf DVD', 'Log excerpt on USB stick', 'Mailbox-Export (mbox)'])},
           1 + (r * 3)::int, (r * 500)::int, received_at + (1 + r * 30) * interval '1 day',
           ${pickFrom('a.any', 'r')}, CASE WHEN r < 0.3 THEN 'KHK ' || ${pick(['Müller', 'Schmidt', 'Weber', 'Smith', 'Jansen'])} END,
           'UE-' || to_char(received_at, 'YYYY') || '-' || (g * 1000 + (r * 999)::int),
           encode(sha256((case_id::text || g)::bytea), 'hex'), received_at, received_at
    FROM ${perCase(`CASE c.outcome WHEN 'produced_in_full' THEN 1 + ${caseHash('c.id', 'di', 2)} WHEN 'produced_in_part' THEN 1 ELSE 0 END`, ['r'])},
         ${AUTHORITY_POOL}`,

  seized_items: `
    INSERT INTO seized_items (case_id, description, serial_number, disk_hashes, in_official_inventory, inventory_item_id,
                              seized_at, returned_at, return_state, condition_on_return, created_at, updated_at)
    SELECT case_id, ${pick(['Server 19" 2HE', 'Festplatte 4 TB', 'hard drive 2 TB', 'Laptop', 'USB-Stick', 'Router'])},
           'SN' || upper(substr(md5(case_id::text || g), 1, 10)),
           jsonb_build_array(jsonb_build_object('algorithm', 'sha256', 'value', encode(sha256((case_id::text || g || 'disk')::bytea), 'hex'))),
           CASE WHEN r < 0.7 THEN true WHEN r < 0.85 THEN false END, ${pickFrom('inv.ids', 'r')},
           received_at, CASE WHEN r < 0.6 THEN received_at + (30 + r * 400) * interval '1 day' END,
           CASE WHEN r < 0.6 THEN 'ended' ELSE 'ongoing' END,
           CASE WHEN r < 0.6 THEN ${pick(['unbeschädigt', 'undamaged', 'Gehäuse beschädigt', 'seal broken'])} END, received_at, received_at
    FROM ${perCase(`CASE WHEN c.request_type IN ${SEIZURE} THEN 1 + ${caseHash('c.id', 'si', 3)} ELSE 0 END`, ['r'])}, ${INVENTORY_POOL}`,

  timeline_events: `
    INSERT INTO timeline_events (case_id, occurred_at, type, description, created_at, updated_at)
    SELECT case_id, occurred_at, type,
           CASE type ${Object.entries(TIMELINE_TEXT)
             .map(([type, texts]) => `WHEN ${lit(type)} THEN ${pick(texts)}`)
             .join(' ')} END || ': ' || ${pick(TIMELINE_DETAILS)},
           occurred_at, occurred_at
    FROM (SELECT *, received_at + (g - 1) * (1 + r_day * 5) * interval '1 day' AS occurred_at,
                 CASE WHEN g = 1 THEN 'received'
                      WHEN request_type IN ${SEIZURE} THEN ${weighted('r_type', [
                        ['search_started', 15],
                        ['systems_offline', 15],
                        ['data_copied', 15],
                        ['items_seized', 15],
                        ['systems_restored', 10],
                        ['items_returned', 10],
                        ['statement_published', 5],
                        ['legal_advice', 10],
                        ['complaint_filed', 5],
                      ])}
                      ELSE ${weighted('r_type', [
                        ['authority_contact', 25],
                        ['data_handed_over', 15],
                        ['legal_advice', 10],
                        ['note', 20],
                        ['status_changed', 20],
                        ['complaint_filed', 5],
                        ['statement_published', 5],
                      ])} END AS type
          FROM ${perCase(`3 + ${caseHash('c.id', 'te', 6)}`, ['r_type', 'r_day'])}) t`,

  deadlines: `
    INSERT INTO deadlines (case_id, kind, due_at, done_at, notes, created_at, updated_at)
    SELECT case_id, kind, due_at,
           -- open cases keep their deadlines open (many are overdue); 2% of the others were forgotten.
           CASE WHEN status IN ${OPEN} OR r_done < 0.02 THEN NULL ELSE due_at - r_done * interval '5 days' END,
           CASE WHEN r_done < 0.2 THEN ${pick(['Frist verlängert', 'extension requested', 'Rückfrage offen'])} END, received_at, received_at
    FROM (SELECT *, received_at + CASE WHEN kind IN ('preservation_expiry', 'court_review', 'gag_review', 'user_notification')
                                      THEN (90 + r_due * 1100) ELSE (7 + r_due * 23) END * interval '1 day' AS due_at
          FROM (SELECT *, ${weighted('r_kind', [
            ['response', 40],
            ['production', 20],
            ['preservation_expiry', 15],
            ['court_review', 5],
            ['gag_review', 5],
            ['user_notification', 5],
            ['internal', 10],
          ])} AS kind
                FROM ${perCase(`CASE WHEN c.status IN ${OPEN} THEN 1 + ${caseHash('c.id', 'dl', 2)} ELSE ${caseHash('c.id', 'dl', 3)} END`, ['r_kind', 'r_due', 'r_done'])}) k) d`,

  gag_orders: `
    INSERT INTO gag_orders (case_id, legal_basis, binding, until, review_at, lifted_at, notes, created_at, updated_at)
    SELECT case_id, ${pick(GAG_BASES)}, ${weighted('r', [
      ['yes', 70],
      ['no', 10],
      ['disputed', 20],
    ])},
           CASE WHEN r2 < 0.7 THEN received_at + (1 + r2 * 3) * interval '1 year' END,
           received_at + interval '6 months',
           CASE WHEN r2 > 0.6 AND received_at < ${SPAN_END} - interval '3 years' THEN received_at + interval '2 years' END,
           NULL, received_at, received_at
    FROM ${perCase(`CASE WHEN ${caseHash('c.id', 'gag', 100)} < 3 THEN 1 ELSE 0 END`, ['r', 'r2'])}`,
};

type Job = { table?: string; sql: string; params?: unknown[] };

/** Runs the jobs on all clients at once, each client taking the next job when it is free. */
async function runParallel(clients: SeedClient[], jobs: Job[], rows: Record<string, number>) {
  const queue = [...jobs];
  await Promise.all(
    clients.map(async (client) => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        const result = await client.query(job.sql, job.params);
        if (job.table) rows[job.table] = (rows[job.table] ?? 0) + (result.rowCount ?? 0);
      }
    }),
  );
}

/** Indexes that back no constraint: dropped for the load, built afterwards in one pass each. */
async function secondaryIndexes(
  client: SeedClient,
  schema: string,
): Promise<{ name: string; def: string; table: string }[]> {
  const { rows } = await client.query<{ name: string; def: string; table: string }>(
    `SELECT ic.relname AS name, pg_get_indexdef(i.indexrelid) AS def, tc.relname AS table
       FROM pg_index i
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_class tc ON tc.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = tc.relnamespace
      WHERE n.nspname = $1 AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
      ORDER BY pg_relation_size(i.indrelid) DESC, i.indexrelid`,
    [schema],
  );
  return rows;
}

const PART_TABLES = Object.keys(partSql);

/** The signed-in user of the load; the app server signs in as this account. */
export const BENCH_USER_EMAIL = 'bench@bench.example';
/** Members of restricted cases: the bench user and 19 others (they never sign in). */
const MEMBER_USERS = 20;
/** One case in RESTRICTED_EVERY is restricted, as in an organisation that keeps a few cases hidden. */
const RESTRICTED_EVERY = 20;

const membersSql = () => `
  INSERT INTO users (email, display_name, role, password_hash)
  SELECT CASE WHEN i = 0 THEN ${lit(BENCH_USER_EMAIL)} ELSE 'member-' || i || '@bench.example' END,
         'Bench member ' || i, 'board', '!'
    FROM generate_series(0, ${MEMBER_USERS - 1}) i
  ON CONFLICT (email) DO NOTHING`;

const restrictSql = () => `
  UPDATE cases SET restricted = true WHERE ${caseHash('id', 'restricted', RESTRICTED_EVERY)} = 0`;

/** Two different members per restricted case, so the bench user is a member of one in ten. */
const caseMembersSql = () => `
  INSERT INTO case_members (case_id, user_id)
  SELECT c.id, u.ids[1 + (k.first + k.step * j) % ${MEMBER_USERS}]
    FROM cases c
    CROSS JOIN (SELECT array_agg(id ORDER BY email) AS ids FROM users
                 WHERE email = ${lit(BENCH_USER_EMAIL)} OR email LIKE 'member-%@bench.example') u
    CROSS JOIN LATERAL (SELECT ${caseHash('c.id', 'member', MEMBER_USERS)} AS first,
                               1 + ${caseHash('c.id', 'step', MEMBER_USERS - 1)} AS step) k
    CROSS JOIN generate_series(0, 1) j
   WHERE c.restricted
  ON CONFLICT DO NOTHING`;

/**
 * Fills the (migrated, empty) schema: cases in two halves on two connections, then every part
 * table per half of the cases, then the secondary indexes, then VACUUM ANALYZE.
 */
export async function seed(url: string, schema: string, cases: number): Promise<SeedReport> {
  const clients = [connect(url, schema), connect(url, schema)];
  try {
    await Promise.all(clients.map((c) => c.connect()));
    return await seedWith(clients, schema, cases);
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
  }
}

/** The seed on connections already open (two for PostgreSQL; the embedded database has one session). */
export async function seedWith(
  clients: SeedClient[],
  schema: string,
  cases: number,
): Promise<SeedReport> {
  const [main] = clients;
  const report: SeedReport = { phases: [], rows: {} };
  const phase = async (name: string, work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    report.phases.push({ name, ms: performance.now() - started });
  };
  {
    for (const c of clients) {
      // A bulk load the bench can simply redo: no need to wait for WAL flushes.
      await c.query(`SET synchronous_commit = off; SET maintenance_work_mem = '256MB'`);
      // Every part row is generated from an existing case, so the foreign-key triggers (one
      // lookup and row lock per row) can be skipped; this needs a superuser, else they run.
      await c.query(`SET session_replication_role = replica`).catch(() => {});
    }
    // Keeping cases.timeline_search current row by row would re-aggregate a case per event;
    // fill it once in bulk after the load instead.
    await main.query('ALTER TABLE timeline_events DISABLE TRIGGER timeline_events_search');
    const indexes = await secondaryIndexes(main, schema);
    await phase(`drop ${indexes.length} secondary indexes`, async () => {
      for (const index of indexes) await main.query(`DROP INDEX ${index.name}`);
    });
    await phase('authorities, inventory_items', async () => {
      const columns = [0, 1, 2].map((i) => AUTHORITIES.map((a) => a[i]));
      report.rows.authorities = (await main.query(authoritiesSql(), columns)).rowCount ?? 0;
      report.rows.inventory_items = (await main.query(inventorySql())).rowCount ?? 0;
    });
    const half = Math.ceil(cases / 2);
    await phase('cases (2 connections)', () =>
      runParallel(
        clients,
        [
          { table: 'cases', sql: casesSql(), params: [1, half] },
          { table: 'cases', sql: casesSql(), params: [half + 1, cases] },
        ],
        report.rows,
      ),
    );
    // Each connection fills every part table for its half of the cases: equal shares of work.
    await phase('case parts (2 connections)', () =>
      Promise.all(
        clients.map((client, k) =>
          runParallel(
            [client],
            PART_TABLES.map((t) => ({ table: t, sql: partSql[t], params: [k] })),
            report.rows,
          ),
        ),
      ),
    );
    await phase('restricted cases and their members', async () => {
      report.rows.users = (await main.query(membersSql())).rowCount ?? 0;
      report.rows['cases (restricted)'] = (await main.query(restrictSql())).rowCount ?? 0;
      report.rows.case_members = (await main.query(caseMembersSql())).rowCount ?? 0;
    });
    // Both connections, each for half of the cases (split by id), as for the other tables.
    await phase('timeline search vectors (2 connections)', async () => {
      await Promise.all(
        clients.map((client, k) =>
          client.query(`
            UPDATE cases c SET timeline_search = s.v
              FROM (SELECT case_id,
                           to_tsvector('simple', string_agg(description, ' ')) ||
                           to_tsvector('german', string_agg(description, ' ')) ||
                           to_tsvector('english', string_agg(description, ' ')) AS v
                      FROM timeline_events
                     WHERE (get_byte(uuid_send(case_id), 15) % 2) = ${k}
                     GROUP BY case_id) s
             WHERE s.case_id = c.id`),
        ),
      );
      await main.query('ALTER TABLE timeline_events ENABLE TRIGGER timeline_events_search');
    });
    await phase(`create ${indexes.length} secondary indexes (2 connections)`, () =>
      runParallel(
        clients,
        indexes.map((i) => ({ sql: i.def })),
        report.rows,
      ),
    );
    // VACUUM as well as ANALYZE: sets the visibility map (index-only scans), as autovacuum would
    // have done on a database in use. Only our tables: a bare VACUUM would walk the whole database.
    const tables = ['cases', ...PART_TABLES, 'authorities', 'inventory_items'];
    await phase('vacuum analyze (2 connections)', () =>
      runParallel(
        clients,
        tables.map((t) => ({ sql: `VACUUM (ANALYZE) ${t}` })),
        report.rows,
      ),
    );
    return report;
  }
}
