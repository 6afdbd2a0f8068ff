import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuditTrailService } from '../../src/audit/audit-trail.service.js';
import { fixtures } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** One signing key for both instances, as a deployment behind a load balancer would configure it. */
const SIGNING_KEY = generateKeyPairSync('ed25519')
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const ENV = { AUDIT_SIGNING_KEY: SIGNING_KEY, AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0' };

/**
 * Two service instances on one PostgreSQL schema, written through at once: the audit sequencer of
 * each places events, checkpoints are signed by both as fast as they can, and afterwards the trail
 * verifies and every checkpoint has the copy of exactly the leaves it added.
 */
describe('several instances on one PostgreSQL', () => {
  let first: TestApp;
  let second: TestApp | undefined;
  beforeAll(async () => {
    first = await startTestApp({ env: ENV });
    if (first.database === 'postgres')
      second = await startTestApp({ shareDatabaseWith: first, env: ENV });
  }, 300_000);
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('write concurrently through both, sign checkpoints from both, and keep one verifiable trail', async () => {
    if (!second) return; // the embedded database belongs to one process
    const instances = [first, second];
    const cases = await Promise.all(instances.map((t) => fixtures(t.http).case()));
    const signers = instances.map((t) => t.app.get(AuditTrailService));
    const writes: Promise<number>[] = [];
    const signatures: Promise<unknown>[] = [];
    for (let round = 0; round < 8; round++) {
      instances.forEach((t, i) => {
        for (const c of cases) {
          writes.push(
            t.http
              .post(`/cases/${c.id}/timeline`)
              .send({
                occurredAt: '2015-01-15T12:00:00Z',
                type: 'note',
                description: `Round ${round} through instance ${i + 1}.`,
              })
              .then((res) => res.status),
          );
        }
        signatures.push(signers[i].checkpoint());
      });
    }
    expect(new Set(await Promise.all(writes))).toEqual(new Set([201]));
    await Promise.all(signatures);
    await Promise.all(signers.map((s) => s.checkpoint()));

    for (const t of instances) {
      const res = await t.as('auditor').get('/audit/verify');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ valid: true, unsequenced: 0 });
    }
    const [{ n: events }] = (await first.sql('SELECT count(*)::int AS n FROM audit_events')) as {
      n: number;
    }[];
    const [{ max: lastSeq }] = (await first.sql(
      'SELECT max(seq)::int AS max FROM audit_events',
    )) as { max: number }[];
    expect(lastSeq).toBe(events);

    // Signed one at a time: each checkpoint copied exactly the leaves since the one before it.
    const checkpoints = (
      (await first.sql('SELECT size FROM audit_checkpoints ORDER BY size')) as {
        size: string | number;
      }[]
    ).map((r) => Number(r.size));
    const copies = (
      (await first.sql('SELECT first_seq, last_seq FROM audit_leaf_copies ORDER BY first_seq')) as {
        first_seq: string | number;
        last_seq: string | number;
      }[]
    ).map((r) => [Number(r.first_seq), Number(r.last_seq)]);
    expect(checkpoints.length).toBeGreaterThan(1);
    expect(copies).toEqual(
      checkpoints.map((size, i) => [i === 0 ? 1 : checkpoints[i - 1] + 1, size]),
    );
    expect(checkpoints[checkpoints.length - 1]).toBe(events);
  }, 300_000);
});
