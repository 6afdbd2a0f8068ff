import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import { createBackup, restoreBackup } from '../../src/backup/backup.js';
import type { BackupManifest } from '../../src/backup/backup-manifest.js';
import { BackupScheduler } from '../../src/backup/backup-scheduler.js';
import { loadConfig } from '../../src/config/app-config.js';
import { fixtures } from '../support/fixtures.js';
import { startTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';

jest.setTimeout(300_000);

/** The key settings the test apps get (test-app.ts): checkpoints and backups use one key. */
const audit = loadConfig({}).audit;

describe('backup and restore: embedded database', () => {
  let dir: string;
  let dataDir: string;
  let backupFile: string;
  let caseId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tracker-backup-'));
    dataDir = join(dir, 'pglite');
    const t = await startTestApp({ dataDir });
    try {
      caseId = (await fixtures(t.http).case({ title: 'Kept by the backup' })).id;
    } finally {
      await t.close();
    }
    backupFile = (await createBackup({ kind: 'pglite', dataDir }, audit, join(dir, 'backups')))
      .file;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the snapshot with its SHA-256 and the signed checkpoint of the whole trail beside it', () => {
    const manifest = JSON.parse(readFileSync(`${backupFile}.json`, 'utf8')) as BackupManifest;
    expect(manifest).toMatchObject({ database: 'pglite', format: 'pglite-data-dir' });
    expect(manifest.auditRecords).toBeGreaterThan(0);
    expect(manifest.auditCheckpoint?.size).toBe(manifest.auditRecords);
    expect(readFileSync(`${backupFile}.sha256`, 'utf8')).toContain(manifest.sha256);
  });

  it('restores into an empty directory, verifies the trail against the backup checkpoint, and serves the data', async () => {
    const target = join(dir, 'restored');
    const report = await restoreBackup({ kind: 'pglite', dataDir: target }, audit, backupFile);
    expect(report.checkpoint).toBe('matched');
    expect(report.verification.valid).toBe(true);
    const t = await startTestApp({ dataDir: target });
    try {
      const read = await t.http.get(`/cases/${caseId}`).expect(200);
      expect(read.body.title).toBe('Kept by the backup');
    } finally {
      await t.close();
    }
  });

  it('refuses a non-empty directory without --force, and moves it aside with it', async () => {
    const target = join(dir, 'restored');
    await expect(
      restoreBackup({ kind: 'pglite', dataDir: target }, audit, backupFile),
    ).rejects.toThrow(/not empty/);
    const report = await restoreBackup({ kind: 'pglite', dataDir: target }, audit, backupFile, {
      force: true,
    });
    expect(report.movedAside && existsSync(join(report.movedAside, 'PG_VERSION'))).toBe(true);
  });

  it('refuses a damaged backup file', async () => {
    const damaged = join(dir, 'damaged.tar.gz');
    const bytes = readFileSync(backupFile);
    bytes[bytes.length >> 1] ^= 0xff;
    writeFileSync(damaged, bytes);
    copyFileSync(`${backupFile}.json`, `${damaged}.json`);
    await expect(
      restoreBackup({ kind: 'pglite', dataDir: join(dir, 'from-damaged') }, audit, damaged),
    ).rejects.toThrow(/SHA-256/);
  });

  it('fails the restore when the trail does not match the checkpoint kept beside the backup', async () => {
    const forged = join(dir, 'forged.tar.gz');
    copyFileSync(backupFile, forged);
    const manifest = JSON.parse(readFileSync(`${backupFile}.json`, 'utf8')) as BackupManifest;
    const root = Buffer.from(manifest.auditCheckpoint!.rootHash, 'base64');
    root[0] ^= 0xff;
    manifest.auditCheckpoint!.rootHash = root.toString('base64');
    writeFileSync(`${forged}.json`, JSON.stringify(manifest));
    await expect(
      restoreBackup({ kind: 'pglite', dataDir: join(dir, 'from-forged') }, audit, forged),
    ).rejects.toThrow(/checkpoint/);
  });
});

describe('scheduled backups', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tracker-scheduled-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('backs the running service up, keeps the newest BACKUP_KEEP, and shows a failure in /health', async () => {
    const backupDir = join(dir, 'backups');
    const t = await startTestApp({
      dataDir: join(dir, 'pglite'),
      env: { BACKUP_DIR: backupDir, BACKUP_KEEP: '1' },
    });
    try {
      expect((await t.http.get('/health').expect(200)).body.backups).toEqual({
        status: 'not run yet',
        lastSuccessAt: null,
      });
      const scheduler = t.app.get(BackupScheduler);
      await scheduler.runOnce();
      await fixtures(t.http).case({ title: 'After the first scheduled backup' });
      await scheduler.runOnce();
      const files = readdirSync(backupDir).filter((f) => f.endsWith('.tar.gz'));
      expect(files).toHaveLength(1);
      expect((await t.http.get('/health').expect(200)).body.backups.status).toBe('ok');

      // The backup directory becomes unusable (here: a file in its place).
      rmSync(backupDir, { recursive: true });
      writeFileSync(backupDir, 'not a directory');
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => {});
      await scheduler.runOnce();
      expect(logged).toHaveBeenCalledWith(expect.stringMatching(/Scheduled backup .* failed/));
      const health = await t.http.get('/health').expect(200);
      expect(health.body.backups).toMatchObject({ status: 'failing' });
      expect(JSON.stringify(health.body)).not.toContain(backupDir);
      logged.mockRestore();
    } finally {
      await t.close();
    }
  });
});

const url = testDatabaseUrl();
(url ? describe : describe.skip)('backup and restore: PostgreSQL (pg_dump -Fc)', () => {
  let t: TestApp;
  let dir: string;
  let restoreDb: string;
  const admin = () => new pg.Client({ connectionString: url });
  const urlOf = (db: string) => {
    const u = new URL(url!);
    u.pathname = `/${db}`;
    return u.toString();
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tracker-pgbackup-'));
    t = await startTestApp();
    restoreDb = `test_restore_${Date.now().toString(36)}`;
    const c = admin();
    await c.connect();
    await c.query(`CREATE DATABASE ${restoreDb}`);
    await c.end();
  });
  afterAll(async () => {
    await t?.close();
    const c = admin();
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${restoreDb} WITH (FORCE)`);
    await c.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('backs up the running service and restores into an empty database with the trail verified', async () => {
    const created = await fixtures(t.http).case({ title: 'Kept by pg_dump' });
    const [{ schema }] = await t.sql<{ schema: string }>('SELECT current_schema() AS schema');
    const { file, manifest } = await createBackup(
      { kind: 'postgres', url: url!, poolSize: 2, schema },
      audit,
      dir,
    );
    expect(manifest).toMatchObject({ database: 'postgres', format: 'pg_dump-custom' });
    expect(manifest.auditCheckpoint?.size).toBe(manifest.auditRecords);

    const target = { kind: 'postgres' as const, url: urlOf(restoreDb), poolSize: 2, schema };
    const report = await restoreBackup(target, audit, file);
    expect(report.checkpoint).toBe('matched');
    const c = new pg.Client({ connectionString: urlOf(restoreDb) });
    await c.connect();
    try {
      const { rows } = await c.query(`SELECT title FROM ${schema}.cases WHERE id = $1`, [
        created.id,
      ]);
      expect(rows).toEqual([{ title: 'Kept by pg_dump' }]);
    } finally {
      await c.end();
    }
    await expect(restoreBackup(target, audit, file)).rejects.toThrow(/not empty/);
    await expect(restoreBackup(target, audit, file, { force: true })).resolves.toMatchObject({
      checkpoint: 'matched',
      movedAside: expect.stringMatching(/^schema t_\w+_replaced_/),
    });
  });
});
