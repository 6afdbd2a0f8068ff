import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError } from '../config/app-config.js';
import { sha256Of } from './merkle.js';

/** The Ed25519 key that signs checkpoints. keyId: hex of the first 8 bytes of SHA-256 of the public key (SPKI DER). */
export class AuditSigningKey {
  readonly keyId: string;
  readonly publicKeyPem: string;

  private constructor(
    private readonly privateKey: KeyObject | null,
    readonly publicKey: KeyObject,
    /** Where the key came from, for logs: "AUDIT_SIGNING_KEY", a file path, or "memory". */
    readonly source: string,
  ) {
    this.keyId = keyIdOf(publicKey);
    this.publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  static fromPrivate(privateKey: KeyObject, source: string): AuditSigningKey {
    if (privateKey.asymmetricKeyType !== 'ed25519')
      throw new Error(`${source}: not an Ed25519 key (${privateKey.asymmetricKeyType})`);
    return new AuditSigningKey(privateKey, createPublicKey(privateKey), source);
  }

  /** A key that can only verify (the verify CLI when only the public key is at hand). */
  static publicOnly(publicKey: KeyObject, source: string): AuditSigningKey {
    return new AuditSigningKey(null, publicKey, source);
  }

  static generate(source = 'memory'): AuditSigningKey {
    return AuditSigningKey.fromPrivate(generateKeyPairSync('ed25519').privateKey, source);
  }

  get canSign(): boolean {
    return this.privateKey !== null;
  }

  sign(message: Buffer): Buffer {
    if (!this.privateKey) throw new Error('this audit key can only verify');
    return sign(null, message, this.privateKey);
  }

  verify(message: Buffer, signature: Buffer): boolean {
    return verify(null, message, this.publicKey, signature);
  }
}

export function keyIdOf(publicKey: KeyObject): string {
  return sha256Of(publicKey.export({ type: 'spki', format: 'der' }))
    .subarray(0, 8)
    .toString('hex');
}

/** PKCS#8 PEM (with real or literal "\n" line breaks) or base64 of the PKCS#8 DER. */
export function parsePrivateKey(text: string, source: string): KeyObject {
  try {
    const trimmed = text.trim();
    if (trimmed.includes('-----BEGIN'))
      return createPrivateKey({ key: trimmed.replace(/\\n/g, '\n'), format: 'pem' });
    return createPrivateKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'pkcs8' });
  } catch {
    throw new ConfigError(`${source}: not a PKCS#8 private key (PEM, or base64 of the DER)`);
  }
}

function fromText(text: string, source: string): AuditSigningKey {
  const key = parsePrivateKey(text, source);
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new ConfigError(
      `${source}: the audit signing key must be Ed25519, not ${key.asymmetricKeyType ?? 'unknown'}`,
    );
  }
  return AuditSigningKey.fromPrivate(key, source);
}

const errorCode = (err: unknown) => (err as NodeJS.ErrnoException).code;

export interface KeySettings {
  signingKey: string | null;
  keyFile: string | null;
}

/**
 * The signing key: AUDIT_SIGNING_KEY if set; else the key file, generated (mode 0600, its
 * directory created 0700) on first start; else, for an in-memory database, a key in memory.
 * `warn` receives notes worth logging (a generated key, a key file readable by others).
 */
export async function loadSigningKey(
  settings: KeySettings,
  warn: (message: string) => void = () => {},
): Promise<AuditSigningKey> {
  if (settings.signingKey) return fromText(settings.signingKey, 'AUDIT_SIGNING_KEY');
  if (!settings.keyFile) return AuditSigningKey.generate('memory');
  const file = settings.keyFile;
  try {
    const text = await readFile(file, 'utf8');
    const mode = (await stat(file)).mode & 0o777;
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
      warn(
        `The audit signing key ${file} is readable by others (mode ${mode.toString(8)}); chmod 600 it.`,
      );
    }
    return fromText(text, file);
  } catch (err) {
    if (errorCode(err) !== 'ENOENT') throw err;
  }
  const key = generateKeyPairSync('ed25519').privateKey;
  const pem = key.export({ type: 'pkcs8', format: 'pem' }).toString();
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  // Written whole under a temporary name, then linked into place: link() fails if another process
  // created the file meanwhile (we then use theirs), and nobody ever reads a half-written key.
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, pem, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, file);
    warn(
      `Generated a new audit signing key in ${file}; keep a copy of its public key (GET /audit/public-key).`,
    );
    return AuditSigningKey.fromPrivate(key, file);
  } catch (err) {
    if (errorCode(err) !== 'EEXIST') throw err;
    return fromText(await readFile(file, 'utf8'), file);
  } finally {
    await unlink(temporary).catch(() => {});
  }
}

/** For the verify CLI: the configured key if there is one, never a new one. */
export async function loadExistingSigningKey(
  settings: KeySettings,
): Promise<AuditSigningKey | null> {
  if (settings.signingKey) return fromText(settings.signingKey, 'AUDIT_SIGNING_KEY');
  if (!settings.keyFile) return null;
  try {
    return fromText(await readFile(settings.keyFile, 'utf8'), settings.keyFile);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return null;
    throw err;
  }
}

/** A public key given as PEM (SPKI), for verifying with a key held elsewhere. */
export function publicKeyFromPem(pem: string, source: string): AuditSigningKey {
  return AuditSigningKey.publicOnly(createPublicKey({ key: pem, format: 'pem' }), source);
}

/**
 * Every SPKI PEM public key in `text` (one or more "-----BEGIN PUBLIC KEY-----" blocks; other
 * lines, e.g. comments naming a key and its period of use, are ignored). Each must be Ed25519.
 */
export function publicKeysFromPem(text: string, source: string): AuditSigningKey[] {
  const blocks = text
    .replace(/\\n/g, '\n')
    .match(/-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g);
  if (!blocks)
    throw new ConfigError(
      `${source}: holds no public key (-----BEGIN PUBLIC KEY----- … PEM blocks)`,
    );
  return blocks.map((pem, i) => {
    let key: KeyObject;
    try {
      key = createPublicKey({ key: pem, format: 'pem' });
    } catch {
      throw new ConfigError(`${source}: public key ${i + 1} is not a valid SPKI PEM key`);
    }
    if (key.asymmetricKeyType !== 'ed25519')
      throw new ConfigError(
        `${source}: public key ${i + 1} is not Ed25519 (${key.asymmetricKeyType})`,
      );
    return AuditSigningKey.publicOnly(key, source);
  });
}

/**
 * The keys whose checkpoints are trusted: the service's own signing key (always) and the public
 * keys of the key history (AUDIT_TRUSTED_KEYS, earlier keys after a rotation; PEM text, checked
 * by the config loader). A checkpoint signed by any other key is a forgery as far as
 * verification and signing are concerned.
 */
export function loadTrustedKeys(
  historyPem: string | null,
  own: AuditSigningKey | null,
): AuditSigningKey[] {
  const keys: AuditSigningKey[] = own ? [own] : [];
  for (const key of historyPem ? publicKeysFromPem(historyPem, 'AUDIT_TRUSTED_KEYS') : [])
    if (!keys.some((k) => k.keyId === key.keyId)) keys.push(key);
  return keys;
}

/** The trusted keys as one injectable value: the service's own first. */
export class TrustedKeys {
  constructor(readonly keys: readonly AuditSigningKey[]) {}

  find(keyId: string): AuditSigningKey | undefined {
    return this.keys.find((k) => k.keyId === keyId);
  }
}
