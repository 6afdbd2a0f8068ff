import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type TestAgent from 'supertest/lib/agent.js';
import { encodeCursor } from '../../src/common/cursor.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createUser, etagOf, type TestUser } from '../support/security/world.js';

/**
 * What a user who may not see a restricted case could still learn from the answers to their own
 * requests: whether a reference is taken, which number the next case gets, whether a directory
 * record can be removed. Each must answer as if the hidden case did not exist.
 */
describe('a hidden case cannot be inferred', () => {
  let t: TestApp;
  /** A board member who logs the restricted cases (a member of them). */
  let insider: TestAgent;
  /** A board member of none of them. */
  let outsider: TestUser;

  const logCase = (agent: TestAgent, body: Record<string, unknown>) =>
    agent.post('/cases').send({ title: 'Server secured', requestType: 'server_seizure', ...body });

  /** A response without what differs from request to request, to compare two answers. */
  const shape = (res: { status: number; body: Record<string, unknown> }) => ({
    status: res.status,
    body: {
      ...res.body,
      id: undefined,
      requestId: undefined,
      instance: undefined,
      reference: undefined,
      createdAt: undefined,
      updatedAt: undefined,
      timeline: undefined,
    },
  });

  beforeAll(async () => {
    t = await startTestApp();
    insider = t.http;
    outsider = await createUser(t, 'board', 'outsider');
  });
  afterAll(() => t.close());

  describe('references', () => {
    it('accepts a chosen reference that only a hidden case has, exactly as a reference nobody has', async () => {
      const hidden = await logCase(insider, {
        reference: '2020-001',
        restricted: true,
        receivedAt: '2020-07-03T10:00:00+02:00',
      }).expect(201);
      expect(hidden.body.reference).toBe('2020-001');

      const taken = await logCase(outsider.agent, {
        reference: '2020-001',
        receivedAt: '2020-07-04T10:00:00+02:00',
      });
      const free = await logCase(outsider.agent, {
        reference: '2020-777',
        receivedAt: '2020-07-04T10:00:00+02:00',
      });
      expect(taken.status).toBe(201);
      expect(shape(taken)).toEqual(shape(free));
      expect(taken.body.reference).toBe('2020-001');
      // Now an open case has it: taken for everybody, the member of the hidden case included.
      const again = await logCase(insider, {
        reference: '2020-001',
        receivedAt: '2020-07-05T10:00:00+02:00',
      }).expect(409);
      expect(again.body.errors).toEqual([{ field: 'reference', message: 'already exists' }]);
    });

    it('refuses a reference taken by a case the caller can see, restricted ones included', async () => {
      await logCase(insider, {
        reference: 'ZW-2020',
        restricted: true,
        receivedAt: '2020-07-03T10:00:00+02:00',
      }).expect(201);
      const dup = await logCase(insider, {
        reference: 'ZW-2020',
        receivedAt: '2020-07-03T10:00:00+02:00',
      }).expect(409);
      expect(dup.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(dup.body.errors).toEqual([{ field: 'reference', message: 'already exists' }]);
      // A PATCH to a reference the caller sees is refused the same way; to one they do not see, not.
      const mine = await logCase(outsider.agent, {
        receivedAt: '2020-07-03T10:00:00+02:00',
      }).expect(201);
      const patch = async (agent: TestAgent, reference: string) =>
        agent
          .patch(`/cases/${mine.body.id}`)
          .set('If-Match', await etagOf(agent, `/cases/${mine.body.id}`))
          .send({ reference });
      expect((await patch(outsider.agent, 'ZW-2020')).status).toBe(200);
      const open = await logCase(insider, {
        reference: 'NRW-2015',
        receivedAt: '2015-01-15T11:12:00+01:00',
      }).expect(201);
      expect(open.body.reference).toBe('NRW-2015');
      expect((await patch(outsider.agent, 'NRW-2015')).status).toBe(409);
    });

    it('numbers open cases without counting hidden ones: a case logged as restricted takes no number', async () => {
      const first = await logCase(outsider.agent, { receivedAt: '2032-01-10T10:00:00Z' }).expect(
        201,
      );
      const hidden = await logCase(insider, {
        restricted: true,
        receivedAt: '2032-02-10T10:00:00Z',
      }).expect(201);
      const second = await logCase(outsider.agent, { receivedAt: '2032-03-10T10:00:00Z' }).expect(
        201,
      );
      expect([first.body.reference, second.body.reference]).toEqual(['2032-001', '2032-002']);
      // The restricted case has the year and a random part: no position in any sequence.
      expect(hidden.body.reference).toMatch(/^2032-[A-Z][A-Z2-9]{5}$/);
      const others = await Promise.all(
        Array.from({ length: 5 }, () =>
          logCase(insider, { restricted: true, receivedAt: '2032-04-10T10:00:00Z' }).expect(201),
        ),
      );
      expect(new Set(others.map((r) => r.body.reference)).size).toBe(5);
      const third = await logCase(outsider.agent, { receivedAt: '2032-05-10T10:00:00Z' }).expect(
        201,
      );
      expect(third.body.reference).toBe('2032-003');
    });

    it('skips numbers that a visible case chose, and survives a chosen number too large for any integer', async () => {
      await logCase(insider, {
        reference: '2031-99999999999',
        receivedAt: '2031-01-01T10:00:00Z',
      }).expect(201);
      await logCase(insider, { reference: '2031-002', receivedAt: '2031-01-01T10:00:00Z' }).expect(
        201,
      );
      const refs: string[] = [];
      for (let i = 0; i < 3; i++)
        refs.push(
          (await logCase(insider, { receivedAt: '2031-06-01T10:00:00Z' }).expect(201)).body
            .reference as string,
        );
      expect(refs).toEqual(['2031-001', '2031-003', '2031-004']);
    });

    it('gives cases received before the year 1000 four-digit references, one after the other', async () => {
      const a = await logCase(insider, { receivedAt: '0999-06-01T10:00:00Z' }).expect(201);
      const b = await logCase(insider, { receivedAt: '0999-07-01T10:00:00Z' }).expect(201);
      expect([a.body.reference, b.body.reference]).toEqual(['0999-001', '0999-002']);
    });

    it('refuses to make a restricted case open while an open case has its reference, naming the field', async () => {
      const hidden = await logCase(insider, {
        reference: 'SG-2011',
        restricted: true,
        receivedAt: '2011-05-20T08:00:00+02:00',
      }).expect(201);
      await logCase(outsider.agent, {
        reference: 'SG-2011',
        receivedAt: '2011-05-21T08:00:00+02:00',
      }).expect(201);
      const path = `/cases/${hidden.body.id}`;
      const res = await insider
        .patch(path)
        .set('If-Match', await etagOf(insider, path))
        .send({ restricted: false });
      expect(res.status).toBe(409);
      expect(res.body.errors).toEqual([{ field: 'reference', message: 'already exists' }]);
      expect((await insider.get(path).expect(200)).body.restricted).toBe(true);
    });
  });

  describe('the audit trail', () => {
    it('shows a non-member where hidden records lie and how many, and nothing of them, as the README says', async () => {
      const hidden = await logCase(insider, {
        restricted: true,
        receivedAt: '2020-07-03T10:00:00+02:00',
      }).expect(201);
      await logCase(outsider.agent, { receivedAt: '2020-07-03T10:00:00+02:00' }).expect(201);
      for (let i = 0; i < 3; i++) await insider.get(`/cases/${hidden.body.id}`).expect(200);
      await logCase(outsider.agent, { receivedAt: '2020-07-04T10:00:00+02:00' }).expect(201);

      const seen: { seq: number; caseId: string | null }[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/audit/events?limit=100${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await outsider.agent.get(url).expect(200);
        seen.push(...(page.body.items as { seq: number; caseId: string | null }[]));
        cursor = page.body.nextCursor as string | null;
      } while (cursor);
      expect(JSON.stringify(seen)).not.toContain(hidden.body.id);
      const all = await t.sql<{ seq: string; case_id: string | null; hidden: boolean }>(
        `SELECT seq, case_id, EXISTS (SELECT 1 FROM cases c WHERE c.id = e.case_id AND c.restricted
                  AND NOT EXISTS (SELECT 1 FROM case_members m WHERE m.case_id = c.id AND m.user_id = $1)) AS hidden
           FROM audit_events e WHERE seq IS NOT NULL AND seq <= $2 ORDER BY seq`,
        [outsider.id, seen[seen.length - 1].seq],
      );
      const allHidden = all.filter((r) => r.hidden).map((r) => Number(r.seq));
      const hiddenSeqs = all.filter((r) => r.case_id === hidden.body.id).map((r) => Number(r.seq));
      // The creation, the membership and three reads: hidden, each one a gap in the numbering.
      expect(hiddenSeqs.length).toBeGreaterThanOrEqual(5);
      expect(seen.map((e) => e.seq)).toEqual(
        all.map((r) => Number(r.seq)).filter((n) => !allHidden.includes(n)),
      );
      // A cursor that points into a gap gives the next record the caller may see, not the hidden one.
      const inGap = encodeCursor({ value: String(hiddenSeqs[0] - 1), id: randomUUID() });
      const next = await outsider.agent.get(`/audit/events?limit=1&cursor=${inGap}`).expect(200);
      expect(allHidden).not.toContain(next.body.items[0].seq);
      expect(next.body.items[0].seq).toBeGreaterThan(hiddenSeqs[0]);
    });
  });

  describe('directory records used only by a hidden case', () => {
    /** A restricted case that involves a new authority and affects a new inventory item. */
    async function hiddenUse() {
      const authority = await insider
        .post('/authorities')
        .send({
          name: `Staatsanwaltschaft Zwickau ${randomUUID()}`,
          kind: 'prosecutor',
          country: 'DE',
        })
        .expect(201);
      const item = await insider
        .post('/inventory')
        .send({
          name: `download-${randomUUID()}`,
          kind: 'physical_server',
          identifiers: [`dl-${randomUUID()}.example`],
        })
        .expect(201);
      const c = await logCase(insider, {
        restricted: true,
        receivedAt: '2020-07-03T10:00:00+02:00',
        authorities: [{ authorityId: authority.body.id, role: 'issuing' }],
      }).expect(201);
      await insider
        .post(`/cases/${c.body.id}/affected-systems`)
        .send({
          inventoryItemId: item.body.id,
          impact: 'seized',
          startedAt: '2020-07-03T10:00:00+02:00',
        })
        .expect(201);
      return { caseId: c.body.id as string, authority: authority.body, item: item.body };
    }
    /** The same kinds of record, used by nothing. */
    async function unused() {
      const authority = await insider
        .post('/authorities')
        .send({ name: `Polizei ${randomUUID()}`, kind: 'police', country: 'DE' })
        .expect(201);
      const item = await insider
        .post('/inventory')
        .send({ name: `wiki-${randomUUID()}`, kind: 'service' })
        .expect(201);
      return { authority: authority.body, item: item.body };
    }
    const remove = (agent: TestAgent, path: string) => agent.delete(path).set('If-Match', '"1"');

    it('removes them with the same answer as records nothing refers to, for the admin and a board member who may not see the case', async () => {
      for (const [who, agent] of [
        ['admin', t.as('admin')],
        ['board (not assigned)', outsider.agent],
      ] as const) {
        const used = await hiddenUse();
        const free = await unused();
        for (const [kind, path] of [
          ['authorities', 'authority'],
          ['inventory', 'item'],
        ] as const) {
          const a = await remove(agent, `/${kind}/${used[path].id}`);
          const b = await remove(agent, `/${kind}/${free[path].id}`);
          expect({ who, kind, status: a.status, body: a.body }).toEqual({
            who,
            kind,
            status: b.status,
            body: b.body,
          });
          expect({ who, kind, status: a.status }).toEqual({ who, kind, status: 204 });
          // Gone from the directory for everybody, as the record nothing referred to.
          for (const id of [used[path].id, free[path].id])
            await agent.get(`/${kind}/${id}`).expect(404);
          const list = await agent.get(`/${kind}`).expect(200);
          expect(JSON.stringify(list.body)).not.toContain(used[path].id);
          // The name is free again in both cases.
          const again = await agent
            .post(`/${kind}`)
            .send(
              kind === 'authorities'
                ? { name: used.authority.name, kind: 'prosecutor', country: 'DE' }
                : { name: used.item.name, kind: 'physical_server' },
            );
          expect({ who, kind, status: again.status }).toEqual({ who, kind, status: 201 });
        }
        // The audit records of the two deletions look alike: action, entity and the fields before.
        const events = await t.sql<{
          entity_id: string;
          action: string;
          case_id: string | null;
          keys: string[];
        }>(
          `SELECT entity_id, action, case_id, ARRAY(SELECT jsonb_object_keys(changes) ORDER BY 1) AS keys
             FROM audit_events WHERE entity_id = ANY($1::uuid[]) AND action = 'delete' ORDER BY entity_id`,
          [[used.authority.id, free.authority.id]],
        );
        expect(events.map((e) => ({ ...e, entity_id: undefined }))).toEqual([
          { entity_id: undefined, action: 'delete', case_id: null, keys: events[0].keys },
          { entity_id: undefined, action: 'delete', case_id: null, keys: events[0].keys },
        ]);
        // The hidden case keeps them: its members still read the authority's name and the system.
        const file = await insider.get(`/cases/${used.caseId}`).expect(200);
        expect(file.body.authorities[0].authority.name).toBe(used.authority.name);
        expect(file.body.affectedSystems[0].inventoryItemId).toBe(used.item.id);
        // Its parts can still be edited: only new references to an archived record are refused.
        const part = `/cases/${used.caseId}/affected-systems/${file.body.affectedSystems[0].id}`;
        const edited = await insider
          .patch(part)
          .set('If-Match', await etagOf(insider, part))
          .send({ notes: 'returned in 2021' });
        expect(edited.status).toBe(200);
      }
    });

    it('refuses new references to an archived record exactly as references to a deleted one, and keeps it out of target matching', async () => {
      const used = await hiddenUse();
      const free = await unused();
      await remove(t.as('admin'), `/authorities/${used.authority.id}`).expect(204);
      await remove(t.as('admin'), `/authorities/${free.authority.id}`).expect(204);
      await remove(t.as('admin'), `/inventory/${used.item.id}`).expect(204);
      await remove(t.as('admin'), `/inventory/${free.item.id}`).expect(204);
      const c = await logCase(outsider.agent, { receivedAt: '2020-08-01T10:00:00+02:00' }).expect(
        201,
      );
      const tries = [
        ['authorities', (id: string) => ({ authorityId: id, role: 'executing' }), 'authority'],
        [
          'legal-bases',
          (id: string) => ({
            jurisdiction: 'DE',
            citation: 'StPO §94',
            documentType: 'order',
            authorityId: id,
          }),
          'authority',
        ],
        [
          'disclosures',
          (id: string) => ({
            dataCategory: 'content',
            description: 'x',
            handedOverAt: '2020-08-01T10:00:00+02:00',
            recipientAuthorityId: id,
          }),
          'authority',
        ],
        [
          'affected-systems',
          (id: string) => ({
            inventoryItemId: id,
            impact: 'offline',
            startedAt: '2020-08-01T10:00:00+02:00',
          }),
          'item',
        ],
        ['seized-items', (id: string) => ({ description: 'disk', inventoryItemId: id }), 'item'],
        ['targets', (id: string) => ({ kind: 'server', value: 'x', inventoryItemId: id }), 'item'],
      ] as const;
      for (const [part, body, what] of tries) {
        const archived = await outsider.agent
          .post(`/cases/${c.body.id}/${part}`)
          .send(body(used[what].id));
        const deleted = await outsider.agent
          .post(`/cases/${c.body.id}/${part}`)
          .send(body(free[what].id));
        const norm = (r: typeof archived) =>
          JSON.parse(
            JSON.stringify({ status: r.status, body: { ...r.body, requestId: undefined } })
              .split(used[what].id)
              .join('<id>')
              .split(free[what].id)
              .join('<id>'),
          ) as unknown;
        expect({ part, answer: norm(archived) }).toEqual({ part, answer: norm(deleted) });
        expect({ part, status: archived.status }).toEqual({ part, status: 422 });
      }
      const byName = await outsider.agent
        .post(`/cases/${c.body.id}/targets`)
        .send({ kind: 'server', value: used.item.name })
        .expect(201);
      expect(byName.body.inventoryItemId).toBeNull();
    });
  });
});
