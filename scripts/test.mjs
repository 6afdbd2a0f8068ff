// `npm test`: the web app's unit tests (vitest), then the service's suite (jest), one command.
// Options are handed to jest (`npm test -- --ci --json --outputFile=x.json`). Naming test files
// or a pattern (any argument not starting with "--", e.g. `npm test -- test/e2e/x.e2e.spec.ts`
// or `-t name`) runs only jest, with those. WEB_TEST_JSON=<file> also writes vitest's results
// as JSON there (CI counts them).
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const run = (commandArgs) =>
  spawnSync(process.execPath, commandArgs, { cwd: root, stdio: 'inherit' }).status ?? 1;

if (args.every((a) => a.startsWith('--'))) {
  const json = process.env.WEB_TEST_JSON;
  const status = run([
    'node_modules/vitest/vitest.mjs',
    'run',
    '--config',
    'web/vitest.config.ts',
    ...(json ? ['--reporter=default', '--reporter=json', `--outputFile.json=${json}`] : []),
  ]);
  if (status !== 0) process.exit(status);
}
process.exit(run(['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', ...args]));
