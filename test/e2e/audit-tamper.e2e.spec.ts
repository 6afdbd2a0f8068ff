import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../../src/access/actor.js';
import { AuditService } from '../../src/audit/audit.service.js';
import type { AuditConfig } from '../../src/config/audit.settings.js';
import { AuditSequencer } from '../../src/audit/audit-sequencer.js';
import { AuditTrailService } from '../../src/audit/audit-trail.service.js';
import {
  canonicalJson,
  chainHashOf,
  leafHashOf,
  toBuffer,
  type AuditContent,
} from '../../src/audit/audit-hash.js';
import { AuditVerifier, type VerifyResult } from '../../src/audit/audit-verifier.js';
import { checkpointNote } from '../../src/audit/checkpoint.js';
import {
  parseArgs,
  prepareVerification,
  verifyAndReport,
} from '../../src/audit/cli/verify-command.js';
import type { CheckpointDto } from '../../src/audit/dto/audit.dto.js';
import { keyIdOf } from '../../src/audit/signing-key.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The tamper suite: what an insider with full database access (triggers switched off) can do to
 * the audit trail, and what finds it: `audit:verify` alone, or only `audit:verify --checkpoint`
 * with a checkpoint kept outside the database. Each case starts from the same intact trail.
 */

type Row = AuditContent & { leaf: Buffer };

const TABLES = ['audit_events', 'audit_checkpoints', 'audit_leaf_copies'] as const;

describe('tamper suite: every rewrite of the audit trail is found', () => {
  let t: TestApp;
  let audit: AuditService;
  let sequencer: AuditSequencer;
  let trail: AuditTrailService;
  let dataSource: DataSource;
  let dir: string;
  /** The service's public key, as a witness or auditor keeps it (AUDIT_TRUSTED_KEYS). */
  let publicKeyPem: string;
  /** Checkpoints as signed: the older one, and the latest (size of the signed part). */
  let first: CheckpointDto;
  let latest: CheckpointDto;
  /** The latest checkpoint as a witness keeps it, in a file outside the database. */
  let witnessFile: string;
  let size: number;
  let caseId: string;

  /** Switches the append-only triggers off around the statements, as a database owner can. */
  const tamper = async (...statements: string[]) => {
    for (const table of TABLES) await t.sql(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    try {
      for (const sql of statements) await t.sql(sql);
    } finally {
      for (const table of TABLES) await t.sql(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
    }
  };

  /** audit:verify as the command runs it, with the given arguments. */
  const cli = async (
    ...argv: string[]
  ): Promise<{ code: number; result: VerifyResult; text: string }> => {
    const args = parseArgs(argv);
    const config: AuditConfig = {
      disabled: false,
      signingKey: null,
      keyFile: null,
      trustedKeys: publicKeyPem,
      checkpointIntervalMs: 0,
      sequenceIntervalMs: 0,
      sequenceDelayMs: 0,
    };
    const out: string[] = [];
    const prepared = await prepareVerification(args, config);
    const { code, result } = await verifyAndReport(dataSource, args, prepared, (line) =>
      out.push(line),
    );
    // The same verification in aligned blocks of 8 records (what the worker threads do on a long
    // trail) must find exactly the same.
    if (!args.sinceVerified) {
      const blockwise = await new AuditVerifier(dataSource, prepared.trusted, 5, 8).verify(
        prepared.outside.length ? { outside: prepared.outside } : {},
      );
      expect({
        valid: blockwise.valid,
        rootHash: blockwise.rootHash,
        firstBroken: blockwise.firstBroken,
        checkpointsChecked: blockwise.checkpointsChecked,
      }).toEqual({
        valid: result.valid,
        rootHash: result.rootHash,
        firstBroken: result.firstBroken,
        checkpointsChecked: result.checkpointsChecked,
      });
    }
    return { code, result, text: out.join('\n') };
  };
  const alone = () => cli();
  const withWitness = () => cli('--checkpoint', witnessFile);

  const readRows = async (): Promise<Row[]> =>
    (
      await t.sql<Record<string, unknown>>(
        `SELECT seq, id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at,
                actor_id, actor_label, action, entity_type, entity_id, case_id, changes, details, request_id,
                client_address, leaf_hash
           FROM audit_events WHERE seq IS NOT NULL ORDER BY seq`,
      )
    ).map((r) => ({
      id: r.id as string,
      occurred_at: r.occurred_at as string,
      actor_id: r.actor_id as string | null,
      actor_label: r.actor_label as string,
      action: r.action as string,
      entity_type: r.entity_type as string,
      entity_id: r.entity_id as string | null,
      case_id: r.case_id as string | null,
      changes: r.changes,
      details: r.details,
      request_id: r.request_id as string | null,
      client_address: r.client_address as string | null,
      leaf: toBuffer(r.leaf_hash),
    }));

  const lit = (v: string | null) => (v === null ? 'NULL' : `'${v.replace(/'/g, "''")}'`);
  const json = (v: unknown) => (v === null ? 'NULL' : `${lit(canonicalJson(v))}::jsonb`);

  /**
   * The careful attacker: replaces the trail by `rows` (changed as they like), every leaf hash of
   * a changed record recomputed, positions renumbered from 1, every chain hash recomputed.
   */
  const rewrite = async (mutate: (rows: Row[]) => Row[], ...more: string[]) => {
    const rows = mutate(await readRows());
    let chain: Buffer = Buffer.alloc(32);
    const values = rows.map((r, i) => {
      const leaf = leafHashOf(r);
      chain = chainHashOf(chain, leaf);
      return `(${lit(r.id)}::uuid, ${i + 1}, ${lit(r.occurred_at)}::timestamptz, ${lit(r.actor_id)}::uuid, ${lit(r.actor_label)},
        ${lit(r.action)}, ${lit(r.entity_type)}, ${lit(r.entity_id)}::uuid, ${lit(r.case_id)}::uuid, ${json(r.changes)},
        ${json(r.details)}, ${lit(r.request_id)}, ${lit(r.client_address)}, '\\x${leaf.toString('hex')}', '\\x${chain.toString('hex')}')`;
    });
    await tamper(
      'DELETE FROM audit_events',
      `INSERT INTO audit_events (id, seq, occurred_at, actor_id, actor_label, action, entity_type, entity_id, case_id,
         changes, details, request_id, client_address, leaf_hash, chain_hash) VALUES ${values.join(',\n')}`,
      ...more,
    );
  };

  /** A checkpoint signed by a key the attacker made, over the trail as it now is. */
  const forgeCheckpoint = async () => {
    const [{ n }] = await t.sql<{ n: string }>('SELECT max(seq)::text AS n FROM audit_events');
    const leaves = await t.sql<{ leaf_hash: unknown }>(
      'SELECT leaf_hash FROM audit_events ORDER BY seq',
    );
    const { rootOf, hashLeaf } = await import('../../src/audit/merkle.js');
    const rootHash = rootOf(leaves.map((l) => hashLeaf(toBuffer(l.leaf_hash))));
    const attacker = generateKeyPairSync('ed25519');
    const signedAt = new Date();
    const cp = { size: Number(n), rootHash, signedAt };
    const signature = sign(null, Buffer.from(checkpointNote(cp)), attacker.privateKey);
    return `INSERT INTO audit_checkpoints (size, root_hash, signed_at, signature, key_id)
            VALUES (${cp.size}, '\\x${rootHash.toString('hex')}', '${signedAt.toISOString()}', '\\x${signature.toString('hex')}', '${keyIdOf(attacker.publicKey)}')`;
  };

  const edit = (seq: number) => (rows: Row[]) =>
    rows.map((r, i) => (i + 1 === seq ? { ...r, details: { rewritten: true } } : r));

  const expectBroken = (
    r: { code: number; result: VerifyResult },
    broken: { seq?: number; reason: string; upTo?: number },
  ) => {
    expect(r.code).toBe(1);
    expect(r.result.valid).toBe(false);
    expect(r.result.firstBroken).toMatchObject(broken);
  };
  const expectIntact = (r: { code: number; result: VerifyResult }) => {
    expect(r.result.firstBroken).toBeUndefined();
    expect(r.code).toBe(0);
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0' } });
    audit = t.app.get(AuditService);
    sequencer = t.app.get(AuditSequencer);
    trail = t.app.get(AuditTrailService);
    dataSource = t.app.get(DataSource);
    dir = await mkdtemp(join(tmpdir(), 'audit-tamper-'));
    caseId = randomUUID();
    const record = (n: number) =>
      dataSource.transaction((m) =>
        audit.recordMany(
          m,
          Array.from({ length: n }, (_, i) => ({
            actor: SYSTEM_ACTOR,
            action: 'update' as const,
            entityType: 'case',
            entityId: caseId,
            caseId,
            changes: { title: { before: `title ${i}`, after: `title ${i + 1}` } },
            details: { i },
          })),
        ),
      );
    await record(30);
    first = (await trail.checkpoint())!;
    await record(30);
    latest = (await trail.checkpoint())!;
    // And a tail after the latest checkpoint, not signed yet.
    await record(8);
    await sequencer.run();
    size = Number(
      (await t.sql<{ n: string }>('SELECT max(seq)::text AS n FROM audit_events'))[0].n,
    );
    expect(size).toBe(latest.size + 8);
    publicKeyPem = (await t.as('anonymous').get('/audit/public-key').expect(200)).body.publicKey;
    witnessFile = join(dir, 'witness.json');
    await writeFile(witnessFile, JSON.stringify(latest));
    for (const table of TABLES)
      await t.sql(`CREATE TABLE backup_${table} AS SELECT * FROM ${table}`);
    expectIntact(await alone());
    expectIntact(await withWitness());
  });

  beforeEach(async () => {
    // Back to the intact trail.
    await tamper(
      ...TABLES.flatMap((table) => [
        `DELETE FROM ${table}`,
        `INSERT INTO ${table} SELECT * FROM backup_${table}`,
      ]),
    );
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await t?.close();
  });

  describe('found by audit:verify alone', () => {
    it('1. an edited record (its content no longer matches its hash)', async () => {
      await tamper('UPDATE audit_events SET details = \'{"i": 99}\' WHERE seq = 17');
      expectBroken(await alone(), { seq: 17, reason: 'content_changed' });
    });

    it('1b. an edit inside the stored JSON, whatever the database writes it like, and nothing when it only rewrites its form', async () => {
      // JSON that PostgreSQL writes otherwise than JavaScript serialises it (key order, a number
      // with trailing zeros after a rewrite, escapes): intact as written, and still intact when the
      // number's form alone is rewritten; an edit of a string inside it is found.
      await dataSource.transaction((m) =>
        audit.record(m, {
          actor: SYSTEM_ACTOR,
          action: 'update',
          entityType: 'case',
          entityId: caseId,
          caseId,
          changes: { ab: { after: 'x", "y\\"' }, '1000': { before: 1.5, after: 'a: b' } },
          details: { note: 'quote " and backslash \\ and tab \t' },
        }),
      );
      await sequencer.run();
      const added = size + 1;
      expectIntact(await alone());
      await tamper(
        `UPDATE audit_events SET changes = jsonb_set(changes, '{1000,before}', '1.50') WHERE seq = ${added}`,
      );
      expectIntact(await alone());
      await tamper(
        `UPDATE audit_events SET changes = jsonb_set(changes, '{ab,after}', '"x\\", \\"z\\\\"') WHERE seq = ${added}`,
      );
      expectBroken(await alone(), { seq: added, reason: 'content_changed' });
    });

    it('2. an edited time', async () => {
      await tamper(
        "UPDATE audit_events SET occurred_at = occurred_at + interval '1 second' WHERE seq = 40",
      );
      expectBroken(await alone(), { seq: 40, reason: 'content_changed' });
    });

    it('3. an edited actor in the unsigned tail', async () => {
      await tamper(`UPDATE audit_events SET actor_label = 'someone else' WHERE seq = ${size}`);
      expectBroken(await alone(), { seq: size, reason: 'content_changed' });
    });

    it('4. a replaced leaf hash', async () => {
      await tamper(
        "UPDATE audit_events SET leaf_hash = decode(repeat('ab', 32), 'hex') WHERE seq = 9",
      );
      expectBroken(await alone(), { seq: 9, reason: 'content_changed' });
    });

    it('5. an edited chain hash', async () => {
      await tamper(
        "UPDATE audit_events SET chain_hash = decode(repeat('cd', 32), 'hex') WHERE seq = 12",
      );
      expectBroken(await alone(), { seq: 12, reason: 'chain_mismatch' });
    });

    it('6. a deleted record (a gap)', async () => {
      await tamper('DELETE FROM audit_events WHERE seq = 22');
      expectBroken(await alone(), { seq: 22, reason: 'missing' });
    });

    it('7. an inserted record (later positions shifted, hashes not recomputed)', async () => {
      await tamper(
        'UPDATE audit_events SET seq = seq + 1000000 WHERE seq >= 25',
        'UPDATE audit_events SET seq = seq - 999999 WHERE seq >= 1000000',
        `INSERT INTO audit_events (actor_label, action, entity_type, leaf_hash, seq, chain_hash)
           SELECT actor_label, action, entity_type, leaf_hash, 25, chain_hash FROM audit_events WHERE seq = 24`,
      );
      expectBroken(await alone(), { seq: 25, reason: 'content_changed' });
    });

    it('8. two records that swapped places', async () => {
      await tamper(
        'UPDATE audit_events SET seq = 900000000 WHERE seq = 33',
        'UPDATE audit_events SET seq = 33 WHERE seq = 34',
        'UPDATE audit_events SET seq = 34 WHERE seq = 900000000',
      );
      expectBroken(await alone(), { seq: 33, reason: 'chain_mismatch' });
    });

    it('9. records removed from the end, below a signed checkpoint (truncation)', async () => {
      await tamper(`DELETE FROM audit_events WHERE seq > ${latest.size - 5}`);
      expectBroken(await alone(), { seq: latest.size - 4, reason: 'truncated' });
    });

    it('10. a record rewritten and every later hash recomputed: named by the copy of the signed leaves', async () => {
      await rewrite(edit(45));
      const r = await alone();
      expectBroken(r, { seq: 45, reason: 'checkpoint_mismatch' });
      expect(r.result.firstBroken!.upTo).toBeUndefined();
      expect(r.text).toMatch(/first broken record: seq 45 \(checkpoint_mismatch\)/);
    });

    it('11. the same rewrite with the leaf copies rewritten too: bounded by the checkpoints', async () => {
      await rewrite(edit(45), 'DELETE FROM audit_leaf_copies');
      expectBroken(await alone(), {
        seq: first.size + 1,
        upTo: latest.size,
        reason: 'checkpoint_mismatch',
      });
    });

    it('12. a record deleted, later ones renumbered and rehashed', async () => {
      await rewrite((rows) => rows.filter((_, i) => i + 1 !== 12));
      expectBroken(await alone(), { seq: 12, reason: 'checkpoint_mismatch' });
    });

    it('13. a record inserted and everything rehashed', async () => {
      await rewrite((rows) => [
        ...rows.slice(0, 50),
        { ...rows[49], id: randomUUID(), details: { inserted: true } },
        ...rows.slice(50),
      ]);
      expectBroken(await alone(), { seq: 51, reason: 'checkpoint_mismatch' });
    });

    it('14. two records reordered and everything rehashed', async () => {
      await rewrite((rows) => [...rows.slice(0, 5), rows[6], rows[5], ...rows.slice(7)]);
      expectBroken(await alone(), { seq: 6, reason: 'checkpoint_mismatch' });
    });

    it('15. a rewrite with the checkpoints replaced by one signed by an attacker key', async () => {
      await rewrite(edit(20), 'DELETE FROM audit_checkpoints', 'DELETE FROM audit_leaf_copies');
      await tamper(await forgeCheckpoint());
      const r = await alone();
      expectBroken(r, { seq: 1, reason: 'checkpoint_untrusted' });
      expect(r.result.firstBroken!.detail).toMatch(/not a trusted key/);
    });

    it('16. an extra checkpoint signed by an attacker key over an intact trail', async () => {
      await tamper(await forgeCheckpoint());
      expectBroken(await alone(), { reason: 'checkpoint_untrusted' });
    });

    it('17. a checkpoint with a changed signature', async () => {
      await tamper(
        `UPDATE audit_checkpoints SET signature = decode(repeat('01', 64), 'hex') WHERE size = ${first.size}`,
      );
      expectBroken(await alone(), { reason: 'checkpoint_untrusted' });
    });

    it('18. a checkpoint with a changed root', async () => {
      await tamper(
        `UPDATE audit_checkpoints SET root_hash = decode(repeat('02', 32), 'hex') WHERE size = ${latest.size}`,
      );
      expectBroken(await alone(), { reason: 'checkpoint_untrusted' });
    });

    it('19. a deleted checkpoint (its copy of the leaves still names it)', async () => {
      await tamper(`DELETE FROM audit_checkpoints WHERE size = ${first.size}`);
      expectBroken(await alone(), { reason: 'checkpoint_missing' });
    });
  });

  describe('found only with a checkpoint kept outside (audit:verify --checkpoint)', () => {
    it('20. a rewrite with every checkpoint and leaf copy deleted', async () => {
      await rewrite(edit(45), 'DELETE FROM audit_checkpoints', 'DELETE FROM audit_leaf_copies');
      expectIntact(await alone());
      expectBroken(await withWitness(), {
        seq: 1,
        upTo: latest.size,
        reason: 'checkpoint_mismatch',
      });
    });

    it('21. records removed from the end together with the checkpoints that covered them', async () => {
      await tamper(
        `DELETE FROM audit_events WHERE seq > ${first.size + 3}`,
        `DELETE FROM audit_checkpoints WHERE size > ${first.size}`,
        `DELETE FROM audit_leaf_copies WHERE last_seq > ${first.size}`,
      );
      expectIntact(await alone());
      expectBroken(await withWitness(), { seq: first.size + 4, reason: 'truncated' });
    });

    it('22. the whole trail replaced by another of the same length, checkpoints deleted', async () => {
      await rewrite(
        (rows) => rows.map((r) => ({ ...r, details: { replaced: true } })),
        'DELETE FROM audit_checkpoints',
        'DELETE FROM audit_leaf_copies',
      );
      const r = await withWitness();
      expectBroken(r, { reason: 'checkpoint_mismatch' });
    });

    it('23. a tail rewrite after the latest stored checkpoint, once that checkpoint is deleted', async () => {
      await rewrite(
        edit(latest.size),
        `DELETE FROM audit_checkpoints WHERE size = ${latest.size}`,
        `DELETE FROM audit_leaf_copies WHERE last_seq = ${latest.size}`,
      );
      expectIntact(await alone());
      expectBroken(await withWitness(), {
        seq: first.size + 1,
        upTo: latest.size,
        reason: 'checkpoint_mismatch',
      });
    });

    it('24. the witness copy fetched from an address (loopback) finds the same', async () => {
      await rewrite(edit(3), 'DELETE FROM audit_checkpoints', 'DELETE FROM audit_leaf_copies');
      const server: Server = createServer((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(latest));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/audit/checkpoints/latest`;
        expectBroken(await cli('--checkpoint', url), { reason: 'checkpoint_mismatch' });
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });

  describe('found by audit:verify alone thanks to a published report', () => {
    it('25. a rewrite with every checkpoint and leaf copy deleted, once a report with its checkpoint was published', async () => {
      const res = await t.http
        .post('/publications/reports')
        .send({ year: '2015', language: 'en' })
        .expect(201);
      try {
        const published = Number(
          (await t.sql<{ n: string }>('SELECT max(size)::text AS n FROM audit_checkpoints'))[0].n,
        );
        await rewrite(edit(45), 'DELETE FROM audit_checkpoints', 'DELETE FROM audit_leaf_copies');
        const r = await alone();
        expectBroken(r, { seq: 1, upTo: published, reason: 'checkpoint_mismatch' });
        expect(r.result.firstBroken!.detail).toMatch(/checkpoint of a published report/);
      } finally {
        await t.sql('ALTER TABLE publications DISABLE TRIGGER USER');
        await t.sql('DELETE FROM publications WHERE id = $1', [res.body.id]);
        await t.sql('ALTER TABLE publications ENABLE TRIGGER USER');
      }
    });
  });

  describe('audit:verify --since-verified reads only what was added since the last verified checkpoint', () => {
    const sinceVerified = () => cli('--since-verified');

    beforeEach(async () => {
      // A full verification keeps the state at the latest checkpoint it matched.
      await t.sql('DELETE FROM audit_verified_states');
      expectIntact(await alone());
      const kept = await t.sql<{ size: string }>('SELECT size::text FROM audit_verified_states');
      expect(kept.map((k) => Number(k.size))).toEqual([latest.size]);
    });

    it('reads only the records after it, and says so', async () => {
      const r = await sinceVerified();
      expectIntact(r);
      expect(r.result.since?.size).toBe(latest.size);
      expect(r.result.size).toBe(size);
      expect(r.text).toMatch(new RegExp(`only records ${latest.size + 1}-${size} were read`));
      // The same root as a full verification.
      expect(r.result.rootHash).toBe((await alone()).result.rootHash);
    });

    it('finds an edited record among the new ones', async () => {
      await tamper(`UPDATE audit_events SET actor_label = 'someone else' WHERE seq = ${size - 1}`);
      expectBroken(await sinceVerified(), { seq: size - 1, reason: 'content_changed' });
    });

    it('finds a record deleted among the new ones', async () => {
      await tamper(`DELETE FROM audit_events WHERE seq = ${latest.size + 2}`);
      expectBroken(await sinceVerified(), { seq: latest.size + 2, reason: 'missing' });
    });

    it('does not read the records verified before: an edit there is found by the full verification only', async () => {
      await tamper('UPDATE audit_events SET details = \'{"i": 99}\' WHERE seq = 17');
      const quick = await sinceVerified();
      expectIntact(quick);
      expect(quick.result.since?.size).toBe(latest.size);
      expectBroken(await alone(), { seq: 17, reason: 'content_changed' });
    });

    it('does not start from a kept state that does not reproduce the signed root (reads everything instead)', async () => {
      await tamper(
        'UPDATE audit_events SET details = \'{"i": 99}\' WHERE seq = 17',
        `UPDATE audit_verified_states SET frontier = decode(repeat('ab', 64), 'hex')`,
      );
      const r = await sinceVerified();
      expect(r.result.since).toBeUndefined();
      expectBroken(r, { seq: 17, reason: 'content_changed' });
    });

    it('does not start from a record whose chain hash was changed since', async () => {
      await tamper(
        `UPDATE audit_events SET chain_hash = decode(repeat('cd', 32), 'hex') WHERE seq = ${latest.size}`,
      );
      const r = await sinceVerified();
      expect(r.result.since).toBeUndefined();
      expectBroken(r, { seq: latest.size, reason: 'chain_mismatch' });
    });

    it('still fails on a forged checkpoint and on records removed below the verified one', async () => {
      await tamper(await forgeCheckpoint());
      expectBroken(await sinceVerified(), { reason: 'checkpoint_untrusted' });
      await tamper(
        `DELETE FROM audit_checkpoints WHERE key_id <> '${latest.keyId}'`,
        `DELETE FROM audit_events WHERE seq > ${first.size - 3}`,
      );
      expectBroken(await sinceVerified(), { seq: first.size - 2, reason: 'truncated' });
    });
  });

  describe('what no checkpoint can reveal', () => {
    it('a rewrite of records no checkpoint covers yet (the tail since the last signature) passes', async () => {
      // The limit of the design: records are vouched for only once a checkpoint covers them
      // (AUDIT_CHECKPOINT_INTERVAL_SECONDS, 60 s by default).
      await rewrite(edit(size));
      expectIntact(await alone());
      expectIntact(await withWitness());
    });
  });

  describe('the running service', () => {
    it('refuses to sign over a forged checkpoint, logs it and shows it in /health; the witness check still passes on an intact trail', async () => {
      await tamper(await forgeCheckpoint());
      await expect(trail.checkpoint()).rejects.toMatchObject({ status: 503 });
      const health = (await t.as('anonymous').get('/health').expect(200)).body;
      expect(health).toMatchObject({ status: 'degraded', audit: 'not_signing' });
      expect(health.auditDetail).toMatch(/not a trusted key/);
      const [{ n }] = await t.sql<{ n: number }>(
        'SELECT count(*)::int AS n FROM audit_checkpoints',
      );
      expect(n).toBe(3);
      // Back to the intact trail: it signs again.
      await tamper(
        ...TABLES.flatMap((table) => [
          `DELETE FROM ${table}`,
          `INSERT INTO ${table} SELECT * FROM backup_${table}`,
        ]),
      );
      await expect(trail.checkpoint()).resolves.toMatchObject({ size });
      expect((await t.as('anonymous').get('/health').expect(200)).body).toMatchObject({
        status: 'ok',
        audit: 'signing',
      });
    });

    it('GET /audit/verify fails on a forged checkpoint too', async () => {
      await rewrite(edit(20), 'DELETE FROM audit_checkpoints', 'DELETE FROM audit_leaf_copies');
      await tamper(await forgeCheckpoint());
      const res = await t.as('auditor').get('/audit/verify').expect(200);
      expect(res.body).toMatchObject({
        valid: false,
        firstBroken: { reason: 'checkpoint_untrusted' },
      });
    });

    it('refuses a checkpoint file that is not one, and one signed by an unknown key', async () => {
      const bad = join(dir, 'bad.json');
      await writeFile(bad, JSON.stringify({ ...latest, rootHash: 'not base64!' }));
      await expect(cli('--checkpoint', bad)).rejects.toThrow(/rootHash must be 32 bytes/);
      await writeFile(bad, '{');
      await expect(cli('--checkpoint', bad)).rejects.toThrow(/not JSON/);
      const forged = join(dir, 'forged.json');
      await writeFile(forged, JSON.stringify({ ...latest, keyId: '0123456789abcdef' }));
      expectBroken(await cli('--checkpoint', forged), { reason: 'checkpoint_untrusted' });
    });
  });
});
