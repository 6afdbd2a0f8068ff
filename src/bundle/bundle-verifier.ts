import { createHash } from 'node:crypto';
import yauzl from 'yauzl';
import { leafHashOf, type AuditContent } from '../audit/audit-hash.js';
import { checkpointFromJson, checkpointNote, untrustedBecause } from '../audit/checkpoint.js';
import { hashLeaf, ProofError, verifyInclusion } from '../audit/merkle.js';
import { publicKeysFromPem, TrustedKeys } from '../audit/signing-key.js';
import {
  BUNDLE_AUDIT_ENTITY,
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  CHECKPOINT_PATH,
  MANIFEST_PATH,
  PUBLIC_KEY_PATH,
  RECORDS_PATH,
  type BundleManifest,
  type BundleRecord,
  type ManifestEntry,
} from './bundle-format.js';

/** A check failed: the bundle is not what it claims to be. The message names what failed. */
export class BundleCheckFailed extends Error {}

/** Entries read whole (the rest is only hashed as it streams): at most this many bytes each. */
const MAX_READ_WHOLE = 512 * 1024 * 1024;
const READ_WHOLE = new Set([MANIFEST_PATH, RECORDS_PATH, CHECKPOINT_PATH, PUBLIC_KEY_PATH]);

interface ReadEntry {
  sha256: string;
  size: number;
  bytes?: Buffer;
}

const fail = (message: string): never => {
  throw new BundleCheckFailed(message);
};

/** Every entry of the ZIP: its SHA-256 and size as the bytes stream past (CRC checked by yauzl). */
async function readZip(path: string): Promise<Map<string, ReadEntry>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(
      path,
      { lazyEntries: true, strictFileNames: true, validateEntrySizes: true },
      (err, z) =>
        err
          ? reject(new BundleCheckFailed(`not a readable ZIP archive: ${err.message}`))
          : resolve(z),
    ),
  );
  const entries = new Map<string, ReadEntry>();
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (err: Error) =>
        reject(new BundleCheckFailed(`the archive is damaged: ${err.message}`)),
      );
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName;
        if (name.endsWith('/')) return zip.readEntry();
        if (entries.has(name))
          return reject(new BundleCheckFailed(`${name}: in the archive twice`));
        zip.openReadStream(entry, (err, stream) => {
          if (err) return reject(new BundleCheckFailed(`${name}: cannot be read: ${err.message}`));
          const hash = createHash('sha256');
          const keep = READ_WHOLE.has(name) ? ([] as Buffer[]) : null;
          let size = 0;
          stream.on('data', (chunk: Buffer) => {
            hash.update(chunk);
            size += chunk.length;
            if (keep) {
              if (size > MAX_READ_WHOLE) stream.destroy(new Error('too large'));
              else keep.push(chunk);
            }
          });
          stream.on('error', (e: Error) =>
            reject(new BundleCheckFailed(`${name}: damaged in the archive (${e.message})`)),
          );
          stream.on('end', () => {
            entries.set(name, {
              sha256: hash.digest('hex'),
              size,
              ...(keep ? { bytes: Buffer.concat(keep) } : {}),
            });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return entries;
}

function json<T>(entries: Map<string, ReadEntry>, path: string): T {
  const bytes = entries.get(path)?.bytes ?? fail(`${path}: missing from the archive`);
  try {
    return JSON.parse(bytes.toString('utf8')) as T;
  } catch {
    return fail(`${path}: not valid JSON`);
  }
}

const b64 = (text: unknown, what: string): Buffer => {
  const buf = typeof text === 'string' ? Buffer.from(text, 'base64') : Buffer.alloc(0);
  if (buf.length !== 32 || buf.toString('base64') !== text) fail(`${what}: not 32 bytes of base64`);
  return buf;
};

/** The content a record's leaf hash covers (see audit-hash.ts), from the record as written. */
function content(r: BundleRecord): AuditContent {
  return {
    id: r.id,
    occurred_at: r.occurredAt,
    actor_id: r.actorId,
    actor_label: r.actorLabel,
    action: r.action,
    entity_type: r.entityType,
    entity_id: r.entityId,
    case_id: r.caseId,
    changes: r.changes,
    details: r.details,
    request_id: r.requestId,
    client_address: r.clientAddress,
  };
}

export interface BundleVerifyOptions {
  /** SPKI PEM of the key to trust; without it, the key inside the bundle (trusted on first use). */
  pinnedKeyPem?: string;
}

/**
 * Checks a case bundle offline (README "The case bundle", "Checking a bundle"): every entry
 * against the manifest, the checkpoint's signature, every record's hash and inclusion proof, and
 * that the trail proves each file version's SHA-256 and the case file's. Returns what was checked,
 * line by line; throws BundleCheckFailed naming the first thing that failed.
 */
export async function verifyBundle(
  path: string,
  options: BundleVerifyOptions = {},
): Promise<string[]> {
  const lines: string[] = [];
  const entries = await readZip(path);
  const manifest = json<BundleManifest>(entries, MANIFEST_PATH);
  if (manifest?.format !== BUNDLE_FORMAT || manifest.formatVersion !== BUNDLE_FORMAT_VERSION)
    fail(`${MANIFEST_PATH}: not a case bundle of format version ${BUNDLE_FORMAT_VERSION}`);
  if (!Array.isArray(manifest.entries)) fail(`${MANIFEST_PATH}: no entries`);
  const caseId = manifest.case?.id;
  lines.push(`case ${manifest.case?.reference} (${caseId}), bundle of ${manifest.generatedAt}`);

  // 1. Every file is listed, and has the listed hash and size.
  const listed = new Map<string, ManifestEntry>();
  for (const e of manifest.entries) {
    if (typeof e?.path !== 'string' || listed.has(e.path) || READ_WHOLE.has(e.path))
      fail(
        `${MANIFEST_PATH}: an entry without a path, listed twice, or an audit entry (${e?.path})`,
      );
    listed.set(e.path, e);
    const got =
      entries.get(e.path) ?? fail(`${e.path}: listed in the manifest, missing from the archive`);
    if (got.size !== e.size) fail(`${e.path}: ${got.size} bytes, the manifest says ${e.size}`);
    if (got.sha256 !== e.sha256)
      fail(`${e.path}: SHA-256 ${got.sha256} differs from the manifest's ${e.sha256}`);
  }
  for (const name of entries.keys())
    if (!READ_WHOLE.has(name) && !listed.has(name))
      fail(`${name}: in the archive, not in the manifest`);
  lines.push(`files: ${listed.size}, each with the SHA-256 and size the manifest gives`);

  // 2. The checkpoint carries a valid signature of the trusted key.
  const bundled = (
    entries.get(PUBLIC_KEY_PATH)?.bytes ?? fail(`${PUBLIC_KEY_PATH}: missing from the archive`)
  ).toString('utf8');
  let keys;
  try {
    keys = publicKeysFromPem(bundled, PUBLIC_KEY_PATH);
    if (keys.length !== 1 || keys[0].publicKeyPem !== bundled)
      throw new Error('not one key in canonical SPKI PEM');
    if (options.pinnedKeyPem) keys = publicKeysFromPem(options.pinnedKeyPem, 'the pinned key');
  } catch (err) {
    return fail(`${PUBLIC_KEY_PATH}: ${(err as Error).message}`);
  }
  const checkpointJson = json<Record<string, unknown>>(entries, CHECKPOINT_PATH);
  let checkpoint;
  try {
    checkpoint = checkpointFromJson(checkpointJson, CHECKPOINT_PATH);
  } catch (err) {
    return fail((err as Error).message);
  }
  if (checkpointJson.note !== undefined && checkpointJson.note !== checkpointNote(checkpoint))
    fail(`${CHECKPOINT_PATH}: the note given differs from the note its fields make`);
  const keySource = options.pinnedKeyPem ? 'the pinned key' : PUBLIC_KEY_PATH;
  if (keys[0].keyId !== checkpoint.keyId)
    fail(
      `${CHECKPOINT_PATH}: signed by key ${checkpoint.keyId}, not by ${keySource} (${keys[0].keyId})`,
    );
  const untrusted = untrustedBecause(checkpoint, new TrustedKeys(keys));
  if (untrusted) fail(`${CHECKPOINT_PATH}: ${untrusted}`);
  lines.push(
    `checkpoint: ${checkpoint.size} records, signed ${checkpoint.signedAt.toISOString()} by key ${checkpoint.keyId}: ` +
      `signature valid${options.pinnedKeyPem ? ' (pinned key)' : ` (key from the bundle, trusted on first use: pin it with --key)`}`,
  );

  // 3. Every record has its hash and is in the signed tree.
  const records = json<BundleRecord[]>(entries, RECORDS_PATH);
  if (!Array.isArray(records)) fail(`${RECORDS_PATH}: not a list of records`);
  let previous = 0;
  for (const r of records) {
    const what = `${RECORDS_PATH}: record seq ${r?.seq}`;
    if (!Number.isSafeInteger(r?.seq) || r.seq <= previous || r.seq > checkpoint.size)
      fail(`${what}: out of order or beyond the checkpoint`);
    previous = r.seq;
    const leaf = b64(r.leafHash, `${what}: leafHash`);
    if (!leafHashOf(content(r), true).equals(leaf))
      fail(`${what}: its content does not have its leaf hash (the record was changed)`);
    if (!Array.isArray(r.proof)) fail(`${what}: no proof`);
    try {
      verifyInclusion(
        r.seq - 1,
        checkpoint.size,
        hashLeaf(leaf),
        r.proof.map((h, i) => b64(h, `${what}: proof node ${i}`)),
        checkpoint.rootHash,
      );
    } catch (err) {
      if (err instanceof ProofError) fail(`${what}: inclusion proof fails: ${err.message}`);
      throw err;
    }
  }
  lines.push(`audit records: ${records.length}, each with its hash and a valid inclusion proof`);

  // 4. The trail proves the manifest (the bundle's own record) and what each file was on upload.
  const details = (r: BundleRecord) => (r.details ?? {}) as Record<string, unknown>;
  const manifestSha256 = entries.get(MANIFEST_PATH)!.sha256;
  const own = records.find(
    (r) =>
      r.action === 'export' &&
      r.entityType === BUNDLE_AUDIT_ENTITY &&
      details(r).manifestSha256 === manifestSha256,
  );
  if (!own)
    fail(
      `${MANIFEST_PATH}: no audit record in the bundle proves its SHA-256 ${manifestSha256} (the manifest was changed)`,
    );
  for (const r of records)
    if (r.caseId !== caseId) fail(`${RECORDS_PATH}: record seq ${r.seq}: belongs to another case`);
  for (const e of listed.values()) {
    if (e.role !== 'file') continue;
    const f = e.file ?? fail(`${e.path}: a file entry without its file`);
    const proven = records.some(
      (r) =>
        (r.action === 'upload' || r.action === 'version_added') &&
        r.entityId === f.id &&
        details(r).version === f.version &&
        details(r).sha256 === e.sha256,
    );
    if (!proven)
      fail(
        `${e.path}: no audit record in the bundle proves version ${f.version} with SHA-256 ${e.sha256}`,
      );
  }
  lines.push(
    `proven: the manifest by the bundle's own record (seq ${own!.seq}), each file version by its upload record`,
  );
  return lines;
}
