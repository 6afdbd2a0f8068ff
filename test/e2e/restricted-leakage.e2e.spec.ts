import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type TestAgent from 'supertest/lib/agent.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  NEXT_STATUS,
  PART_CHANGES,
  PART_PATHS,
  partBody,
  type Directory,
} from '../support/security/sample-bodies.js';
import {
  caseWithParts,
  createPart,
  createUser,
  directory,
  expectStatus,
  type CaseWithParts,
  type Reply,
  type TestUser,
} from '../support/security/world.js';

/**
 * A restricted case (marked restricted, or under an active gag order) does not exist for a user
 * who is not assigned to it: not in lists, search, pagination, deadlines, the audit trail or any
 * count, and every route under it answers exactly as for a case that was never created.
 * Assigning the user makes it appear; removing them makes it disappear again.
 */

/** A word no other record contains (letters only, so every text-search configuration keeps it whole). */
const word = (prefix: string) =>
  prefix +
  Array.from(randomBytes(10))
    .map((b) => String.fromCharCode(97 + (b % 26)))
    .join('');

interface Secret {
  kase: CaseWithParts;
  words: { title: string; summary: string; timeline: string };
  /** Ids of records under the case that the fixture added beyond one part of each kind. */
  extraIds: string[];
}

describe('restricted cases do not leak', () => {
  let t: TestApp;
  let dir: Directory;
  /** Assigned to both restricted cases. */
  let member: TestUser;
  /** Writes the legal notes of the fixtures; assigned too. */
  let counsel: TestUser;
  /** A board user who is not assigned. */
  let outsider: TestUser;
  /** Authorities involved in the cases: A1 in the flagged case and the visible one, A2 in the gagged one only. */
  let a1 = '';
  let a2 = '';
  let flagged: Secret;
  let gagged: Secret;
  let visible: Secret;

  /** Users that are not assigned to the restricted cases; all read cases, some the audit trail. */
  const outsiders = (): [string, TestAgent][] => [
    ['board (not assigned)', outsider.agent],
    ['auditor', t.as('auditor')],
    ['lawyer', t.as('lawyer')],
  ];
  const auditReaders = (): [string, TestAgent][] => [
    ['board (not assigned)', outsider.agent],
    ['auditor', t.as('auditor')],
    ['admin', t.as('admin')],
  ];
  const restrictedIds = () => [flagged.kase.id, gagged.kase.id];
  /** Everything that must never show up in a response to an outsider. */
  const secrets = (s: Secret[] = [flagged, gagged]) =>
    s.flatMap((x) => [
      x.kase.id,
      x.kase.reference,
      ...Object.values(x.words),
      ...Object.values(x.kase.parts),
      ...x.extraIds,
    ]);

  const get = async (agent: TestAgent, path: string): Promise<Reply> =>
    (await agent.get(path)) as unknown as Reply;

  /** Every page of a list with the given page size; checks that a next cursor always leads to a non-empty page. */
  async function walk(
    agent: TestAgent,
    path: string,
    limit: number,
  ): Promise<{ ids: string[]; text: string }> {
    const ids: string[] = [];
    let text = '';
    let cursor: string | null = null;
    for (let page = 0; page < 200; page++) {
      const sep = path.includes('?') ? '&' : '?';
      const url = `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await get(agent, url);
      expectStatus(res, 200, `GET ${url}`);
      text += res.text;
      const items = res.body.items ?? [];
      if (cursor !== null) {
        // A cursor that leads to an empty page means a row was counted that the caller does not see.
        expect({ url, emptyPageAfterCursor: items.length === 0 }).toEqual({
          url,
          emptyPageAfterCursor: false,
        });
      }
      ids.push(...items.map((i) => String(i.id)));
      cursor = res.body.nextCursor ?? null;
      if (!cursor) return { ids, text };
      expect({ url, fullPageBeforeCursor: items.length }).toEqual({
        url,
        fullPageBeforeCursor: limit,
      });
    }
    throw new Error(`${path}: more than 200 pages`);
  }

  /** The text must contain none of the secrets (ids, references, words of the restricted cases). */
  function expectNoSecret(where: string, text: string, s?: Secret[], askedFor = '') {
    // Ids the caller sent are echoed back in a 404 (detail, instance): that tells them nothing.
    const found = secrets(s).filter((x) => text.includes(x) && !askedFor.includes(x));
    expect({ where, found }).toEqual({ where, found: [] });
  }

  /** A response with ids, request id and instance taken out, to compare a restricted case with a missing one. */
  function normalised(res: Reply, ids: string[]) {
    let text = JSON.stringify({ status: res.status, body: { ...res.body, requestId: undefined } });
    for (const id of ids) text = text.split(id).join('<id>');
    return JSON.parse(text) as unknown;
  }

  beforeAll(async () => {
    t = await startTestApp();
    dir = await directory(t);
    member = await createUser(t, 'board', 'member');
    counsel = await createUser(t, 'lawyer', 'counsel');
    outsider = await createUser(t, 'board', 'outsider');
    const authority = async (country: string) => {
      const res = await t.http
        .post('/authorities')
        .send({ name: `Polizei ${word('')}`, kind: 'police', country });
      expectStatus(res, 201, 'POST /authorities');
      return res.body.id as string;
    };
    a1 = await authority('LI');
    a2 = await authority('IS');

    const make = async (o: {
      restricted: boolean;
      gag?: 'active' | 'lifted';
      authorityId: string;
      receivedAt: string;
      prefix: string;
    }): Promise<Secret> => {
      const words = {
        title: word(`${o.prefix}title`),
        summary: word(`${o.prefix}summary`),
        timeline: word(`${o.prefix}timeline`),
      };
      const kase = await caseWithParts(t, {
        board: t.http,
        lawyer: counsel,
        dir,
        restricted: o.restricted,
        gag: o.gag,
        fields: {
          title: `Beschlagnahme ${words.title} Mailserver`,
          summary: `Zusammenfassung ${words.summary}`,
          requestType: 'production_content_data',
          receivedAt: o.receivedAt,
          reference: `${o.prefix.toUpperCase()}-${word('')}`,
          authorities: [{ authorityId: o.authorityId, role: 'executing' }],
        },
      });
      const extraIds = [
        await createPart(t.http, kase.id, 'timeline', {
          occurredAt: o.receivedAt,
          type: 'authority_contact',
          description: `Anruf ${words.timeline}`,
        }),
        await createPart(t.http, kase.id, 'deadlines', {
          kind: 'complaint',
          dueAt: '2020-01-01T00:00:00Z',
          notes: 'overdue',
        }),
      ];
      expectStatus(
        await t.http.post(`/cases/${kase.id}/members`).send({ userId: member.id }),
        201,
        'assign the member',
      );
      return { kase, words, extraIds };
    };
    flagged = await make({
      restricted: true,
      gag: 'lifted',
      authorityId: a1,
      receivedAt: '2019-03-04T10:00:00+01:00',
      prefix: 'flagged',
    });
    gagged = await make({
      restricted: true,
      gag: 'active',
      authorityId: a2,
      receivedAt: '2019-06-07T10:00:00+02:00',
      prefix: 'gagged',
    });
    visible = await make({
      restricted: false,
      authorityId: a1,
      receivedAt: '2019-05-06T10:00:00+02:00',
      prefix: 'visible',
    });
    // One more visible case, so that pagination has more than one page for everybody.
    await caseWithParts(t, { board: t.http, lawyer: counsel, dir, restricted: false });

    const rows = await t.sql<{ id: string; restricted: boolean }>(
      'SELECT id, restricted FROM cases WHERE id = ANY($1::uuid[])',
      [[flagged.kase.id, gagged.kase.id, visible.kase.id]],
    );
    expect(Object.fromEntries(rows.map((r) => [r.id, r.restricted]))).toEqual({
      [flagged.kase.id]: true,
      [gagged.kase.id]: true,
      [visible.kase.id]: false,
    });
    const gag = await get(member.agent, `/cases/${gagged.kase.id}`);
    expect(gag.body.gagOrders).toEqual([expect.objectContaining({ active: true })]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records a read_restricted audit event when a member reads a restricted case, and none otherwise', async () => {
    const count = async (caseId: string, actorId: string) =>
      Number(
        (
          await t.sql<{ n: number }>(
            `SELECT count(*)::int AS n FROM audit_events WHERE action = 'read_restricted' AND entity_id = $1 AND actor_id = $2`,
            [caseId, actorId],
          )
        )[0].n,
      );
    for (const s of [flagged, gagged]) {
      const before = await count(s.kase.id, member.id);
      expectStatus(
        await get(member.agent, `/cases/${s.kase.id}`),
        200,
        'member reads the restricted case',
      );
      expect(await count(s.kase.id, member.id)).toBe(before + 1);
      const [event] = await t.sql<{ case_id: string; entity_type: string; actor_label: string }>(
        `SELECT case_id, entity_type, actor_label FROM audit_events
          WHERE action = 'read_restricted' AND entity_id = $1 AND actor_id = $2 ORDER BY occurred_at DESC LIMIT 1`,
        [s.kase.id, member.id],
      );
      expect(event).toMatchObject({ case_id: s.kase.id, entity_type: 'case' });
      expect(event.actor_label).toContain(member.email);

      // An outsider's attempt is a 404 and reads nothing.
      const outsiderBefore = await count(s.kase.id, outsider.id);
      expectStatus(
        await get(outsider.agent, `/cases/${s.kase.id}`),
        404,
        'outsider reads the restricted case',
      );
      expect(await count(s.kase.id, outsider.id)).toBe(outsiderBefore);
    }
    // Reading an open case is not a restricted read.
    expectStatus(
      await get(member.agent, `/cases/${visible.kase.id}`),
      200,
      'member reads an open case',
    );
    expect(await count(visible.kase.id, member.id)).toBe(0);
  });

  /** Every filter of GET /cases, full-text search for each secret word, and every sort. */
  const listQueries = () => [
    '/cases',
    '/cases?status=received',
    '/cases?status=received,under_review,responded,challenged,closed,withdrawn',
    '/cases?requestType=production_content_data',
    `/cases?authorityId=${a1}`,
    `/cases?authorityId=${a2}`,
    '/cases?country=LI',
    '/cases?country=IS',
    '/cases?receivedFrom=2019-01-01T00:00:00Z&receivedTo=2020-01-01T00:00:00Z',
    '/cases?hasGag=true',
    '/cases?hasGag=false',
    '/cases?overdue=true',
    '/cases?overdue=false',
    '/cases?q=Beschlagnahme',
    '/cases?q=Mailserver%20Zusammenfassung',
    ...[flagged, gagged, visible].flatMap((s) =>
      Object.values(s.words).map((w) => `/cases?q=${w}`),
    ),
    `/cases?q=${flagged.words.title}%20OR%20${visible.words.title}`,
    ...['-receivedAt', 'receivedAt', '-updatedAt', 'updatedAt', 'reference', '-reference'].map(
      (s) => `/cases?sort=${s}`,
    ),
    '/cases?sort=reference&requestType=production_content_data&receivedFrom=2019-01-01T00:00:00Z',
  ];

  /** The cases an outsider sees, and the assigned member for comparison, for one query. */
  const memberViews = new Map<string, { ids: string[] }>();
  async function compareWithMember(agent: TestAgent, who: string, path: string) {
    for (const limit of [1, 2, 100]) {
      const seen = await walk(agent, path, limit);
      const key = `${path} ${limit}`;
      if (!memberViews.has(key)) memberViews.set(key, await walk(member.agent, path, limit));
      const all = memberViews.get(key)!;
      expectNoSecret(`${who} GET ${path} (limit ${limit})`, seen.text);
      // The outsider sees exactly what the member sees, minus the restricted cases, in the same order.
      expect({ who, path, limit, ids: seen.ids }).toEqual({
        who,
        path,
        limit,
        ids: all.ids.filter((id) => !restrictedIds().includes(id)),
      });
    }
  }

  it('keeps restricted cases out of GET /cases: every filter, full-text search, sorting and pagination', async () => {
    // The filters do find the restricted cases for a member (otherwise the comparison proves nothing).
    const memberSees = async (path: string) => (await walk(member.agent, path, 100)).ids;
    expect(await memberSees(`/cases?q=${flagged.words.title}`)).toEqual([flagged.kase.id]);
    expect(await memberSees(`/cases?q=${flagged.words.summary}`)).toEqual([flagged.kase.id]);
    expect(await memberSees(`/cases?q=${flagged.words.timeline}`)).toEqual([flagged.kase.id]);
    expect(await memberSees(`/cases?q=${gagged.words.timeline}`)).toEqual([gagged.kase.id]);
    expect((await memberSees(`/cases?authorityId=${a1}`)).sort()).toEqual(
      [flagged.kase.id, visible.kase.id].sort(),
    );
    expect(await memberSees('/cases?country=IS')).toEqual([gagged.kase.id]);
    expect(await memberSees('/cases?hasGag=true')).toEqual([gagged.kase.id]);
    expect(await memberSees('/cases?overdue=true')).toEqual(
      expect.arrayContaining(restrictedIds()),
    );

    for (const [who, agent] of outsiders()) {
      for (const path of listQueries()) await compareWithMember(agent, who, path);
      expect((await walk(agent, `/cases?q=${visible.words.title}`, 100)).ids).toEqual([
        visible.kase.id,
      ]);
    }
  });

  it('keeps their deadlines out of GET /deadlines', async () => {
    // Every deadline of a hidden case, those the legal clocks made from its facts included.
    const hiddenCases = [flagged.kase.id, gagged.kase.id];
    for (const path of ['/deadlines', '/deadlines?overdue=true', '/deadlines?overdue=false']) {
      const all = await get(member.agent, path);
      expectStatus(all, 200, `member GET ${path}`);
      const allIds = (all.body.items ?? []).map((i) => String(i.id));
      const shownIds = (all.body.items ?? [])
        .filter((i) => !hiddenCases.includes(String(i.caseId)))
        .map((i) => String(i.id));
      expect(shownIds.length).toBeGreaterThan(0);
      if (path !== '/deadlines?overdue=true')
        expect(allIds).toContain(flagged.kase.parts.deadlines);
      if (path !== '/deadlines?overdue=false') expect(allIds).toContain(gagged.extraIds[1]);
      for (const [who, agent] of outsiders()) {
        const res = await get(agent, path);
        expectStatus(res, 200, `${who} GET ${path}`);
        expectNoSecret(`${who} GET ${path}`, res.text);
        expect({ who, path, ids: (res.body.items ?? []).map((i) => String(i.id)) }).toEqual({
          who,
          path,
          ids: shownIds,
        });
      }
    }
  });

  /** Reads under a case: the case file, its history, its members and every part. */
  const readPaths = (s: Secret) => [
    `/cases/${s.kase.id}`,
    `/cases/${s.kase.id}/history`,
    `/cases/${s.kase.id}/members`,
    ...PART_PATHS.flatMap((p) => [
      `/cases/${s.kase.id}/${p}`,
      `/cases/${s.kase.id}/${p}/${s.kase.parts[p]}`,
    ]),
  ];

  /** Each read answers as for a case that does not exist (404, or the same 403 for a part the role may never read). */
  async function expectHidden(who: string, agent: TestAgent, s: Secret) {
    const missing = randomUUID();
    for (const path of readPaths(s)) {
      const res = await get(agent, path);
      const control = await get(agent, path.replace(s.kase.id, missing));
      expect({ who, path, status: res.status }).toEqual({
        who,
        path,
        status: control.status === 403 ? 403 : 404,
      });
      expect({ who, path, response: normalised(res, [s.kase.id]) }).toEqual({
        who,
        path,
        response: normalised(control, [missing]),
      });
      expectNoSecret(`${who} GET ${path}`, res.text, [s], path);
    }
  }

  it('answers every route under a restricted case exactly as for a case that does not exist', async () => {
    for (const s of [flagged, gagged]) {
      for (const [who, agent] of outsiders()) await expectHidden(who, agent, s);
    }
  });

  it('refuses writes under a restricted case to a board user who is not assigned, as for a missing case, and changes nothing', async () => {
    const state = async () =>
      t.sql(
        `SELECT c.version, c.status, c.summary, (SELECT count(*)::int FROM case_members m WHERE m.case_id = c.id) AS members,
                (SELECT count(*)::int FROM targets x WHERE x.case_id = c.id) AS targets
           FROM cases c WHERE c.id = ANY($1::uuid[]) ORDER BY c.id`,
        [restrictedIds()],
      );
    const before = await state();
    for (const s of [flagged, gagged]) {
      const missing = randomUUID();
      const writes: {
        method: 'post' | 'patch' | 'delete';
        path: string;
        body?: object;
        ifMatch?: string;
      }[] = [
        {
          method: 'patch',
          path: `/cases/${s.kase.id}`,
          body: { summary: 'overwritten' },
          ifMatch: '"1"',
        },
        {
          method: 'post',
          path: `/cases/${s.kase.id}/status`,
          body: { status: NEXT_STATUS.received },
        },
        { method: 'post', path: `/cases/${s.kase.id}/members`, body: { userId: outsider.id } },
        { method: 'delete', path: `/cases/${s.kase.id}/members/${member.id}` },
      ];
      for (const p of PART_PATHS) {
        if (p === 'legal-notes') continue; // the board may not write legal notes anywhere: 403 before any case is looked at
        writes.push({
          method: 'post',
          path: `/cases/${s.kase.id}/${p}`,
          body: await partBody(p, dir, { activeGag: true }),
        });
        writes.push({
          method: 'patch',
          path: `/cases/${s.kase.id}/${p}/${s.kase.parts[p]}`,
          body: PART_CHANGES[p],
          ifMatch: '"1"',
        });
        writes.push({
          method: 'delete',
          path: `/cases/${s.kase.id}/${p}/${s.kase.parts[p]}`,
          ifMatch: '"1"',
        });
      }
      for (const w of writes) {
        const call = async (path: string) => {
          const req = outsider.agent[w.method](path);
          if (w.ifMatch) void req.set('If-Match', w.ifMatch);
          return (await (w.body ? req.send(w.body) : req)) as unknown as Reply;
        };
        const res = await call(w.path);
        const control = await call(w.path.replace(s.kase.id, missing));
        expect({ write: `${w.method} ${w.path}`, status: res.status }).toEqual({
          write: `${w.method} ${w.path}`,
          status: 404,
        });
        expect({ write: w.path, response: normalised(res, [s.kase.id]) }).toEqual({
          write: w.path,
          response: normalised(control, [missing]),
        });
      }
    }
    expect(await state()).toEqual(before);
  });

  it('keeps restricted cases out of the audit trail for users who are not assigned', async () => {
    for (const [who, agent] of auditReaders()) {
      // The whole trail, page by page, and filtered by case, actor, action and time.
      const everything = await walk(agent, '/audit/events', 100);
      expectNoSecret(`${who} GET /audit/events`, everything.text);
      for (const s of [flagged, gagged]) {
        const byCase = await get(agent, `/audit/events?caseId=${s.kase.id}`);
        expectStatus(byCase, 200, `${who} GET /audit/events?caseId=`);
        expect({
          who,
          caseId: s.kase.id,
          items: byCase.body.items,
          nextCursor: byCase.body.nextCursor,
        }).toEqual({
          who,
          caseId: s.kase.id,
          items: [],
          nextCursor: null,
        });
      }
      for (const filter of [
        `actorId=${t.userIds.board}`,
        `actorId=${member.id}`,
        'action=create',
        'action=update',
        'action=member_added',
        'action=read_restricted',
        `from=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`,
      ]) {
        const page = await walk(agent, `/audit/events?${filter}`, 100);
        expectNoSecret(`${who} GET /audit/events?${filter}`, page.text);
      }
      // The filter works for what the caller may see. Admins read cases nowhere, so not in the
      // trail either: its records hold case content (before and after of every change).
      const open = await get(agent, `/audit/events?caseId=${visible.kase.id}`);
      if (who === 'admin') expect(open.body.items).toEqual([]);
      else expect((open.body.items ?? []).length).toBeGreaterThan(0);
    }
    // The case history is a route under the case: 404 (covered with every other read above too).
    for (const [who, agent] of outsiders()) {
      for (const s of [flagged, gagged]) {
        expect({ who, status: (await get(agent, `/cases/${s.kase.id}/history`)).status }).toEqual({
          who,
          status: 404,
        });
      }
    }
    // A member sees the history of the restricted case.
    const history = await get(member.agent, `/cases/${flagged.kase.id}/history`);
    expectStatus(history, 200, 'member GET history');
    expect((history.body.items ?? []).length).toBeGreaterThan(0);
  });

  it('shows a restricted case to a user once assigned, and hides it again once removed', async () => {
    for (const [who, user, s] of [
      ['board', outsider, flagged],
      ['auditor', { id: t.userIds.auditor, agent: t.as('auditor') }, gagged],
    ] as const) {
      const other = s === flagged ? gagged : flagged;
      expectStatus(
        await t.http.post(`/cases/${s.kase.id}/members`).send({ userId: user.id }),
        201,
        `assign ${who}`,
      );

      expectStatus(
        await get(user.agent, `/cases/${s.kase.id}`),
        200,
        `${who} reads the case once assigned`,
      );
      expectStatus(
        await get(user.agent, `/cases/${s.kase.id}/history`),
        200,
        `${who} reads its history once assigned`,
      );
      for (const p of PART_PATHS) {
        if (p === 'legal-notes' && who === 'auditor') continue; // privileged, not for auditors
        expectStatus(
          await get(user.agent, `/cases/${s.kase.id}/${p}/${s.kase.parts[p]}`),
          200,
          `${who} reads ${p}`,
        );
      }
      expect((await walk(user.agent, `/cases?q=${s.words.title}`, 100)).ids).toEqual([s.kase.id]);
      expect((await walk(user.agent, `/cases?q=${s.words.timeline}`, 100)).ids).toEqual([
        s.kase.id,
      ]);
      expect(
        (await walk(user.agent, '/cases?requestType=production_content_data', 1)).ids,
      ).toContain(s.kase.id);
      const deadlines = await get(user.agent, '/deadlines?overdue=true');
      expect((deadlines.body.items ?? []).map((i) => i.id)).toContain(s.extraIds[1]);
      const events = await get(user.agent, `/audit/events?caseId=${s.kase.id}`);
      expect((events.body.items ?? []).length).toBeGreaterThan(0);
      // The other restricted case stays hidden.
      await expectHidden(`${who} (assigned elsewhere)`, user.agent, other);

      expectStatus(
        await t.http.delete(`/cases/${s.kase.id}/members/${user.id}`),
        204,
        `remove ${who}`,
      );
      await expectHidden(`${who} (removed)`, user.agent, s);
      expect((await walk(user.agent, `/cases?q=${s.words.title}`, 100)).ids).toEqual([]);
      expect(
        (await walk(user.agent, '/cases?requestType=production_content_data', 1)).ids,
      ).not.toContain(s.kase.id);
      const after = await get(user.agent, '/deadlines?overdue=true');
      expectNoSecret(`${who} (removed) GET /deadlines`, after.text, [s]);
      const trail = await get(user.agent, `/audit/events?caseId=${s.kase.id}`);
      expect(trail.body.items).toEqual([]);
    }
    // Adding and removing members is audited.
    const audited = await t.sql<{ action: string }>(
      `SELECT action FROM audit_events WHERE case_id = $1 AND action IN ('member_added', 'member_removed') AND details->>'userId' = $2 ORDER BY occurred_at`,
      [flagged.kase.id, outsider.id],
    );
    expect(audited.map((r) => r.action)).toEqual(['member_added', 'member_removed']);
  });
});
