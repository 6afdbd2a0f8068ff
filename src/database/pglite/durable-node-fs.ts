import fs from 'node:fs';
import { dirname, join } from 'node:path';
import { PGlite, type ParserOptions } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/** The parts of Emscripten's runtime this file touches (PGlite does not export their types). */
interface EmscriptenStream {
  nfd?: number;
}
interface EmscriptenNode {
  parent: EmscriptenNode;
}
interface EmscriptenModule {
  NODEFS: {
    realPath(node: EmscriptenNode): string;
    stream_ops: Record<string, unknown> & { fsync?: (stream: EmscriptenStream) => number };
    node_ops: {
      mknod(parent: EmscriptenNode, name: string, mode: number, dev: number): EmscriptenNode;
      rename(node: EmscriptenNode, newDir: EmscriptenNode, newName: string): void;
    };
  };
  FS: { getStream(fd: number): EmscriptenStream | null };
}
type WasmImports = { env: Record<string, unknown> };
type InstantiateWasm = (imports: WasmImports, done: (...args: unknown[]) => void) => unknown;

/** Emscripten's errno for a bad file descriptor (musl numbering). */
const EBADF = 8;

/** fsync on a directory, so that a file created or renamed in it survives a power loss. */
export function syncDirectory(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Syncs every file and directory below `root` (after initdb, which writes without syncing). */
export function syncTree(root: string): void {
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) syncTree(path);
    else if (entry.isFile()) {
      const fd = fs.openSync(path, 'r');
      try {
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    }
  }
  syncDirectory(root);
}

/**
 * PGlite's Node filesystem with the syncs PostgreSQL asks for made real.
 *
 * Emscripten's NODEFS has no `fsync` stream operation and its `fdatasync` system call only checks
 * the descriptor, so every WAL flush PostgreSQL issues at commit is a no-op: an acknowledged
 * commit can be lost in a power cut. Here `fsync` and `fdatasync` reach the real file descriptor,
 * and creating or renaming a file also syncs its directory.
 */
export class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, opts: Parameters<NodeFS['init']>[1]) {
    const { emscriptenOpts } = await super.init(pg, opts);
    let mod: EmscriptenModule | undefined;
    const instantiate = emscriptenOpts.instantiateWasm as InstantiateWasm | undefined;
    const withRealSyncs = {
      ...emscriptenOpts,
      // The fdatasync system call is a wasm import, not a stream operation: replace it before
      // the module is instantiated. `env` is the runtime's own import table, shared with the
      // extensions it loads later.
      ...(instantiate
        ? {
            instantiateWasm: (imports: WasmImports, done: (...args: unknown[]) => void) => {
              imports.env.__syscall_fdatasync = (fd: number) => {
                const stream = mod?.FS.getStream(fd);
                if (!stream) return -EBADF;
                if (stream.nfd !== undefined) fs.fdatasyncSync(stream.nfd);
                return 0;
              };
              return instantiate(imports, done);
            },
          }
        : {}),
      preRun: [
        ...(emscriptenOpts.preRun ?? []),
        (module: unknown) => {
          mod = module as EmscriptenModule;
          patchNodeFs(mod.NODEFS);
        },
      ],
    };
    return { emscriptenOpts: withRealSyncs as typeof emscriptenOpts };
  }
}

function patchNodeFs(nodefs: EmscriptenModule['NODEFS']) {
  nodefs.stream_ops.fsync = (stream) => {
    if (stream.nfd !== undefined) fs.fsyncSync(stream.nfd);
    return 0;
  };
  const { mknod, rename } = nodefs.node_ops;
  nodefs.node_ops.mknod = (parent, name, mode, dev) => {
    const node = mknod(parent, name, mode, dev);
    syncDirectory(nodefs.realPath(parent));
    return node;
  };
  nodefs.node_ops.rename = (node, newDir, newName) => {
    const oldDir = nodefs.realPath(node.parent);
    rename(node, newDir, newName);
    const target = nodefs.realPath(newDir);
    syncDirectory(target);
    if (target !== oldDir) syncDirectory(oldDir);
  };
}

/**
 * PGlite's default start parameters without `-F` (fsync off). PostgreSQL then flushes its WAL at
 * every commit, which the filesystem above makes real. The buffer cache is 16 MB instead of
 * PostgreSQL's 128 MB: inside the WebAssembly heap it is resident memory of the service process
 * (about 110 MB more, measured with 10,000 cases), while the files it would cache stay in the
 * operating system's page cache anyway.
 */
export function durableStartParams(): string[] {
  return [...PGlite.defaultStartParams.filter((p) => p !== '-F'), '-c', 'shared_buffers=16MB'];
}

export interface OpenEmbeddedOptions {
  /** false: PGlite's own behaviour (no syncing); only for measuring what syncing costs. */
  durable?: boolean;
  parsers?: ParserOptions;
}

/** Opens (creating if needed) an embedded database in `dataDir` that survives a power loss. */
export async function openEmbeddedDatabase(
  dataDir: string,
  options: OpenEmbeddedOptions = {},
): Promise<PGlite> {
  if (options.durable === false) return PGlite.create(dataDir, { parsers: options.parsers });
  const fresh = !fs.existsSync(join(dataDir, 'PG_VERSION'));
  const db = await PGlite.create({
    fs: new DurableNodeFS(dataDir),
    startParams: durableStartParams(),
    parsers: options.parsers,
  });
  // initdb writes the new cluster without syncing; make it durable once, as `initdb --sync-only` would.
  if (fresh) {
    syncTree(dataDir);
    syncDirectory(dirname(fs.realpathSync(dataDir)));
  }
  return db;
}
