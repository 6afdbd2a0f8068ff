import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../src/config/app-config.js';

const URL = 'postgres://postgres@127.0.0.1:5432/test';

describe('database settings', () => {
  it('refuses a pool of one connection, which checkpoint signing would hold forever', () => {
    const load = () => loadConfig({ DATABASE_URL: URL, DB_POOL_SIZE: '1' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/DB_POOL_SIZE.*at least 2/);
  });

  it('takes two connections and more', () => {
    const config = loadConfig({ DATABASE_URL: URL, DB_POOL_SIZE: '2' });
    expect(config.database).toMatchObject({ kind: 'postgres', poolSize: 2 });
  });
});
