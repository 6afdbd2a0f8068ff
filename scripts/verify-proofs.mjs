#!/usr/bin/env node
/**
 * An outside verifier for the case tracker's audit trail, written from the README alone: it uses
 * nothing but Node.js (node:crypto, fetch) and the service's public routes.
 *
 *   node scripts/verify-proofs.mjs <base URL> [--key <spki.pem>] [--old <checkpoint.json>]
 *                                  [--save <checkpoint.json>] [--seq <n>]...
 *
 * 1. Fetches the latest checkpoint (GET /audit/checkpoints/latest), rebuilds its signed note and
 *    checks the Ed25519 signature with the pinned key (--key), or else the key the service
 *    publishes (GET /audit/public-key; trusted on first use only). The key id must match the key.
 * 2. With --old (a checkpoint saved earlier, e.g. by --save): checks its signature too, then the
 *    RFC 9162 consistency proof (GET /audit/consistency) that the latest tree extends it.
 * 3. For each --seq (default: the first and the last record): checks the RFC 9162 inclusion proof
 *    (GET /audit/proofs/inclusion) against the latest root. With a token in CASE_TRACKER_TOKEN
 *    that may read the record, also recomputes the record's hash from its content.
 * --save writes the latest checkpoint to a file, to pass as --old next time.
 *
 * Exit codes: 0 every check passed, 1 a check failed, 2 the checks could not be run.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';

const ORIGIN = 'case-tracker audit log';

class CheckFailed extends Error {}
class CannotRun extends Error {}

const sha256 = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const leafNode = (recordHash) => sha256(Buffer.from([0x00]), recordHash);
const innerNode = (left, right) => sha256(Buffer.from([0x01]), left, right);
const b64 = (text, what, length = 32) => {
  const buf = typeof text === 'string' ? Buffer.from(text, 'base64') : Buffer.alloc(0);
  if (buf.length !== length || buf.toString('base64') !== text)
    throw new CheckFailed(`${what} is not ${length} bytes of base64`);
  return buf;
};

function parseArgs(argv) {
  const args = { base: null, key: null, old: null, save: null, seqs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new CannotRun(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--key') args.key = next();
    else if (a === '--old') args.old = next();
    else if (a === '--save') args.save = next();
    else if (a === '--seq') {
      const n = Number(next());
      if (!Number.isSafeInteger(n) || n < 1)
        throw new CannotRun('--seq must be a whole number >= 1');
      args.seqs.push(n);
    } else if (!a.startsWith('--') && !args.base) args.base = a.replace(/\/+$/, '');
    else throw new CannotRun(`unknown argument ${a}`);
  }
  if (!args.base)
    throw new CannotRun(
      'usage: verify-proofs.mjs <base URL> [--key <spki.pem>] [--old <checkpoint.json>] [--save <file>] [--seq <n>]...',
    );
  return args;
}

async function getJson(base, path, token) {
  let res;
  try {
    res = await fetch(`${base}${path}`, {
      headers: {
        accept: 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });
  } catch (err) {
    throw new CannotRun(`GET ${path}: ${err.message}`);
  }
  if (!res.ok) throw new CannotRun(`GET ${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** Key id: the first 8 bytes of SHA-256 of the public key's SPKI DER encoding, in hex. */
const keyIdOf = (key) =>
  sha256(key.export({ type: 'spki', format: 'der' }))
    .subarray(0, 8)
    .toString('hex');

/** The signed note, rebuilt from the checkpoint's fields (never taken from the server as is). */
function checkSignature(cp, key, what) {
  if (!Number.isSafeInteger(cp.size) || cp.size < 1) throw new CheckFailed(`${what}: bad size`);
  b64(cp.rootHash, `${what}: rootHash`);
  if (new Date(cp.signedAt).toISOString() !== cp.signedAt)
    throw new CheckFailed(`${what}: signedAt is not an ISO 8601 UTC time with milliseconds`);
  const note = `${ORIGIN}\n${cp.size}\n${cp.rootHash}\n${cp.signedAt}\n`;
  if (cp.note !== undefined && cp.note !== note)
    throw new CheckFailed(`${what}: the note given differs from the note its fields make`);
  if (cp.keyId !== keyIdOf(key))
    throw new CheckFailed(
      `${what}: signed by key ${cp.keyId}, not by the trusted key ${keyIdOf(key)}`,
    );
  if (!verify(null, Buffer.from(note, 'utf8'), key, b64(cp.signature, `${what}: signature`, 64)))
    throw new CheckFailed(`${what}: the Ed25519 signature does not verify`);
}

// ---- RFC 9162 section 2.1.3.2 (inclusion) and 2.1.4.2 (consistency), with BigInt bit arithmetic ----

function rootFromInclusion(index, size, leaf, proof) {
  let fn = BigInt(index);
  let sn = BigInt(size) - 1n;
  if (fn > sn) throw new CheckFailed('the leaf index is beyond the tree');
  let r = leaf;
  for (const p of proof) {
    if (sn === 0n) throw new CheckFailed('the inclusion proof is too long');
    if ((fn & 1n) === 1n || fn === sn) {
      r = innerNode(p, r);
      if ((fn & 1n) === 0n)
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
    } else {
      r = innerNode(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) throw new CheckFailed('the inclusion proof is too short');
  return r;
}

function checkConsistency(size1, size2, proof, root1, root2) {
  if (size1 === size2) {
    if (proof.length || !root1.equals(root2))
      throw new CheckFailed('same size, but different roots or a proof');
    return;
  }
  if (size1 > size2) throw new CheckFailed('the old tree is larger than the new one');
  if (proof.length === 0) throw new CheckFailed('empty consistency proof');
  let path = [...proof];
  // When size1 is a power of two, the old root is itself a node of the new tree.
  if ((BigInt(size1) & (BigInt(size1) - 1n)) === 0n) path = [root1, ...path];
  let fn = BigInt(size1) - 1n;
  let sn = BigInt(size2) - 1n;
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0n) throw new CheckFailed('the consistency proof is too long');
    if ((fn & 1n) === 1n || fn === sn) {
      fr = innerNode(c, fr);
      sr = innerNode(c, sr);
      if ((fn & 1n) === 0n)
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
    } else {
      sr = innerNode(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) throw new CheckFailed('the consistency proof is too short');
  if (!fr.equals(root1))
    throw new CheckFailed('the consistency proof does not lead to the old root');
  if (!sr.equals(root2))
    throw new CheckFailed('the consistency proof does not lead to the new root');
}

/**
 * A record's hash: SHA-256 of its canonical content, a JSON object without whitespace whose keys
 * are, in this order: action, actor_id, actor_label, case_id, changes, client_address, details,
 * entity_id, entity_type, id, occurred_at, request_id; absent values null.
 */
function recordHash(r) {
  const content = {
    action: r.action,
    actor_id: r.actorId,
    actor_label: r.actorLabel,
    case_id: r.caseId,
    changes: r.changes,
    client_address: r.clientAddress,
    details: r.details,
    entity_id: r.entityId,
    entity_type: r.entityType,
    id: r.id,
    occurred_at: r.occurredAt,
    request_id: r.requestId,
  };
  return sha256(Buffer.from(JSON.stringify(content), 'utf8'));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const token = process.env.CASE_TRACKER_TOKEN || null;
  const lines = [];
  let key;
  if (args.key) {
    key = createPublicKey(await readFile(args.key, 'utf8'));
    lines.push(`key ${keyIdOf(key)} pinned from ${args.key}`);
  } else {
    const published = await getJson(args.base, '/audit/public-key');
    key = createPublicKey(published.publicKey);
    lines.push(
      `key ${keyIdOf(key)} as published by the service (trusted on first use: pin it with --key)`,
    );
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new CheckFailed('the key is not Ed25519');

  const latest = await getJson(args.base, '/audit/checkpoints/latest');
  checkSignature(latest, key, 'latest checkpoint');
  const root = b64(latest.rootHash, 'rootHash');
  lines.push(
    `checkpoint: ${latest.size} records, root ${latest.rootHash}, signed ${latest.signedAt}: signature valid`,
  );

  if (args.old) {
    const old = JSON.parse(await readFile(args.old, 'utf8'));
    checkSignature(old, key, `checkpoint in ${args.old}`);
    if (old.size > latest.size)
      throw new CheckFailed(
        `the trail shrank: ${old.size} records signed before, ${latest.size} now`,
      );
    const c = await getJson(args.base, `/audit/consistency?from=${old.size}&to=${latest.size}`);
    checkConsistency(
      old.size,
      latest.size,
      c.proof.map((h, i) => b64(h, `consistency node ${i}`)),
      b64(old.rootHash, 'old rootHash'),
      root,
    );
    lines.push(
      `consistency: the trail of ${latest.size} records extends the one of ${old.size} records (${c.proof.length} hashes)`,
    );
  } else {
    lines.push(
      'consistency: no earlier checkpoint given (keep this one with --save, pass it with --old next time)',
    );
  }

  const seqs = args.seqs.length ? args.seqs : [...new Set([1, latest.size])];
  for (const seq of seqs) {
    if (seq > latest.size)
      throw new CheckFailed(`record ${seq} is beyond the checkpoint (${latest.size} records)`);
    const p = await getJson(
      args.base,
      `/audit/proofs/inclusion?seq=${seq}&size=${latest.size}`,
      token,
    );
    if (p.seq !== seq || p.size !== latest.size || p.leafIndex !== seq - 1)
      throw new CheckFailed(`inclusion proof of record ${seq}: it is about another record or tree`);
    const leaf = b64(p.leafHash, `record ${seq}: leafHash`);
    const computed = rootFromInclusion(
      seq - 1,
      latest.size,
      leafNode(leaf),
      p.proof.map((h, i) => b64(h, `inclusion node ${i}`)),
    );
    if (!computed.equals(root))
      throw new CheckFailed(`inclusion proof of record ${seq}: it leads to another root`);
    let content = '';
    if (p.record) {
      if (!recordHash(p.record).equals(leaf))
        throw new CheckFailed(`record ${seq}: its content does not have the hash that was signed`);
      content = ', and its content has that hash';
    }
    lines.push(`inclusion: record ${seq} (hash ${p.leafHash}) is in the signed tree${content}`);
  }
  if (args.save) {
    await writeFile(args.save, JSON.stringify(latest, null, 2));
    lines.push(`saved the checkpoint to ${args.save}`);
  }
  console.log([...lines, 'all checks passed'].join('\n'));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof CheckFailed) {
      console.error(`FAILED: ${err.message}`);
      process.exit(1);
    }
    console.error(
      `could not check: ${err instanceof CannotRun ? err.message : (err.stack ?? err)}`,
    );
    process.exit(2);
  },
);
