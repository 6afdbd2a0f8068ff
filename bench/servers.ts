/** Parent side of child.ts: fork a server entry, wait for its port, stop it again. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ServerArgs } from './child.js';

export interface ServerHandle {
  name: string;
  baseUrl: string;
  /** Set when the child died before it was asked to stop: the run must then fail. */
  crashed: () => string | undefined;
  stop: () => Promise<void>;
}

export function startServer(name: string, entry: 'app-server.js' | 'raw-server.js', args: ServerArgs): Promise<ServerHandle> {
  const child: ChildProcess = fork(fileURLToPath(new URL(entry, import.meta.url)), [JSON.stringify(args)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
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
