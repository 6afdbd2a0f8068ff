import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type TestAgent from 'supertest/lib/agent.js';
import { BundleCheckFailed, verifyBundle } from '../../src/bundle/bundle-verifier.js';
import { fixtures } from '../support/fixtures.js';
import { binary } from '../support/pdf.js';
import { samplePdf } from '../support/sample-files.js';
import { readZipEntries, writeZipEntries } from '../support/bundle-zip.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('the case bundle', () => {
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;
  const dir = mkdtempSync(join(tmpdir(), 'case-bundle-'));
  beforeAll(async () => {
    t = await startTestApp();
    f = fixtures(t.http);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const upload = (
    caseId: string,
    bytes: Buffer,
    name: string,
    query: Record<string, string>,
    agent: TestAgent = t.http,
  ) =>
    agent
      .post(`/cases/${caseId}/files`)
      .query(query)
      .attach('file', bytes, { filename: name, contentType: 'application/octet-stream' })
      .expect(201);

  let n = 0;
  const bundle = async (caseId: string, agent: TestAgent = t.http) => {
    const res = await agent.get(`/cases/${caseId}/bundle`).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="case-bundle-/);
    const path = join(dir, `bundle-${++n}.zip`);
    writeFileSync(path, res.body as Buffer);
    return path;
  };

  const failure = async (path: string) => {
    try {
      await verifyBundle(path);
    } catch (err) {
      if (err instanceof BundleCheckFailed) return err.message;
      throw err;
    }
    return null;
  };

  async function caseWithFiles() {
    const c = await f.case({ title: 'LKA NRW takes the IT offline' });
    const order = await samplePdf('Beschluss des Amtsgerichts Münster vom 14.01.2015');
    const file = await upload(c.id, order, 'beschluss.pdf', { kind: 'order' });
    await t.http
      .post(`/cases/${c.id}/files/${file.body.id}/versions`)
      .attach('file', await samplePdf('Beschluss (korrigierter Scan)'), 'beschluss-2.pdf')
      .expect(201);
    const memo = await upload(
      c.id,
      Buffer.from('Vermerk: Beschwerde aussichtsreich.\n'),
      'vermerk.txt',
      { kind: 'other', privileged: 'true' },
      t.as('lawyer'),
    );
    return { c, file: file.body as { id: string }, memo: memo.body as { id: string } };
  }

  it('holds the case file, every visible file version, the records with proofs; it verifies', async () => {
    const { c, file, memo } = await caseWithFiles();
    const path = await bundle(c.id, t.as('lawyer'));
    const lines = await verifyBundle(path);
    expect(lines.join('\n')).toMatch(/signature valid/);
    const entries = await readZipEntries(path);
    const names = [...entries.keys()];
    expect(names).toEqual(
      expect.arrayContaining([
        'manifest.json',
        'case-file.pdf',
        `files/${file.id}/v1/beschluss.pdf`,
        `files/${file.id}/v2/beschluss-2.pdf`,
        `files/${memo.id}/v1/vermerk.txt`,
        'audit/records.json',
        'audit/checkpoint.json',
        'audit/public-key.pem',
      ]),
    );
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
    expect(manifest).toMatchObject({ format: 'case-tracker case bundle', formatVersion: 1 });
    expect(manifest.case).toEqual({ id: c.id, reference: c.reference, title: c.title });
    const v1 = manifest.entries.find((e: { path: string }) => e.path.endsWith('/v1/beschluss.pdf'));
    expect(v1.file).toMatchObject({ id: file.id, kind: 'order', version: 1, privileged: false });
    expect(v1.sha256).toMatch(/^[0-9a-f]{64}$/);

    // The bundle's own record is among the proven ones, with the manifest's hash.
    const records = JSON.parse(entries.get('audit/records.json')!.toString('utf8'));
    const own = records.find((r: { entityType: string }) => r.entityType === 'case_bundle');
    expect(own).toMatchObject({
      action: 'export',
      caseId: c.id,
      actorLabel: 'lawyer:lawyer@test.example',
    });
    expect(records.every((r: { caseId: string }) => r.caseId === c.id)).toBe(true);

    // The same bundle, pinned to the service's key.
    const key = await t.as('anonymous').get('/audit/public-key').expect(200);
    expect(await verifyBundle(path, { pinnedKeyPem: key.body.publicKey })).toBeTruthy();
    const otherKey = (await import('node:crypto')).generateKeyPairSync('ed25519');
    await expect(
      verifyBundle(path, {
        pinnedKeyPem: otherKey.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      }),
    ).rejects.toThrow(/not by the pinned key/);
  });

  it('fails when a single byte of any entry is flipped, and names the entry', async () => {
    const { c } = await caseWithFiles();
    const path = await bundle(c.id);
    expect(await failure(path)).toBeNull();
    const entries = await readZipEntries(path);
    const forged = join(dir, 'forged.zip');
    for (const [name, bytes] of entries) {
      const positions = [...new Set([0, 1, 7, 23, 64, 100, 333].map((p) => p % bytes.length))];
      positions.push(Math.floor(bytes.length / 2), bytes.length - 2, bytes.length - 1);
      for (const p of positions) {
        const changed = Buffer.from(bytes);
        changed[p] ^= 0x01;
        await writeZipEntries(forged, new Map([...entries, [name, changed]]));
        const message = await failure(forged);
        expect({ name, p, message }).toEqual({
          name,
          p,
          message: expect.stringMatching(name === 'manifest.json' ? /manifest/ : name),
        });
      }
    }
    // A byte flipped in the archive itself: the ZIP's CRC catches it.
    const raw = await readFile(path);
    const pdfAt = raw.indexOf(Buffer.from('%PDF'));
    raw[pdfAt + 200] ^= 0x01;
    writeFileSync(forged, raw);
    expect(await failure(forged)).toMatch(/damaged|SHA-256/);
    // A file left out, or one added.
    const fewer = new Map([...entries].filter(([k]) => !k.startsWith('files/')));
    await writeZipEntries(forged, fewer);
    expect(await failure(forged)).toMatch(/missing from the archive/);
    await writeZipEntries(forged, new Map([...entries, ['files/extra.txt', Buffer.from('x')]]));
    expect(await failure(forged)).toMatch(/not in the manifest/);
  });

  it('leaves privileged files and their records out for a role that may not read them', async () => {
    const { c, memo } = await caseWithFiles();
    const path = await bundle(c.id, t.as('auditor'));
    await verifyBundle(path);
    const entries = await readZipEntries(path);
    expect([...entries.keys()].some((k) => k.includes(memo.id))).toBe(false);
    const records = JSON.parse(entries.get('audit/records.json')!.toString('utf8'));
    expect(records.some((r: { entityType: string }) => r.entityType === 'privileged_file')).toBe(
      false,
    );
    expect(entries.get('audit/records.json')!.includes(memo.id)).toBe(false);
    const lawyers = await readZipEntries(await bundle(c.id, t.as('lawyer')));
    expect([...lawyers.keys()].some((k) => k.includes(memo.id))).toBe(true);
  });

  it('answers 404 to a non-member for a restricted case, as for one that does not exist', async () => {
    const { c } = await caseWithFiles();
    await t.update(`/cases/${c.id}`, { restricted: true });
    const denied = await t.as('lawyer').get(`/cases/${c.id}/bundle`).expect(404);
    const missing = await t
      .as('lawyer')
      .get('/cases/00000000-0000-4000-8000-000000000000/bundle')
      .expect(404);
    expect(denied.body.detail.replace(c.id, 'X')).toBe(
      missing.body.detail.replace('00000000-0000-4000-8000-000000000000', 'X'),
    );
    await t.as('anonymous').get(`/cases/${c.id}/bundle`).expect(401);
    // The member (the board created it) gets it.
    await verifyBundle(await bundle(c.id));
  });
});
