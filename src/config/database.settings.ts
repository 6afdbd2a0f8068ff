/** A data directory that is not on disk: an embedded database for tests and tools. */
export const MEMORY_DATA_DIR = 'memory://';
export const DEFAULT_DATA_DIR = './data/pglite';

export type DatabaseSettings =
  | { kind: 'postgres'; url: string; poolSize: number; schema?: string }
  | { kind: 'pglite'; dataDir: string };
