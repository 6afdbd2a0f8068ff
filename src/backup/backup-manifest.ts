import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Checkpoint } from '../audit/checkpoint.js';

/** What is stored beside every backup file, as `<file>.json`: how to check it and what it vouches for. */
export interface BackupManifest {
  /** pglite-data-dir: the embedded data directory as a gzip'd tar; pg_dump-custom: pg_dump -Fc. */
  format: 'pglite-data-dir' | 'pg_dump-custom';
  database: 'pglite' | 'postgres';
  createdAt: string;
  file: string;
  bytes: number;
  sha256: string;
  postgresVersion: string;
  pgDumpVersion?: string;
  /** Sequenced audit records when the backup was taken. */
  auditRecords: number;
  /** The signed checkpoint current at backup time; null while the trail has none. */
  auditCheckpoint: {
    size: number;
    rootHash: string;
    signedAt: string;
    signature: string;
    keyId: string;
    /** The signing key's public half (SPKI PEM), to configure AUDIT_TRUSTED_KEYS with; restore never trusts it from here. */
    publicKey?: string;
  } | null;
}

export class BackupError extends Error {}

export function manifestPathOf(file: string) {
  return `${file}.json`;
}

export function checkpointForManifest(
  cp: Checkpoint | null,
  publicKey?: string,
): BackupManifest['auditCheckpoint'] {
  if (!cp) return null;
  return {
    size: cp.size,
    rootHash: cp.rootHash.toString('base64'),
    signedAt: cp.signedAt.toISOString(),
    signature: cp.signature.toString('base64'),
    keyId: cp.keyId,
    ...(publicKey ? { publicKey } : {}),
  };
}

export function checkpointFromManifest(
  m: NonNullable<BackupManifest['auditCheckpoint']>,
): Checkpoint {
  return {
    size: m.size,
    rootHash: Buffer.from(m.rootHash, 'base64'),
    signedAt: new Date(m.signedAt),
    signature: Buffer.from(m.signature, 'base64'),
    keyId: m.keyId,
  };
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Reads the manifest beside `file` and checks the file against its SHA-256. */
export async function readVerifiedManifest(file: string): Promise<BackupManifest> {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await readFile(manifestPathOf(file), 'utf8')) as BackupManifest;
  } catch (err) {
    throw new BackupError(
      `Cannot read ${manifestPathOf(file)} (the manifest written beside every backup): ${(err as Error).message}`,
    );
  }
  const actual = await sha256OfFile(file);
  if (actual !== manifest.sha256) {
    throw new BackupError(
      `${file} has SHA-256 ${actual}, its manifest says ${manifest.sha256}: the file is damaged or not the one backed up.`,
    );
  }
  return manifest;
}
