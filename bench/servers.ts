/** Parent side of child.ts: fork a server entry, wait for its port, stop it again. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ServerArgs } from './child.js';

export interface ServerHandle {
  name: string;
  baseUrl: string;
  /** Headers every request must carry (the bearer token of our app). */
  headers: Record<string, string>;
  pid: number | undefined;
  /** The user the server acts for (our app: the owner of the token). */
  userId?: string;
  /** Its database connections carry this application_name, to find their backends. */
  applicationName: string;
  /** Set when the child died before it was asked to stop: the run must then fail. */
  crashed: () => string | undefined;
  stop: () => Promise<void>;
}

export function startServer(
  name: string,
  entry: 'app-server.js' | 'raw-server.js',
  args: ServerArgs,
): Promise<ServerHandle> {
  const applicationName = `bench-${name}`;
  // One process per server: its CPU and its backends are told apart by pid and application name.
  const url = new URL(args.databaseUrl);
  url.searchParams.set('application_name', applicationName);
  const childArgs: ServerArgs = { ...args, databaseUrl: url.toString() };
  const child: ChildProcess = fork(
    fileURLToPath(new URL(entry, import.meta.url)),
    [JSON.stringify(childArgs)],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  let stopping = false;
  let crash: string | undefined;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code, signal) => {
      if (stopping) return;
      crash = `${name} server exited unexpectedly (code ${code}, signal ${signal})`;
      reject(new Error(crash));
    });
    child.once('message', (message: ChildMessage) => {
      if (message.type !== 'ready') return;
      resolve({
        name,
        baseUrl: `http://127.0.0.1:${message.port}`,
        headers: message.token ? { authorization: `Bearer ${message.token}` } : {},
        pid: child.pid,
        userId: message.userId ?? args.userId,
        applicationName,
        crashed: () => crash,
        stop: async () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          stopping = true;
          child.send('stop');
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
  });
}
