/**
 * The protocol between run.ts and a server child: the child announces its port once it listens
 * and shuts down on "stop". Each server runs in its own process so that autocannon does not share
 * its event loop (on 2 cores the load generator still competes for CPU).
 */
export interface ServerArgs {
  databaseUrl: string;
  schema: string;
  poolSize: number;
  /** The raw server runs the list SQL for this user, the one our app's token belongs to. */
  userId?: string;
  /** Our app on the embedded database in this directory instead of PostgreSQL. */
  embeddedDir?: string;
  /** Extra settings for our app (e.g. AUDIT_CHECKPOINT_INTERVAL_SECONDS). */
  env?: Record<string, string>;
}

/** `token`: a bearer token the load must send (our app refuses anonymous callers). */
export type ChildMessage = { type: 'ready'; port: number; token?: string; userId?: string };

export function childArgs(): ServerArgs {
  return JSON.parse(process.argv[2] ?? '{}') as ServerArgs;
}

/** Starts the server, reports its port, and runs `close` when the parent says stop. */
export async function serveAsChild(
  start: (
    args: ServerArgs,
  ) => Promise<{ port: number; close: () => Promise<void>; token?: string; userId?: string }>,
) {
  try {
    const { port, close, token, userId } = await start(childArgs());
    process.on('message', (message) => {
      if (message !== 'stop') return;
      close().then(
        () => process.exit(0),
        (err: unknown) => {
          console.error(err);
          process.exit(1);
        },
      );
    });
    // The parent going away must not leave us running.
    process.on('disconnect', () => process.exit(0));
    process.send?.({ type: 'ready', port, token, userId } satisfies ChildMessage);
  } catch (err) {
    console.error('server start-up failed:', err);
    process.exit(1);
  }
}
