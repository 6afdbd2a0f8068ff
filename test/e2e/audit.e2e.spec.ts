import { randomUUID, verify as verifySignature } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import type TestAgent from 'supertest/lib/agent.js';
import { AuditService } from '../../src/audit/audit.service.js';
import { AuditSequencer } from '../../src/audit/audit-sequencer.js';
import { AuditTrailService } from '../../src/audit/audit-trail.service.js';
import {
  chainHashOf,
  leafHashOf,
  toBuffer,
  type AuditContent,
} from '../../src/audit/audit-hash.js';
import { hashLeaf, rootOf, verifyConsistency, verifyInclusion } from '../../src/audit/merkle.js';
import { runWithContext } from '../../src/common/request-context.js';
import { fixtures } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { SYSTEM_ACTOR, userActor } from '../../src/access/actor.js';
import { UnitOfWork } from '../../src/database/unit-of-work.js';

/** Who reads the trail in these tests (a role with audit.read). */
const asAuditor = (t: TestApp): TestAgent => t.as('auditor');
const anonymous = (t: TestApp): TestAgent => t.as('anonymous');

type Verify = {
  valid: boolean;
  size: number;
  rootHash: string | null;
  firstBroken?: { seq: number; upTo?: number; reason: string; detail: string };
};

describe('audit trail', () => {
  let t: TestApp;
  let audit: AuditService;
  let sequencer: AuditSequencer;
  let trail: AuditTrailService;
  let dataSource: DataSource;
  let caseId: string;

  const verify = async (): Promise<Verify> =>
    (await asAuditor(t).get('/audit/verify').expect(200)).body as Verify;
  const count = async (where = 'true') =>
    Number(
      (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE ${where}`))[0]
        .n,
    );
  /** What an attacker with database access does: switch the append-only triggers off around a change. */
  const tamper = async (...statements: string[]) => {
    await t.sql('ALTER TABLE audit_events DISABLE TRIGGER USER');
    try {
      for (const sql of statements) await t.sql(sql);
    } finally {
      await t.sql('ALTER TABLE audit_events ENABLE TRIGGER USER');
    }
  };
  const entry = (
    over: Partial<Parameters<AuditService['record']>[1]> = {},
  ): Parameters<AuditService['record']>[1] => ({
    actor: SYSTEM_ACTOR,
    action: 'update',
    entityType: 'case',
    entityId: caseId,
    caseId,
    changes: { title: { before: 'old', after: 'new' } },
    ...over,
  });

  beforeAll(async () => {
    // Checkpoints only when the tests ask: a periodic one in the middle of a tampering test would make it flaky.
    t = await startTestApp({ env: { AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0' } });
    audit = t.app.get(AuditService);
    sequencer = t.app.get(AuditSequencer);
    trail = t.app.get(AuditTrailService);
    dataSource = t.app.get(DataSource);
    caseId = (await fixtures(t.http).case()).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('recording', () => {
    it('commits an event with the write, and rolls it back with the write', async () => {
      const kept = randomUUID();
      const lost = randomUUID();
      await dataSource.transaction((m) => audit.record(m, entry({ entityId: kept })));
      await expect(
        dataSource.transaction(async (m) => {
          await audit.record(m, entry({ entityId: lost }));
          throw new Error('the write fails after its audit record');
        }),
      ).rejects.toThrow('the write fails');
      expect(await count(`entity_id = '${kept}'`)).toBe(1);
      expect(await count(`entity_id = '${lost}'`)).toBe(0);
    });

    it('takes who from the transaction, request id and client address from the request context, and the time from the application', async () => {
      const entityId = randomUUID();
      const actor = userActor(
        { id: t.userIds.lawyer, email: 'lawyer@test.example', role: 'lawyer' },
        null,
      );
      const before = Date.now();
      await runWithContext({ requestId: 'req-42', clientAddress: '203.0.113.9' }, () =>
        t.app
          .get(UnitOfWork)
          .run(actor, (m) => audit.record(m, { ...entry({ entityId }), actor: undefined })),
      );
      const [row] = await t.sql<{
        actor_id: string;
        actor_label: string;
        request_id: string;
        client_address: string;
        occurred_at: Date;
      }>(
        'SELECT actor_id, actor_label, request_id, client_address, occurred_at FROM audit_events WHERE entity_id = $1',
        [entityId],
      );
      expect(row).toMatchObject({
        actor_id: t.userIds.lawyer,
        actor_label: 'lawyer:lawyer@test.example',
        request_id: 'req-42',
        client_address: '203.0.113.9',
      });
      expect(new Date(row.occurred_at).getTime()).toBeGreaterThanOrEqual(before);
    });

    it('refuses an event that names no actor, and the write with it', async () => {
      const entityId = randomUUID();
      await expect(
        dataSource.transaction((m) =>
          audit.record(m, { ...entry({ entityId }), actor: undefined }),
        ),
      ).rejects.toThrow('without an actor');
      expect(await count(`entity_id = '${entityId}'`)).toBe(0);
    });

    it('records a case created over HTTP, and lists it in the case history', async () => {
      const created = await fixtures(t.http).case({ title: 'History check' });
      const history = await asAuditor(t).get(`/cases/${created.id}/history`).expect(200);
      const items = history.body.items as {
        action: string;
        entityType: string;
        entityId: string;
        seq: number;
        caseId: string;
      }[];
      expect(items.length).toBeGreaterThan(0);
      expect(items[0]).toMatchObject({
        action: 'create',
        entityId: created.id,
        caseId: created.id,
      });
      const seqs = items.map((i) => i.seq);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    });

    it('sequences committed events shortly after the commit, without being asked', async () => {
      const entityId = randomUUID();
      await dataSource.transaction((m) => audit.record(m, entry({ entityId })));
      const deadline = Date.now() + 3_000;
      let seq: number | null = null;
      while (seq === null && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
        seq = (
          await t.sql<{ seq: number | null }>('SELECT seq FROM audit_events WHERE entity_id = $1', [
            entityId,
          ])
        )[0].seq;
      }
      expect(seq).not.toBeNull();
    });

    it('keeps contiguous positions and a valid chain under 20 parallel writers', async () => {
      const before = await count();
      await Promise.all(
        Array.from({ length: 20 }, (_, w) =>
          (async () => {
            for (let i = 0; i < 5; i++) {
              await dataSource.transaction(async (m) => {
                await audit.record(m, entry({ entityId: randomUUID(), details: { writer: w, i } }));
                if (i % 2 === 0)
                  await audit.recordMany(m, [
                    entry({ action: 'create' }),
                    entry({ action: 'delete' }),
                  ]);
              });
              if (i === 2) await sequencer.run();
            }
          })(),
        ),
      );
      // And over HTTP, 20 at once.
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          t.http.post(`/cases/${caseId}/timeline`).send({
            occurredAt: '2015-01-15T12:00:00+01:00',
            type: 'authority_contact',
            description: `call ${i}`,
          }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
      await sequencer.run();
      expect(await count()).toBeGreaterThanOrEqual(before + 20 * (5 + 3 * 2) + 20);
      const seqs = await t.sql<{ seq: number }>('SELECT seq FROM audit_events ORDER BY seq');
      expect(seqs.every((r, i) => Number(r.seq) === i + 1)).toBe(true);
      const result = await verify();
      expect(result).toMatchObject({ valid: true, size: seqs.length });
      expect(result.firstBroken).toBeUndefined();
    });

    it('stores and verifies awkward content: unicode, NUL, lone surrogates, dates, nesting, numbers', async () => {
      const entityId = randomUUID();
      await dataSource.transaction((m) =>
        audit.record(
          m,
          entry({
            entityId,
            changes: {
              title: {
                before: 'Durchsuchung § 103 StPO — „Server“ 🖥️',
                after: 'nul\u0000 and \ud800 lone',
              },
            },
            details: {
              at: new Date('2015-01-15T10:45:00Z'),
              n: [0, -0, 1.5, 1e21, 2 ** 53, null],
              nested: { z: 1, a: { y: [], b: {} } },
              skip: undefined,
              // Keys whose jsonb order differs from JavaScript's: integer-like, multi-byte, "__proto__".
              keys: {
                b: 1,
                a: 2,
                '10': 3,
                '9': 4,
                é: 5,
                z: 6,
                zz: 7,
                ä: 8,
                ['__proto__']: 9,
                '': 10,
                ' ': 11,
              },
              list: [
                { y: 1, x: 2 },
                [],
                'x',
                true,
                false,
                0.1,
                1e-7,
                -1234.5e10,
                123456789012345680000,
              ],
            },
          }),
        ),
      );
      const [row] = await t.sql<{
        changes: { title: { after: string } };
        details: Record<string, unknown>;
      }>('SELECT changes, details FROM audit_events WHERE entity_id = $1', [entityId]);
      expect(row.changes.title.after).toBe('nul\ufffd and \ufffd lone');
      expect(row.details).toMatchObject({
        at: '2015-01-15T10:45:00.000Z',
        n: [0, 0, 1.5, 1e21, 2 ** 53, null],
        nested: { z: 1, a: { y: [], b: {} } },
      });
      expect(Object.keys((row.details as { keys: object }).keys)).toHaveLength(11);
      expect((await verify()).valid).toBe(true);
    });

    it('refuses an entry with an id that is not a UUID, and the write with it', async () => {
      await expect(
        dataSource.transaction((m) => audit.record(m, entry({ entityId: 'case-1' }))),
      ).rejects.toThrow(/entityId must be a UUID/);
    });
  });

  describe('append-only in the database', () => {
    it('rejects UPDATE, DELETE and TRUNCATE through ordinary SQL', async () => {
      await sequencer.run();
      await expect(
        t.sql("UPDATE audit_events SET action = 'delete' WHERE seq = 1"),
      ).rejects.toThrow(/append-only/);
      await expect(t.sql('UPDATE audit_events SET seq = 1000000 WHERE seq = 1')).rejects.toThrow(
        /append-only/,
      );
      await expect(t.sql('DELETE FROM audit_events WHERE seq = 1')).rejects.toThrow(/append-only/);
      await expect(t.sql('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
      expect(await count('seq = 1')).toBe(1);
    });

    it('rejects an insert that claims a position, and a sequencing update that changes anything else', async () => {
      await expect(
        t.sql(
          "INSERT INTO audit_events (actor_label, action, entity_type, leaf_hash, seq, chain_hash) VALUES ('x', 'create', 'case', decode(repeat('00', 32), 'hex'), 999999, decode(repeat('00', 32), 'hex'))",
        ),
      ).rejects.toThrow(/sequencer/);
      // An unsequenced row: only seq and chain_hash may be set, once.
      const id = randomUUID();
      await t.sql(
        "INSERT INTO audit_events (id, actor_label, action, entity_type, leaf_hash) VALUES ($1, 'x', 'create', 'case', decode(repeat('00', 32), 'hex'))",
        [id],
      );
      await expect(
        t.sql(
          "UPDATE audit_events SET seq = 999999, chain_hash = decode(repeat('00', 32), 'hex'), action = 'delete' WHERE id = $1",
          [id],
        ),
      ).rejects.toThrow(/append-only/);
      await expect(t.sql('DELETE FROM audit_events WHERE id = $1', [id])).rejects.toThrow(
        /append-only/,
      );
      // The sequencer then places it; its leaf hash does not match its content, and verification says so.
      await sequencer.run();
      const [{ seq }] = await t.sql<{ seq: number }>('SELECT seq FROM audit_events WHERE id = $1', [
        id,
      ]);
      const result = await verify();
      expect(result.firstBroken).toMatchObject({ seq: Number(seq), reason: 'content_changed' });
      // Repair the test database (as only someone who can switch off the triggers could).
      await tamper(`DELETE FROM audit_events WHERE id = '${id}'`);
      expect((await verify()).valid).toBe(true);
    });

    it('rejects UPDATE and DELETE of checkpoints', async () => {
      const cp = await trail.checkpoint();
      expect(cp).not.toBeNull();
      await expect(t.sql('UPDATE audit_checkpoints SET size = size + 1')).rejects.toThrow(
        /append-only/,
      );
      await expect(t.sql('DELETE FROM audit_checkpoints')).rejects.toThrow(/append-only/);
      await expect(t.sql('TRUNCATE audit_checkpoints')).rejects.toThrow(/append-only/);
    });
  });

  describe('verification names the first broken record', () => {
    beforeAll(async () => {
      // Enough records, all of them placed, and intact.
      await dataSource.transaction((m) =>
        audit.recordMany(
          m,
          Array.from({ length: 12 }, (_, i) => entry({ details: { i } })),
        ),
      );
      await sequencer.run();
      expect((await verify()).valid).toBe(true);
    });

    it('an edited row (content no longer matches its leaf hash)', async () => {
      const [saved] = await t.sql<{ details: string | null }>(
        'SELECT details::text AS details FROM audit_events WHERE seq = 7',
      );
      await tamper('UPDATE audit_events SET details = \'{"i": 99}\' WHERE seq = 7');
      expect((await verify()).firstBroken).toMatchObject({ seq: 7, reason: 'content_changed' });
      await tamper(
        `UPDATE audit_events SET details = ${saved.details === null ? 'NULL' : `'${saved.details.replace(/'/g, "''")}'::jsonb`} WHERE seq = 7`,
      );
      expect((await verify()).valid).toBe(true);
    });

    it('an edited time', async () => {
      await tamper(
        "UPDATE audit_events SET occurred_at = occurred_at + interval '1 microsecond' WHERE seq = 6",
      );
      expect((await verify()).firstBroken).toMatchObject({ seq: 6, reason: 'content_changed' });
      await tamper(
        "UPDATE audit_events SET occurred_at = occurred_at - interval '1 microsecond' WHERE seq = 6",
      );
      expect((await verify()).valid).toBe(true);
    });

    it('a deleted row (a gap in the positions)', async () => {
      await tamper(
        'CREATE TABLE audit_backup AS SELECT * FROM audit_events WHERE seq = 5',
        'DELETE FROM audit_events WHERE seq = 5',
      );
      try {
        expect((await verify()).firstBroken).toMatchObject({ seq: 5, reason: 'missing' });
      } finally {
        await tamper(
          'INSERT INTO audit_events SELECT * FROM audit_backup',
          'DROP TABLE audit_backup',
        );
      }
      expect((await verify()).valid).toBe(true);
    });

    it('two rows that swapped places (the chain no longer matches)', async () => {
      const swap = [
        'UPDATE audit_events SET seq = 900000000 WHERE seq = 3',
        'UPDATE audit_events SET seq = 3 WHERE seq = 4',
        'UPDATE audit_events SET seq = 4 WHERE seq = 900000000',
      ];
      await tamper(...swap);
      expect((await verify()).firstBroken).toMatchObject({ seq: 3, reason: 'chain_mismatch' });
      await tamper(...swap);
      expect((await verify()).valid).toBe(true);
    });
  });

  describe('checkpoints and proofs', () => {
    it('publishes a signed checkpoint that verifies with the public key', async () => {
      const res = await anonymous(t).get('/audit/checkpoints/latest').expect(200);
      const cp = res.body as {
        size: number;
        rootHash: string;
        signedAt: string;
        signature: string;
        keyId: string;
        note: string;
        publicKey: string;
      };
      expect(cp.note).toBe(`case-tracker audit log\n${cp.size}\n${cp.rootHash}\n${cp.signedAt}\n`);
      expect(
        verifySignature(
          null,
          Buffer.from(cp.note, 'utf8'),
          cp.publicKey,
          Buffer.from(cp.signature, 'base64'),
        ),
      ).toBe(true);
      expect(
        verifySignature(
          null,
          Buffer.from(cp.note.replace(`\n${cp.size}\n`, `\n${cp.size + 1}\n`)),
          cp.publicKey,
          Buffer.from(cp.signature, 'base64'),
        ),
      ).toBe(false);
      const key = (await anonymous(t).get('/audit/public-key').expect(200)).body as {
        keyId: string;
        publicKey: string;
        algorithm: string;
      };
      expect(key).toEqual({ keyId: cp.keyId, publicKey: cp.publicKey, algorithm: 'Ed25519' });
      expect((await anonymous(t).get(`/audit/checkpoints/${cp.size}`).expect(200)).body).toEqual(
        cp,
      );

      // The root is the RFC 6962 root of the first `size` leaf hashes, recomputed independently here.
      const leaves = await t.sql<{ leaf_hash: unknown }>(
        'SELECT leaf_hash FROM audit_events WHERE seq <= $1 ORDER BY seq',
        [cp.size],
      );
      expect(rootOf(leaves.map((r) => hashLeaf(toBuffer(r.leaf_hash)))).toString('base64')).toBe(
        cp.rootHash,
      );
    });

    it('lists the signed checkpoints newest first, a page at a time', async () => {
      for (let i = 0; i < 3; i++) {
        await dataSource.transaction((m) => audit.recordMany(m, [entry()]));
        await trail.checkpoint();
      }
      const sizes = (
        await t.sql<{ size: string }>('SELECT size FROM audit_checkpoints ORDER BY size DESC')
      ).map((r) => Number(r.size));
      expect(sizes.length).toBeGreaterThanOrEqual(3);
      const first = await anonymous(t).get('/audit/checkpoints?limit=2').expect(200);
      expect(first.body.items.map((c: { size: number }) => c.size)).toEqual(sizes.slice(0, 2));
      expect(first.body.nextBefore).toBe(sizes[1]);
      // Each item is the checkpoint as GET /audit/checkpoints/{size} gives it, signature included.
      const one = await anonymous(t).get(`/audit/checkpoints/${sizes[1]}`).expect(200);
      expect(first.body.items[1]).toEqual(one.body);
      const second = await anonymous(t)
        .get(`/audit/checkpoints?limit=2&before=${first.body.nextBefore as number}`)
        .expect(200);
      expect(second.body.items.map((c: { size: number }) => c.size)).toEqual(sizes.slice(2, 4));
      const all = await anonymous(t).get(`/audit/checkpoints?limit=100`).expect(200);
      expect(all.body.items).toHaveLength(sizes.length);
      expect(all.body.nextBefore).toBeNull();
      const bad = await anonymous(t).get('/audit/checkpoints?before=x&limit=0').expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'before',
        'limit',
      ]);
    });

    it('proves that the latest checkpoint extends an older one', async () => {
      const old = (await trail.checkpoint())!;
      expect((await anonymous(t).get('/audit/checkpoints/latest').expect(200)).body).toMatchObject({
        size: old.size,
        rootHash: old.rootHash,
      });
      await dataSource.transaction((m) =>
        audit.recordMany(
          m,
          Array.from({ length: 7 }, () => entry()),
        ),
      );
      const latest = await trail.checkpoint();
      expect(latest!.size).toBe(old.size + 7);
      expect((await anonymous(t).get('/audit/checkpoints/latest').expect(200)).body).toMatchObject({
        size: latest!.size,
      });
      const res = await anonymous(t)
        .get(`/audit/consistency?from=${old.size}&to=${latest!.size}`)
        .expect(200);
      const proof = (res.body.proof as string[]).map((h) => Buffer.from(h, 'base64'));
      const r1 = Buffer.from(old.rootHash, 'base64');
      const r2 = Buffer.from(latest!.rootHash, 'base64');
      expect(() => verifyConsistency(old.size, latest!.size, proof, r1, r2)).not.toThrow();
      expect(() => verifyConsistency(old.size, latest!.size, proof, r2, r1)).toThrow();
      // Every older size too: the proof from any m to n verifies against the roots.
      const leaves = (
        await t.sql<{ leaf_hash: unknown }>(
          'SELECT leaf_hash FROM audit_events WHERE seq <= $1 ORDER BY seq',
          [latest!.size],
        )
      ).map((r) => hashLeaf(toBuffer(r.leaf_hash)));
      for (const m of [1, 2, 3, Math.floor(latest!.size / 2), latest!.size - 1, latest!.size]) {
        const p = (
          await anonymous(t).get(`/audit/consistency?from=${m}&to=${latest!.size}`).expect(200)
        ).body.proof as string[];
        expect(() =>
          verifyConsistency(
            m,
            latest!.size,
            p.map((h) => Buffer.from(h, 'base64')),
            rootOf(leaves.slice(0, m)),
            r2,
          ),
        ).not.toThrow();
      }
    });

    it('answers bad proof and checkpoint requests with problems', async () => {
      const size = (await trail.checkpoint())!.size;
      await anonymous(t)
        .get(`/audit/consistency?from=${size}&to=${size + 1000}`)
        .expect(400);
      await anonymous(t).get('/audit/consistency?from=5&to=4').expect(400);
      await anonymous(t).get('/audit/consistency?from=0&to=4').expect(400);
      await anonymous(t).get('/audit/consistency?from=x&to=4').expect(400);
      await anonymous(t).get('/audit/checkpoints/abc').expect(400);
      await anonymous(t).get('/audit/checkpoints/0').expect(400);
      const missing = await anonymous(t)
        .get(`/audit/checkpoints/${size + 1000}`)
        .expect(404);
      expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    });
  });

  describe('inclusion proofs', () => {
    type Inclusion = {
      seq: number;
      size: number;
      leafIndex: number;
      leafHash: string;
      proof: string[];
      record?: { seq: number; caseId: string | null; action: string };
    };
    const inclusion = async (agent: TestAgent, seq: number, size: number) =>
      (await agent.get(`/audit/proofs/inclusion?seq=${seq}&size=${size}`).expect(200))
        .body as Inclusion;
    const checks = (p: Inclusion, root: string) =>
      verifyInclusion(
        p.leafIndex,
        p.size,
        hashLeaf(Buffer.from(p.leafHash, 'base64')),
        p.proof.map((h) => Buffer.from(h, 'base64')),
        Buffer.from(root, 'base64'),
      );

    it('proves to anyone that each record is in a signed tree, with the hash only', async () => {
      const cp = (await trail.checkpoint())!;
      for (const seq of [1, 2, Math.ceil(cp.size / 2), cp.size - 1, cp.size]) {
        const p = await inclusion(anonymous(t), seq, cp.size);
        expect(Object.keys(p).sort()).toEqual(['leafHash', 'leafIndex', 'proof', 'seq', 'size']);
        expect(p.leafIndex).toBe(seq - 1);
        expect(() => checks(p, cp.rootHash)).not.toThrow();
        // Another record's hash, or another position, does not verify.
        const other = await inclusion(anonymous(t), seq === 1 ? 2 : 1, cp.size);
        expect(() => checks({ ...p, leafHash: other.leafHash }, cp.rootHash)).toThrow();
        if (cp.size > 1)
          expect(() => checks({ ...p, leafIndex: other.leafIndex }, cp.rootHash)).toThrow();
      }
      const [{ leaf_hash }] = await t.sql<{ leaf_hash: unknown }>(
        'SELECT leaf_hash FROM audit_events WHERE seq = 2',
      );
      expect((await inclusion(anonymous(t), 2, cp.size)).leafHash).toBe(
        toBuffer(leaf_hash).toString('base64'),
      );
    });

    it('adds the record for a reader of the audit trail, never one of a restricted case they may not see', async () => {
      const open = (await fixtures(t.http).case({ title: 'Open case' })).id;
      const hidden = (await fixtures(t.http).case({ title: 'Hidden case', restricted: true })).id;
      const cp = (await trail.checkpoint())!;
      const seqOf = async (id: string) =>
        Number(
          (
            await t.sql<{ seq: string }>(
              "SELECT seq::text AS seq FROM audit_events WHERE case_id = $1 AND action = 'create' ORDER BY seq LIMIT 1",
              [id],
            )
          )[0].seq,
        );
      const [openSeq, hiddenSeq] = [await seqOf(open), await seqOf(hidden)];
      expect(hiddenSeq).toBeLessThanOrEqual(cp.size);

      expect((await inclusion(asAuditor(t), openSeq, cp.size)).record).toMatchObject({
        seq: openSeq,
        caseId: open,
      });
      // The board created the hidden case and is its member; the auditor is not.
      expect((await inclusion(t.http, hiddenSeq, cp.size)).record).toMatchObject({
        caseId: hidden,
      });
      const nonMember = await inclusion(asAuditor(t), hiddenSeq, cp.size);
      const stranger = await inclusion(anonymous(t), openSeq, cp.size);
      expect(nonMember.record).toBeUndefined();
      expect(Object.keys(nonMember).sort()).toEqual(Object.keys(stranger).sort());
      expect(JSON.stringify(nonMember)).not.toContain(hidden);
      expect(() => checks(nonMember, cp.rootHash)).not.toThrow();
      // A lawyer may read cases but not the audit trail: hash only.
      expect((await inclusion(t.as('lawyer'), openSeq, cp.size)).record).toBeUndefined();
      // Later tests read the whole trail as the auditor.
      await t.http.post(`/cases/${hidden}/members`).send({ userId: t.userIds.auditor }).expect(201);
      expect((await inclusion(asAuditor(t), hiddenSeq, cp.size)).record).toMatchObject({
        caseId: hidden,
      });
    });

    it('answers bad inclusion requests with problems naming the field', async () => {
      const size = (await trail.checkpoint())!.size;
      const problem = async (query: string, field: string) => {
        const res = await anonymous(t).get(`/audit/proofs/inclusion?${query}`).expect(400);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
      };
      await problem(`size=${size}`, 'seq');
      await problem('seq=1', 'size');
      await problem(`seq=0&size=${size}`, 'seq');
      await problem(`seq=x&size=${size}`, 'seq');
      await problem(`seq=1.5&size=${size}`, 'seq');
      await problem('seq=1&size=0', 'size');
      await problem(`seq=${size}&size=${size - 1}`, 'seq');
      await problem(`seq=1&size=${size + 1000}`, 'size');
      await problem(`seq=1&size=${size}&extra=1`, 'extra');
    });
  });

  describe('reading the trail', () => {
    it('lists events with filters and keyset pagination', async () => {
      const other = (await fixtures(t.http).case({ title: 'Filter check' })).id;
      await dataSource.transaction((m) =>
        audit.recordMany(m, [
          entry({ caseId: other, entityId: other, action: 'export' }),
          entry({ caseId: other, entityId: other, action: 'document_generated' }),
        ]),
      );
      const byCase = (await asAuditor(t).get(`/audit/events?caseId=${other}`).expect(200)).body
        .items as { action: string; caseId: string }[];
      expect(byCase.map((e) => e.action)).toEqual(
        expect.arrayContaining(['create', 'export', 'document_generated']),
      );
      expect(byCase.every((e) => e.caseId === other)).toBe(true);
      const exports = (
        await asAuditor(t).get(`/audit/events?caseId=${other}&action=export`).expect(200)
      ).body.items;
      expect(exports).toHaveLength(1);
      expect(exports[0]).toEqual({
        seq: expect.any(Number),
        id: expect.any(String),
        occurredAt: expect.stringMatching(/Z$/),
        actorId: null,
        actorLabel: 'system',
        action: 'export',
        entityType: 'case',
        entityId: other,
        caseId: other,
        changes: { title: { before: 'old', after: 'new' } },
        details: null,
        requestId: null,
        clientAddress: null,
        leafHash: expect.any(String),
        chainHash: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
      });
      const board = (
        await asAuditor(t).get(`/audit/events?actorId=${t.userIds.board}&limit=100`).expect(200)
      ).body.items as { actorId: string }[];
      expect(board.length).toBeGreaterThan(0);
      expect(board.every((e) => e.actorId === t.userIds.board)).toBe(true);
      const future = (await asAuditor(t).get('/audit/events?from=2999-01-01T00:00:00Z').expect(200))
        .body.items;
      expect(future).toEqual([]);
      const past = (await asAuditor(t).get('/audit/events?to=2000-01-01T00:00:00Z').expect(200))
        .body.items;
      expect(past).toEqual([]);

      // Pages of 7 cover the whole log once, in order.
      const total = await count('seq IS NOT NULL');
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { seq: number }[]; nextCursor: string | null } } =
          await asAuditor(t)
            .get(`/audit/events?limit=7${cursor ? `&cursor=${cursor}` : ''}`)
            .expect(200);
        seen.push(...page.body.items.map((i) => i.seq));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    });

    it('refuses bad filters, and callers without the permission', async () => {
      await asAuditor(t).get('/audit/events?limit=101').expect(400);
      await asAuditor(t).get('/audit/events?action=dance').expect(400);
      await asAuditor(t).get('/audit/events?caseId=nope').expect(400);
      await asAuditor(t).get('/audit/events?from=yesterday').expect(400);
      await asAuditor(t).get('/audit/events?cursor=bm9wZQ').expect(400);
      await asAuditor(t).get('/audit/events?colour=red').expect(400);
      await asAuditor(t).get(`/cases/${randomUUID()}/history`).expect(404);
      await asAuditor(t).get('/cases/nope/history').expect(400);
      await anonymous(t).get('/audit/events').expect(401);
      await anonymous(t).get('/audit/verify').expect(401);
      await t.as('lawyer').get('/audit/events').expect(403);
    });
  });

  describe('what only the signed checkpoints can reveal (destructive: runs last)', () => {
    it('records removed from the end: the log is shorter than a signed checkpoint', async () => {
      const signed = (await trail.checkpoint())!.size;
      await tamper(
        `CREATE TABLE audit_backup AS SELECT * FROM audit_events WHERE seq >= ${signed - 1}`,
        `DELETE FROM audit_events WHERE seq >= ${signed - 1}`,
      );
      try {
        expect((await verify()).firstBroken).toMatchObject({
          seq: signed - 1,
          reason: 'truncated',
        });
      } finally {
        await tamper(
          'INSERT INTO audit_events SELECT * FROM audit_backup',
          'DROP TABLE audit_backup',
        );
      }
      expect((await verify()).valid).toBe(true);
    });

    it('a rewritten history with recomputed hashes: the root no longer matches the signed checkpoint', async () => {
      await trail.checkpoint();
      // The attacker edits record 2 and recomputes its leaf hash and every chain hash after it.
      const rows = await t.sql<Record<string, unknown>>(
        `SELECT seq, id, occurred_at, actor_id, actor_label, action, entity_type, entity_id, case_id, changes, details, request_id, client_address, leaf_hash
           FROM audit_events ORDER BY seq`,
      );
      const forged = (r: Record<string, unknown>): AuditContent => ({
        id: r.id as string,
        occurred_at: new Date(r.occurred_at as string).toISOString(),
        actor_id: r.actor_id as string | null,
        actor_label: r.actor_label as string,
        action: r.action as string,
        entity_type: r.entity_type as string,
        entity_id: r.entity_id as string | null,
        case_id: r.case_id as string | null,
        changes: r.changes,
        details: { forged: true },
        request_id: r.request_id as string | null,
        client_address: r.client_address as string | null,
      });
      let chain: Buffer = Buffer.alloc(32);
      const statements: string[] = [];
      for (const r of rows) {
        let leaf = toBuffer(r.leaf_hash);
        if (Number(r.seq) === 2) {
          leaf = leafHashOf(forged(r));
          statements.push(
            `UPDATE audit_events SET details = '{"forged": true}', leaf_hash = '\\x${leaf.toString('hex')}' WHERE seq = 2`,
          );
        }
        chain = chainHashOf(chain, leaf);
        if (Number(r.seq) >= 2)
          statements.push(
            `UPDATE audit_events SET chain_hash = '\\x${chain.toString('hex')}' WHERE seq = ${Number(r.seq)}`,
          );
      }
      await tamper(...statements);
      const result = await verify();
      expect(result.valid).toBe(false);
      // Every record matches its own hashes and the chain: only a signed root can tell, and the
      // copy of the signed leaves names the record.
      expect(result.firstBroken).toMatchObject({ seq: 2, reason: 'checkpoint_mismatch' });
      expect(result.firstBroken!.upTo).toBeUndefined();
      expect(result.firstBroken!.detail).toMatch(/record 2 is not the record signed/);
    });
  });
});
