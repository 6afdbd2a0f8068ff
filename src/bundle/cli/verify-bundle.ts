/**
 * npm run bundle:verify FILE [--key <spki.pem>]: checks a case bundle (GET /cases/{id}/bundle)
 * offline, with nothing but the archive: every file against the manifest, the manifest and each
 * file version against the audit records, every record's hash and inclusion proof, and the
 * checkpoint's Ed25519 signature, by the key in the bundle or by the key given with --key (pin it:
 * a key from the bundle itself only shows that the bundle is consistent).
 *
 * Exit codes: 0 every check passed, 1 a check failed (the message names it), 2 could not run.
 */
import 'reflect-metadata';
import { access, readFile } from 'node:fs/promises';
import { BundleCheckFailed, verifyBundle } from '../bundle-verifier.js';

class Usage extends Error {}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  let file: string | undefined;
  let key: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--key') {
      key = argv[++i];
      if (!key) throw new Usage('--key needs a file');
    } else if (!argv[i].startsWith('--') && !file) file = argv[i];
    else throw new Usage(`unknown argument ${argv[i]}`);
  }
  if (!file) throw new Usage('usage: npm run bundle:verify -- FILE [--key <spki.pem>]');
  await access(file).catch(() => {
    throw new Usage(`${file}: no such file, or not readable`);
  });
  const pinnedKeyPem = key ? await readFile(key, 'utf8') : undefined;
  const lines = await verifyBundle(file, { pinnedKeyPem });
  console.log([...lines, 'all checks passed'].join('\n'));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof BundleCheckFailed) {
      console.error(`FAILED: ${err.message}`);
      process.exit(1);
    }
    console.error(`could not check: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
