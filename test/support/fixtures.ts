import type TestAgent from 'supertest/lib/agent.js';
import { expect } from '@jest/globals';

/** Small factories that create records through the API and return their bodies. */
export function fixtures(http: TestAgent) {
  let n = 0;
  const unique = () => `${Date.now().toString(36)}-${++n}`;
  return {
    async authority(overrides: Record<string, unknown> = {}) {
      const res = await http.post('/authorities').send({
        name: `Landeskriminalamt NRW ${unique()}`,
        kind: 'police',
        country: 'DE',
        ...overrides,
      });
      expect(res.status).toBe(201);
      return res.body as { id: string; version: number } & Record<string, unknown>;
    },
    async inventoryItem(overrides: Record<string, unknown> = {}) {
      const res = await http
        .post('/inventory')
        .send({ name: `web-${unique()}`, kind: 'virtual_server', ...overrides });
      expect(res.status).toBe(201);
      return res.body as { id: string; version: number } & Record<string, unknown>;
    },
    async case(overrides: Record<string, unknown> = {}) {
      const res = await http.post('/cases').send({
        title: 'Seizure order for the accounts of one person',
        requestType: 'search_and_seizure',
        receivedAt: '2015-01-15T11:12:00+01:00',
        ...overrides,
      });
      expect(res.status).toBe(201);
      return res.body as { id: string; version: number; reference: string } & Record<
        string,
        unknown
      >;
    },
  };
}
