/**
 * Times the deadline machinery on PostgreSQL (targets from the issue):
 * - the reminder scan over 10,000 open deadlines across 100,000 cases (< 200 ms per run);
 * - the outbox sending 1,000 mails to a local SMTP sink (< 10 s);
 * - the calendar feed of a user with 500 deadlines (< 100 ms).
 *
 * Standalone: npm run bench:deadlines
 *   BENCH_DATABASE_URL   default postgres://postgres@127.0.0.1:5432/test (a schema of its own, dropped after)
 *   BENCH_RUNS           timed runs of the steady scan and the feed (default 20)
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { createApp } from '../src/app.factory.js';
import { loadConfig } from '../src/config/app-config.js';
import { SYSTEM_ACTOR, userActor } from '../src/access/actor.js';
import { UsersService } from '../src/users/users.service.js';
import { ReminderScanService } from '../src/reminders/reminder-scan.service.js';
import { OutboxService } from '../src/reminders/outbox.service.js';
import { RemindersService } from '../src/reminders/reminders.service.js';

const CASES = 100_000;
const DEADLINES = 10_000;
const MAILS = 1_000;
const FEED_DEADLINES = 500;

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const fixed = (n: number) => n.toFixed(1);

async function main() {
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const runs = Number(process.env.BENCH_RUNS ?? 20);
  const schema = `bench_deadlines_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);

  let received = 0;
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const port = (sink.server.address() as { port: number }).port;

  const app = await createApp({
    ...loadConfig({
      LOG_LEVEL: 'error',
      ACCESS_LOG: 'off',
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      REMINDER_INTERVAL_SECONDS: '0',
      REPORT_TIME_ZONE: 'Europe/Berlin',
    }),
    port: 0,
    database: { kind: 'postgres', url, poolSize: 10, schema },
  });
  try {
    const users = app.get(UsersService);
    const make = (role: 'board' | 'lawyer', email: string) =>
      users.create(SYSTEM_ACTOR, {
        email,
        role,
        displayName: email,
        password: randomBytes(18).toString('base64url'),
      });
    const board = await make('board', 'board@bench.example');
    await make('lawyer', 'lawyer@bench.example');
    await admin.query(`SET search_path TO ${schema}`);

    const now = new Date('2026-06-01T08:00:00Z');
    let t0 = process.hrtime.bigint();
    await admin.query(
      `INSERT INTO cases (reference, title, request_type, received_at)
       SELECT 'B-' || i, 'Bench case ' || i,
              (ARRAY['search_and_seizure','e_evidence_production_order','preservation','european_investigation_order'])[1 + i % 4],
              $1::timestamptz - (i % 3650) * interval '1 day'
         FROM generate_series(1, $2) i`,
      [now, CASES],
    );
    // Open deadlines spread from 30 days overdue to 335 days ahead, on random cases.
    await admin.query(
      `INSERT INTO deadlines (case_id, kind, due_at)
       SELECT c.id, 'complaint', $1::timestamptz + ((random() * 365 - 30) * interval '1 day')
         FROM (SELECT id FROM cases ORDER BY random() LIMIT $2) c`,
      [now, DEADLINES],
    );
    await admin.query('ANALYZE');
    console.log(`seeded ${CASES} cases, ${DEADLINES} open deadlines in ${fixed(ms(t0) / 1000)} s`);

    const scanner = app.get(ReminderScanService);
    t0 = process.hrtime.bigint();
    const firstStages = await scanner.scan(now);
    const first = ms(t0);
    const steady: number[] = [];
    for (let i = 0; i < runs; i++) {
      const at = new Date(now.getTime() + i * 60_000);
      t0 = process.hrtime.bigint();
      await scanner.scan(at);
      steady.push(ms(t0));
    }
    console.log(
      `reminder scan: first run ${fixed(first)} ms (${firstStages} reminder stages written for the deadlines already due or within their lead); ` +
        `steady run median ${fixed(median(steady))} ms, max ${fixed(Math.max(...steady))} ms over ${runs} runs (target < 200 ms)`,
    );

    // The outbox: drop what the scan wrote, then 1,000 fresh mails.
    await admin.query('DELETE FROM outbox');
    await admin.query(
      `INSERT INTO outbox (kind, recipient, subject, body, next_attempt_at, created_at)
       SELECT 'reminder', 'user' || i || '@bench.example', 'Deadline due ' || i, 'A deadline is due.', $1, $1
         FROM generate_series(1, $2) i`,
      [now, MAILS],
    );
    received = 0;
    const outboxCpu0 = process.cpuUsage();
    t0 = process.hrtime.bigint();
    const result = await app.get(OutboxService).dispatch(() => now);
    const outboxMs = ms(t0);
    const outboxCpu = process.cpuUsage(outboxCpu0);
    console.log(
      `outbox: ${result.sent} mails sent (${received} received by the sink, ${result.failed} failed) in ${fixed(outboxMs / 1000)} s ` +
        `(${fixed(MAILS / (outboxMs / 1000))} mails/s; CPU of this process, SMTP sink included, ` +
        `${fixed((outboxCpu.user + outboxCpu.system) / 1e6)} s; target < 10 s: ${outboxMs < 10_000 ? 'PASS' : 'MISS'})`,
    );

    // The feed of a user who sees 500 deadlines.
    await admin.query(
      `DELETE FROM deadlines WHERE id NOT IN (SELECT id FROM deadlines ORDER BY id LIMIT ${FEED_DEADLINES})`,
    );
    const reminders = app.get(RemindersService);
    const { url: feedUrl } = await reminders.createCalendarFeed(
      userActor({ id: board.id, email: 'board@bench.example', role: 'board' }, null),
    );
    const path = new URL(feedUrl).pathname;
    // Calendar clients fetch the same feed again and again: unchanged, it is served as rendered;
    // after a deadline changed, it is rendered anew. Both are timed, alternately.
    const times = { unchanged: [] as number[], changed: [] as number[] };
    const cpu = { unchanged: [] as number[], changed: [] as number[] };
    let bytes = 0;
    let events = 0;
    for (let i = 0; i < 2 * runs + 1; i++) {
      const changed = i % 2 === 1;
      if (changed)
        await admin.query(
          `UPDATE ${schema}.deadlines SET updated_at = now() WHERE id = (SELECT id FROM ${schema}.deadlines ORDER BY id LIMIT 1)`,
        );
      const cpu0 = process.cpuUsage();
      t0 = process.hrtime.bigint();
      const res = await app.inject({ method: 'GET', url: path });
      const took = ms(t0);
      const used = process.cpuUsage(cpu0);
      if (res.statusCode !== 200) throw new Error(`feed answered ${res.statusCode}`);
      if (i > 0) {
        // The first run warms up. CPU time is this process's (the service's), not PostgreSQL's.
        times[changed ? 'changed' : 'unchanged'].push(took);
        cpu[changed ? 'changed' : 'unchanged'].push((used.user + used.system) / 1000);
      }
      bytes = res.body.length;
      events = res.body.split('BEGIN:VEVENT').length - 1;
    }
    for (const kind of ['unchanged', 'changed'] as const) {
      const list = times[kind];
      console.log(
        `calendar feed (${kind} since the last request): ${events} events, ${Math.round(bytes / 1024)} KiB, ` +
          `median ${fixed(median(list))} ms (service CPU ${fixed(median(cpu[kind]))} ms), max ${fixed(Math.max(...list))} ms ` +
          `over ${list.length} requests (target < 100 ms: ${median(list) < 100 ? 'PASS' : 'MISS'})`,
      );
    }
    console.log(
      `load average ${loadavg().map(fixed).join(' ')} on ${availableParallelism()} cores`,
    );
  } finally {
    await app.close();
    await new Promise<void>((resolve) => sink.close(() => resolve()));
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
