import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { BackupError } from './backup-manifest.js';

const run = promisify(execFile);

/**
 * pg_dump and pg_restore get the connection through the environment, not the command line, so
 * that a password never shows in the process list.
 */
function connectionEnv(url: string): NodeJS.ProcessEnv {
  const password = new URL(url).password;
  return { ...process.env, ...(password ? { PGPASSWORD: decodeURIComponent(password) } : {}) };
}

function withoutPassword(url: string): string {
  const u = new URL(url);
  u.password = '';
  return u.toString();
}

async function tool(name: 'pg_dump' | 'pg_restore', args: string[], url: string) {
  try {
    return await run(name, args, { env: connectionEnv(url), maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') {
      throw new BackupError(
        `${name} is not installed: install the PostgreSQL client tools of your server's major version or newer (Debian: postgresql-client-NN).`,
      );
    }
    throw new BackupError(`${name} failed: ${(e.stderr || e.message).trim()}`);
  }
}

/** "pg_dump (PostgreSQL) 15.20 (Debian ...)" -> { text: "15.20", major: 15 } */
export async function clientVersion(name: 'pg_dump' | 'pg_restore') {
  let stdout: string;
  try {
    ({ stdout } = await run(name, ['--version']));
  } catch {
    throw new BackupError(
      `${name} is not installed: install the PostgreSQL client tools of your server's major version or newer (Debian: postgresql-client-NN).`,
    );
  }
  const match = /(\d+)(?:\.(\d+))?/.exec(stdout);
  if (!match) throw new BackupError(`Cannot read the version of ${name}: ${stdout.trim()}`);
  return { text: match[0], major: Number(match[1]) };
}

/** pg_dump refuses (or worse, misses features of) a server newer than itself: say so first. */
export async function assertClientFits(name: 'pg_dump' | 'pg_restore', serverMajor: number) {
  const client = await clientVersion(name);
  if (client.major < serverMajor) {
    throw new BackupError(
      `${name} ${client.text} is older than the PostgreSQL server (${serverMajor}): install the client tools of version ${serverMajor} or newer.`,
    );
  }
  return client;
}

/** pg_dump in custom format (-Fc): one consistent snapshot, restorable selectively with pg_restore. */
export async function pgDump(url: string, file: string, schema?: string) {
  await tool(
    'pg_dump',
    [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      `--file=${file}`,
      `--dbname=${withoutPassword(url)}`,
      ...(schema ? [`--schema=${schema}`] : []),
    ],
    url,
  );
}

export async function pgRestore(url: string, file: string) {
  await tool(
    'pg_restore',
    [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      '--single-transaction',
      `--dbname=${withoutPassword(url)}`,
      file,
    ],
    url,
  );
}
