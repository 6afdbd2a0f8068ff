/**
 * The web app's build (web/ → dist/web/), redone only when its sources changed: a SHA-256 over every
 * source file, the lock file and the server files the app imports is kept next to the build.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { packageRoot } from '../config/package-root.js';

/**
 * Files and folders outside web/ that the app imports, directly or through them (one vocabulary, one
 * permission table, one status rule, the labels and the wording of audit changes). Whole folders
 * where the app takes several files of one, so that a new import there is not missed.
 */
const SHARED = [
  'src/domain',
  'src/access',
  'src/i18n',
  'src/cases/case-status.ts',
  'src/audit/audit-entry.ts',
  'src/config/report.settings.ts',
  'package-lock.json',
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

export function webSourceHash(root = packageRoot()): string {
  const hash = createHash('sha256');
  const all = [
    ...files(join(root, 'web')),
    ...SHARED.flatMap((f) => {
      const path = join(root, f);
      return statSync(path).isDirectory() ? files(path) : [path];
    }),
  ].sort();
  for (const file of all)
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/** Builds dist/web/ unless it was built from exactly these sources; true when it built. */
export function ensureWebBuilt(options: { force?: boolean; quiet?: boolean } = {}): boolean {
  const root = packageRoot();
  const stamp = join(root, 'dist', 'web', '.source-hash');
  const current = webSourceHash(root);
  if (!options.force && existsSync(stamp) && readFileSync(stamp, 'utf8') === current) return false;
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'web/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    {
      cwd: root,
      // A production build even when called from tests (jest sets NODE_ENV=test, which Vite would follow).
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: options.quiet ? 'pipe' : 'inherit',
    },
  );
  writeFileSync(stamp, current);
  return true;
}
