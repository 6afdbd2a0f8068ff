import 'reflect-metadata';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { checkpointFromJson } from '../../src/audit/checkpoint.js';
import { AuditSigningKey, keyIdOf, loadTrustedKeys } from '../../src/audit/signing-key.js';
import { ConfigError, loadConfig } from '../../src/config/app-config.js';

const pem = () =>
  generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('AUDIT_TRUSTED_KEYS, the key history', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trusted-keys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes PEM text or a file of PEM blocks with notes between them, and always trusts the own key', () => {
    const [a, b] = [pem(), pem()];
    const file = join(dir, 'history.pem');
    writeFileSync(file, `# used 2024-2025\n${a}\n# used 2025-2026\n${b}`);
    const own = AuditSigningKey.generate();
    const fromFile = loadTrustedKeys(
      loadConfig({ AUDIT_TRUSTED_KEYS: file }).audit.trustedKeys,
      own,
    );
    const idOf = (text: string) => keyIdOf(createPublicKey(text));
    expect(fromFile.map((k) => k.keyId)).toEqual([own.keyId, idOf(a), idOf(b)]);
    expect(
      loadTrustedKeys(loadConfig({ AUDIT_TRUSTED_KEYS: a }).audit.trustedKeys, null),
    ).toHaveLength(1);
    expect(loadTrustedKeys(null, own).map((k) => k.keyId)).toEqual([own.keyId]);
  });

  it('stops the start with a message naming the setting: no key, not Ed25519, no such file', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    for (const [value, message] of [
      [
        '-----BEGIN PUBLIC KEY-----\nbroken\n-----END PUBLIC KEY-----',
        /public key 1 is not an Ed25519/,
      ],
      [rsa, /public key 1 is not an Ed25519 SPKI PEM key \(rsa\)/],
      [join(dir, 'missing.pem'), /cannot read the key history file \(ENOENT\)/],
    ] as const) {
      expect(() => loadConfig({ AUDIT_TRUSTED_KEYS: value })).toThrow(ConfigError);
      expect(() => loadConfig({ AUDIT_TRUSTED_KEYS: value })).toThrow(message);
    }
    const empty = join(dir, 'empty.pem');
    writeFileSync(empty, '# nothing here\n');
    expect(() => loadConfig({ AUDIT_TRUSTED_KEYS: empty })).toThrow(
      /AUDIT_TRUSTED_KEYS.*holds no public key/,
    );
  });
});

describe('a checkpoint kept outside, as JSON', () => {
  const cp = {
    size: 42,
    rootHash: Buffer.alloc(32, 7).toString('base64'),
    signedAt: '2026-01-15T09:45:00.123Z',
    signature: Buffer.alloc(64, 9).toString('base64'),
    keyId: '0123456789abcdef',
  };

  it("reads GET /audit/checkpoints/latest's answer and a published report's JSON", () => {
    expect(checkpointFromJson(cp, 'f')).toMatchObject({ size: 42, keyId: cp.keyId });
    const report = {
      auditCheckpoint: { ...cp, signedAt: '15.01.2026, 10:45', signedAtIso: cp.signedAt },
    };
    expect(checkpointFromJson(report, 'f').signedAt.toISOString()).toBe(cp.signedAt);
  });

  it('names what is wrong', () => {
    expect(() => checkpointFromJson({ ...cp, size: 0 }, 'f')).toThrow(/size/);
    expect(() => checkpointFromJson({ ...cp, rootHash: 'AAAA' }, 'f')).toThrow(
      /rootHash must be 32 bytes/,
    );
    expect(() => checkpointFromJson({ ...cp, signature: cp.rootHash }, 'f')).toThrow(
      /signature must be 64 bytes/,
    );
    expect(() => checkpointFromJson({ ...cp, signedAt: '2026-01-15' }, 'f')).toThrow(/signedAt/);
    expect(() => checkpointFromJson({ ...cp, keyId: 'xyz' }, 'f')).toThrow(/keyId/);
    expect(() => checkpointFromJson(null, 'f')).toThrow(/not a checkpoint/);
  });
});
