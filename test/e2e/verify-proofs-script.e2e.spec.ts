import { execFile } from 'node:child_process';
import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../../src/access/actor.js';
import { AuditService } from '../../src/audit/audit.service.js';
import { AuditTrailService } from '../../src/audit/audit-trail.service.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

const SCRIPT = join(process.cwd(), 'scripts', 'verify-proofs.mjs');

/** Runs the outside verifier as its users do: a separate Node process, nothing but the public routes. */
function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [SCRIPT, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 120_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, out: `${stdout}${stderr}` });
      },
    );
  });
}

/** A loopback server in front of the service that changes some answers, as a lying service would. */
async function lyingProxy(
  target: string,
  change: (path: string, body: Record<string, unknown>) => Record<string, unknown>,
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    void (async () => {
      const upstream = await fetch(`${target}${req.url}`, {
        headers: req.headers.authorization ? { authorization: req.headers.authorization } : {},
      });
      const body = (await upstream.json()) as Record<string, unknown>;
      res.statusCode = upstream.status;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(change(req.url ?? '', body)));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const otherHash = createHash('sha256').update('something else').digest('base64');

describe('scripts/verify-proofs.mjs: an outside verifier with no code of the service', () => {
  let t: TestApp;
  let base: string;
  let dir: string;
  let keyFile: string;
  let saved: string;
  let auditorToken: string;

  const record = async (n: number) => {
    const audit = t.app.get(AuditService);
    const caseId = randomUUID();
    await t.app.get(DataSource).transaction((m) =>
      audit.recordMany(
        m,
        Array.from({ length: n }, (_, i) => ({
          actor: SYSTEM_ACTOR,
          action: 'update' as const,
          entityType: 'case',
          entityId: caseId,
          caseId: null,
          details: { i, '10': 'ten', ä: [1, { b: 2, a: 1 }] },
        })),
      ),
    );
    await t.app.get(AuditTrailService).checkpoint();
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0' } });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    dir = await mkdtemp(join(tmpdir(), 'verify-proofs-'));
    keyFile = join(dir, 'key.pem');
    await writeFile(
      keyFile,
      (await t.as('anonymous').get('/audit/public-key').expect(200)).body.publicKey,
    );
    saved = join(dir, 'checkpoint.json');
    auditorToken = (
      await t
        .as('anonymous')
        .post('/auth/sign-in')
        .send({ email: 'auditor@test.example', password: TEST_PASSWORD })
        .expect(200)
    ).body.token;
    await record(11);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await t?.close();
  });

  it('checks the signed checkpoint and inclusion proofs, and keeps the checkpoint', async () => {
    const r = await run([base, '--save', saved]);
    expect(r.out).toMatch(/checkpoint: \d+ records, .* signature valid/);
    expect(r.out).toMatch(/inclusion: record 1 .* is in the signed tree/);
    expect(r.out).toMatch(/all checks passed/);
    expect(r.code).toBe(0);
  });

  it('later: the trail extends the kept checkpoint (consistency), with a pinned key and the records recomputed', async () => {
    await record(9);
    const size = (await t.as('anonymous').get('/audit/checkpoints/latest').expect(200)).body.size;
    const r = await run(
      [
        base,
        '--key',
        keyFile,
        '--old',
        saved,
        '--seq',
        '2',
        '--seq',
        String(size - 1),
        '--seq',
        String(size),
      ],
      { CASE_TRACKER_TOKEN: auditorToken },
    );
    expect(r.out).toMatch(/consistency: the trail of \d+ records extends the one of \d+ records/);
    expect(r.out).toMatch(
      new RegExp(`record ${size - 1} .* is in the signed tree, and its content has that hash`),
    );
    expect(r.code).toBe(0);
  });

  it('fails on a checkpoint signed by another key than the pinned one', async () => {
    const other = join(dir, 'other.pem');
    await writeFile(
      other,
      generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    );
    const r = await run([base, '--key', other]);
    expect(r.out).toMatch(/FAILED: latest checkpoint: signed by key \w+, not by the trusted key/);
    expect(r.code).toBe(1);
  });

  it('fails on a changed consistency proof, inclusion proof, record or note', async () => {
    const cases: [
      string,
      (path: string, b: Record<string, unknown>) => Record<string, unknown>,
      RegExp,
    ][] = [
      [
        '/audit/consistency',
        (_p, b) => ({ ...b, proof: [otherHash, ...(b.proof as string[]).slice(1)] }),
        /consistency proof does not lead/,
      ],
      [
        '/audit/proofs/inclusion',
        (_p, b) => ({ ...b, proof: [otherHash, ...(b.proof as string[]).slice(1)] }),
        /leads to another root/,
      ],
      [
        '/audit/proofs/inclusion',
        (_p, b) => ({ ...b, leafHash: otherHash }),
        /leads to another root/,
      ],
      [
        '/audit/proofs/inclusion',
        (_p, b) => ({ ...b, record: { ...(b.record as object), actorLabel: 'someone else' } }),
        /content does not have the hash/,
      ],
      [
        '/audit/checkpoints/latest',
        (_p, b) => ({ ...b, size: (b.size as number) + 1 }),
        /note given differs|signature does not verify/,
      ],
    ];
    for (const [route, change, message] of cases) {
      const proxy = await lyingProxy(base, (path, body) =>
        path.startsWith(route) ? change(path, body) : body,
      );
      try {
        const r = await run([proxy.url, '--key', keyFile, '--old', saved], {
          CASE_TRACKER_TOKEN: auditorToken,
        });
        expect(r.out).toMatch(message);
        expect(r.code).toBe(1);
      } finally {
        await new Promise((resolve) => proxy.server.close(resolve));
      }
    }
  });

  it('says so when it cannot run', async () => {
    expect((await run([])).code).toBe(2);
    const r = await run(['http://127.0.0.1:9', '--key', keyFile]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/could not check/);
  });
});
