import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import request from 'supertest';
import { routesOf } from '../../src/app.factory.js';
import { checkedAgent, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { snapshot } from '../support/security/db-snapshot.js';
import { samplePdf } from '../support/sample-files.js';
import {
  OUT_OF_RANGE_TIMESTAMPS,
  PART_SCHEMAS,
  SCHEMAS,
  anyJson,
  badAuthorization,
  badIfMatch,
  badPathId,
  invalidValue,
  junkQuery,
  nonObjectBody,
  partial,
  rawNotJson,
  unknownKey,
  type Schema,
} from '../support/security/malformed.js';
import {
  CASE_BODY,
  NEXT_STATUS,
  PART_CHANGES,
  PART_PATHS,
  inThirtyDays,
  type PartPath,
} from '../support/security/sample-bodies.js';
import {
  caseWithParts,
  createUser,
  directory,
  etagOf,
  expectStatus,
  signIn,
  unique,
  type TestUser,
} from '../support/security/world.js';

/**
 * Property-based: thousands of malformed requests to every write route (bodies of the wrong shape
 * and type, huge and NUL-laden strings, prototype-pollution keys, numbers and dates out of range,
 * ids that are not ids, broken If-Match and Authorization headers, junk query strings), mostly as
 * a user allowed to make the call (so they reach validation), some as other roles. Every one must
 * get a 4xx problem, never a 5xx, and the database must be exactly as before.
 */
const SEED = Number(process.env.FC_SEED ?? 20261123);
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();
/** Malformed requests over all write routes together (split evenly). */
const TOTAL_RUNS = Number(process.env.FC_TOTAL_RUNS ?? 5_200);

type Sender =
  'board' | 'admin' | 'lawyer' | 'auditor' | 'account' | 'changer' | 'leaver' | 'anonymous';
type Method = 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface WriteRoute {
  method: Method;
  url: string;
  schema?: Schema;
  /** A valid body; each generated request breaks it (or something else) for certain. */
  body?: () => Record<string, unknown>;
  ifMatch: 'required' | 'optional' | 'none';
  /** Who may make the call, so that the request reaches validation. */
  sender: Sender;
  isPublic?: boolean;
  /** Sent with every request of the route (the web app's same-origin proof for /auth/session). */
  headers?: Record<string, string>;
}

/** One generated request. */
interface Req {
  method: Method;
  url: string;
  query: string;
  ifMatch?: string;
  authorization?: string;
  sender: Sender;
  headers?: Record<string, string>;
  body?: { json: unknown } | { raw: string; contentType?: string };
  /** What makes it malformed, for the failure message. */
  why: string;
}

describe('malformed input', () => {
  let t: TestApp;
  const tokens = {} as Record<Exclude<Sender, 'anonymous'>, string>;
  /** Valid ids to fill into paths. */
  const ids = {} as Record<string, string>;
  const parts = {} as Record<PartPath, string>;
  /** Current ETags by path (nothing changes, so they stay valid). */
  const etags = new Map<string, string>();
  let account: TestUser;
  let freeAuthorityId = '';
  let inventoryItemId = '';
  const stats = { sent: 0, routesDone: 0, statuses: new Map<number, number>() };

  beforeAll(async () => {
    // No reminder worker in the background: its scans write reminders for the fixture's deadlines
    // while the routes are fuzzed, and every route checks that the database did not change.
    t = await startTestApp({ env: { REMINDER_INTERVAL_SECONDS: '0' } });
    const dir = await directory(t);
    inventoryItemId = dir.inventoryItemId;
    freeAuthorityId = await dir.newAuthority();
    const kase = await caseWithParts(t, {
      board: t.http,
      lawyer: { id: t.userIds.lawyer, agent: t.as('lawyer') },
      dir,
      restricted: false,
    });
    ids.case = kase.id;
    Object.assign(parts, kase.parts);
    ids.authority = await dir.newAuthority();
    ids.inventory = inventoryItemId;
    const victim = await createUser(t, 'auditor', 'victim');
    const extra = await createUser(t, 'auditor', 'extra');
    ids.victim = victim.id;
    ids.extra = extra.id;
    // A user of its own for /auth/*: a malformed request wrongly accepted there would not sign out the others.
    account = await createUser(t, 'board', 'account');
    const token = await account.agent
      .post('/auth/tokens')
      .send({ name: 'fuzz', expiresAt: inThirtyDays() });
    expectStatus(token, 201, 'POST /auth/tokens');
    ids.token = token.body.id as string;
    for (const role of ['board', 'admin', 'lawyer', 'auditor'] as const) {
      tokens[role] = await signIn(t, (await createUser(t, role, `fuzz-${role}`)).email);
    }
    tokens.account = await signIn(t, account.email);
    // Changing a password revokes every token of the user: a user of its own for that route.
    tokens.changer = await signIn(t, (await createUser(t, 'board', 'changer')).email);
    // Signing out everywhere revokes every session of the user: a user of its own for that route.
    tokens.leaver = await signIn(t, (await createUser(t, 'board', 'leaver')).email);
    const unit = await t
      .as('admin')
      .post('/units')
      .send({ name: `Unit ${unique()}`, kind: 'state' });
    expectStatus(unit, 201, 'POST /units');
    ids.unit = unit.body.id as string;
    const file = await t.http
      .post(`/cases/${ids.case}/files?kind=order`)
      .attach('file', Buffer.from('Scan of the order.\n'), 'order.txt');
    expectStatus(file, 201, 'POST /cases/:caseId/files');
    ids.file = file.body.id as string;

    for (const path of [
      `/cases/${ids.case}`,
      ...PART_PATHS.map((p) => `/cases/${ids.case}/${p}/${parts[p]}`),
      `/authorities/${ids.authority}`,
      `/inventory/${ids.inventory}`,
      `/units/${ids.unit}`,
    ]) {
      etags.set(path, await etagOf(t.http, path));
    }
    etags.set(`/users/${ids.victim}`, await etagOf(t.as('admin'), `/users/${ids.victim}`));
  });
  afterAll(async () => {
    await t?.close();
  });

  // ---- The write routes ----

  const partRoutes = (p: PartPath): WriteRoute[] => {
    const sender: Sender = p === 'legal-notes' ? 'lawyer' : 'board';
    return [
      {
        method: 'POST',
        url: `/cases/:caseId/${p}`,
        schema: PART_SCHEMAS[p],
        body: () => partBodies[p](),
        ifMatch: 'none',
        sender,
      },
      {
        method: 'PATCH',
        url: `/cases/:caseId/${p}/:id`,
        schema: partial(PART_SCHEMAS[p]),
        body: () => PART_CHANGES[p],
        ifMatch: 'required',
        sender,
      },
      { method: 'DELETE', url: `/cases/:caseId/${p}/:id`, ifMatch: 'required', sender },
    ];
  };
  /** Valid part bodies (synchronous: the authority of an involved authority is one not yet in the case). */
  const partBodies: Record<PartPath, () => Record<string, unknown>> = {
    // Not executing: with role executing, authorityId may be null or left out (the executing unit is
    // not known), so only with another role are a null or missing authorityId malformed for certain.
    authorities: () => ({
      authorityId: freeAuthorityId,
      role: 'issuing',
      fileNumber: '1 Js 2/3',
    }),
    'legal-bases': () => ({
      jurisdiction: 'DE',
      citation: 'StPO §103',
      documentType: 'order',
      issuedAt: '2011-05-19T12:00:00+02:00',
      issuedBy: 'judge',
    }),
    targets: () => ({ kind: 'domain', value: 'example.org', dataCategories: ['subscriber'] }),
    'affected-systems': () => ({
      inventoryItemId,
      impact: 'offline',
      startedAt: '2011-05-20T08:00:00+02:00',
      endedAt: '2011-05-20T17:25:00+02:00',
    }),
    disclosures: () => ({
      dataCategory: 'ip_addresses',
      description: 'IP addresses',
      handedOverAt: '2011-05-20T15:41:00+02:00',
      sha256: 'a'.repeat(64),
    }),
    'seized-items': () => ({
      description: 'Server, 2 disks',
      diskHashes: [{ algorithm: 'sha256', value: 'b'.repeat(64) }],
      seizedAt: '2020-07-03T10:00:00+02:00',
    }),
    timeline: () => ({
      occurredAt: '2011-05-20T13:42:00+02:00',
      type: 'data_copied',
      description: 'Pad data copied',
    }),
    deadlines: () => ({ kind: 'complaint', dueAt: '2031-06-20T00:00:00+02:00' }),
    'gag-orders': () => ({
      legalBasis: 'StPO §95a',
      binding: 'disputed',
      until: '2099-10-01T00:00:00+02:00',
    }),
    'legal-notes': () => ({ topic: 'proportionality', body: 'Disproportionate.' }),
    remedies: () => ({ kind: 'court_decision', filedAt: '2020-07-10T09:00:00+02:00' }),
    measures: () => ({ type: 'server_seizure', orderedAt: '2020-07-03T10:00:00+02:00' }),
  };

  const WRITE_ROUTES: WriteRoute[] = [
    {
      method: 'POST',
      url: '/auth/sign-in',
      schema: SCHEMAS.signIn,
      body: () => ({ email: account.email, password: TEST_PASSWORD }),
      ifMatch: 'none',
      sender: 'anonymous',
      isPublic: true,
    },
    {
      method: 'POST',
      url: '/auth/sign-in/second-factor',
      schema: SCHEMAS.secondFactorSignIn,
      body: () => ({ challenge: `sct_${'a'.repeat(43)}`, code: '123456' }),
      ifMatch: 'none',
      sender: 'anonymous',
      isPublic: true,
    },
    { method: 'POST', url: '/auth/second-factor', ifMatch: 'none', sender: 'account' },
    {
      method: 'POST',
      url: '/auth/second-factor/confirm',
      schema: SCHEMAS.secondFactorCode,
      body: () => ({ code: '123456' }),
      ifMatch: 'none',
      sender: 'account',
    },
    {
      method: 'POST',
      url: '/auth/second-factor/recovery-codes',
      schema: SCHEMAS.secondFactorCode,
      body: () => ({ code: '123456' }),
      ifMatch: 'none',
      sender: 'account',
    },
    { method: 'POST', url: '/auth/sign-out', ifMatch: 'none', sender: 'account' },
    {
      method: 'POST',
      url: '/auth/session',
      schema: SCHEMAS.signIn,
      body: () => ({ email: account.email, password: TEST_PASSWORD }),
      ifMatch: 'none',
      sender: 'anonymous',
      isPublic: true,
      headers: { host: 'tracker.test', origin: 'http://tracker.test', 'x-csrf-protection': '1' },
    },
    {
      method: 'POST',
      url: '/auth/session/second-factor',
      schema: SCHEMAS.secondFactorSignIn,
      body: () => ({ challenge: `sct_${'a'.repeat(43)}`, code: '123456' }),
      ifMatch: 'none',
      sender: 'anonymous',
      isPublic: true,
      headers: { host: 'tracker.test', origin: 'http://tracker.test', 'x-csrf-protection': '1' },
    },
    { method: 'DELETE', url: '/auth/session', ifMatch: 'none', sender: 'account' },
    { method: 'DELETE', url: '/auth/session/all', ifMatch: 'none', sender: 'leaver' },
    {
      method: 'PUT',
      url: '/me/reminder-preferences',
      schema: SCHEMAS.reminderMode,
      body: () => ({ mode: 'digest' }),
      ifMatch: 'none',
      sender: 'account',
    },
    { method: 'POST', url: '/me/calendar-feed', ifMatch: 'none', sender: 'account' },
    { method: 'DELETE', url: '/me/calendar-feed', ifMatch: 'none', sender: 'account' },
    { method: 'POST', url: '/canary/renewals', ifMatch: 'none', sender: 'board' },
    {
      method: 'POST',
      url: '/auth/password',
      schema: SCHEMAS.changePassword,
      body: () => ({ currentPassword: TEST_PASSWORD, newPassword: 'another long passphrase' }),
      ifMatch: 'none',
      sender: 'changer',
    },
    {
      method: 'POST',
      url: '/auth/tokens',
      schema: SCHEMAS.createToken,
      body: () => ({ name: 'script', expiresAt: inThirtyDays() }),
      ifMatch: 'none',
      sender: 'account',
    },
    { method: 'DELETE', url: '/auth/tokens/:id', ifMatch: 'none', sender: 'account' },
    {
      method: 'POST',
      url: '/users',
      schema: SCHEMAS.createUser,
      body: () => ({
        email: `new-${unique()}@test.example`,
        displayName: 'New',
        role: 'lawyer',
        password: TEST_PASSWORD,
      }),
      ifMatch: 'none',
      sender: 'admin',
    },
    {
      method: 'PATCH',
      url: '/users/:id',
      schema: SCHEMAS.updateUser,
      body: () => ({ displayName: 'Renamed' }),
      ifMatch: 'required',
      sender: 'admin',
    },
    {
      method: 'PUT',
      url: '/users/:id/password',
      schema: SCHEMAS.setPassword,
      body: () => ({ password: 'a brand new passphrase' }),
      ifMatch: 'none',
      sender: 'admin',
    },
    {
      method: 'POST',
      url: '/authorities',
      schema: SCHEMAS.authority,
      body: () => ({ name: `Staatsanwaltschaft ${unique()}`, kind: 'prosecutor', country: 'DE' }),
      ifMatch: 'none',
      sender: 'board',
    },
    {
      method: 'PATCH',
      url: '/authorities/:id',
      schema: partial(SCHEMAS.authority),
      body: () => ({ jurisdiction: 'Hessen' }),
      ifMatch: 'required',
      sender: 'board',
    },
    { method: 'DELETE', url: '/authorities/:id', ifMatch: 'required', sender: 'board' },
    {
      method: 'POST',
      url: '/inventory',
      schema: SCHEMAS.inventory,
      body: () => ({ name: `srv-${unique()}`, kind: 'virtual_server' }),
      ifMatch: 'none',
      sender: 'board',
    },
    {
      method: 'PATCH',
      url: '/inventory/:id',
      schema: partial(SCHEMAS.inventory),
      body: () => ({ location: 'Düsseldorf' }),
      ifMatch: 'required',
      sender: 'board',
    },
    { method: 'DELETE', url: '/inventory/:id', ifMatch: 'required', sender: 'board' },
    {
      method: 'POST',
      url: '/units',
      schema: SCHEMAS.unit,
      body: () => ({ name: `Unit ${unique()}`, kind: 'regional' }),
      ifMatch: 'none',
      sender: 'admin',
    },
    {
      method: 'PATCH',
      url: '/units/:id',
      schema: partial(SCHEMAS.unit),
      body: () => ({ notes: 'renamed' }),
      ifMatch: 'required',
      sender: 'admin',
    },
    { method: 'DELETE', url: '/units/:id', ifMatch: 'required', sender: 'admin' },
    {
      method: 'POST',
      url: '/cases',
      schema: SCHEMAS.createCase,
      body: () => ({ ...CASE_BODY }),
      ifMatch: 'none',
      sender: 'board',
    },
    {
      method: 'PATCH',
      url: '/cases/:id',
      schema: SCHEMAS.updateCase,
      body: () => ({ summary: 'changed' }),
      ifMatch: 'required',
      sender: 'board',
    },
    {
      method: 'POST',
      url: '/cases/:id/status',
      schema: SCHEMAS.status,
      body: () => ({ status: NEXT_STATUS.received }),
      ifMatch: 'optional',
      sender: 'board',
    },
    {
      method: 'POST',
      url: '/cases/:id/void',
      schema: SCHEMAS.voidCase,
      body: () => ({ reason: 'Logged twice.' }),
      ifMatch: 'optional',
      sender: 'board',
    },
    {
      method: 'POST',
      url: '/cases/:id/preservation-extension',
      schema: SCHEMAS.preservationExtension,
      body: () => ({ reason: 'Extended by the authority.' }),
      ifMatch: 'none',
      sender: 'board',
    },
    {
      method: 'POST',
      url: '/cases/:caseId/members',
      schema: SCHEMAS.member,
      body: () => ({ userId: ids.extra }),
      ifMatch: 'none',
      sender: 'board',
    },
    { method: 'DELETE', url: '/cases/:caseId/members/:userId', ifMatch: 'none', sender: 'board' },
    ...PART_PATHS.flatMap(partRoutes),
    // The upload routes take multipart/form-data, not JSON: without a schema the generated requests
    // break what these routes share with the others (ids in the path, the Authorization header, junk
    // query strings); what an upload must refuse in its content is tested in the files tests.
    { method: 'POST', url: '/cases/:caseId/files', ifMatch: 'none', sender: 'board' },
    {
      method: 'POST',
      url: '/cases/:caseId/files/:fileId/versions',
      ifMatch: 'none',
      sender: 'board',
    },
    // Redaction takes nested rectangles; what it must refuse in them is tested in the redaction tests.
    {
      method: 'POST',
      url: '/cases/:caseId/files/:fileId/redacted-copies',
      ifMatch: 'none',
      sender: 'board',
    },
    {
      method: 'POST',
      url: '/publications/statements/preview',
      schema: SCHEMAS.statement,
      body: () => ({
        caseId: ids.case,
        language: 'en',
        title: 'Statement',
        position: 'Our position.',
        sections: ['downtime'],
      }),
      ifMatch: 'none',
      sender: 'board',
    },
    {
      method: 'POST',
      url: '/publications/statements',
      schema: SCHEMAS.statement,
      body: () => ({
        caseId: ids.case,
        language: 'en',
        title: 'Statement',
        position: 'Our position.',
        sections: ['downtime'],
      }),
      ifMatch: 'none',
      sender: 'board',
    },
    {
      method: 'POST',
      url: '/publications/reports',
      schema: SCHEMAS.publishReport,
      body: () => ({
        from: '2015-01-01T00:00:00+01:00',
        to: '2016-01-01T00:00:00+01:00',
        language: 'en',
      }),
      ifMatch: 'none',
      sender: 'board',
    },
  ];
  const keyOf = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

  /** A valid id for a path parameter of the route. */
  function idFor(route: WriteRoute, name: string): string {
    if (name === 'caseId') return ids.case;
    if (name === 'userId') return ids.victim; // not a member: removing them would be a 404 anyway
    if (name === 'fileId') return ids.file;
    if (route.url.startsWith('/cases/:caseId/')) return parts[route.url.split('/')[3] as PartPath];
    if (route.url.startsWith('/cases/')) return ids.case;
    if (route.url.startsWith('/users/')) return ids.victim;
    if (route.url.startsWith('/authorities/')) return ids.authority;
    if (route.url.startsWith('/inventory/')) return ids.inventory;
    if (route.url.startsWith('/units/')) return ids.unit;
    if (route.url.startsWith('/auth/tokens/')) return ids.token;
    throw new Error(`no id for ${name} in ${route.url}`);
  }

  /** The path with valid ids, or with `bad` in place of parameter `badName`. */
  function pathOf(route: WriteRoute, badName?: string, bad?: string): string {
    return route.url.replace(/:(\w+)/g, (_, name: string) =>
      name === badName && bad !== undefined ? bad : idFor(route, name),
    );
  }

  /** The valid request a generated one starts from. */
  function baseRequest(route: WriteRoute): Req {
    const url = pathOf(route);
    const etagPath = url.replace(/\/(status|void)$/, '');
    return {
      method: route.method,
      url,
      query: '',
      ifMatch: route.ifMatch === 'none' ? undefined : etags.get(etagPath),
      sender: route.sender,
      headers: route.headers,
      body: route.body ? { json: route.body() } : undefined,
      why: '',
    };
  }

  type Mutation = (req: Req, route: WriteRoute) => Req;
  const jsonBody = (req: Req): Record<string, unknown> =>
    'json' in (req.body ?? {})
      ? { ...((req.body as { json: Record<string, unknown> }).json ?? {}) }
      : {};

  /** Something that makes the request invalid for certain. */
  function definite(route: WriteRoute): fc.Arbitrary<Mutation> {
    const options: fc.WeightedArbitrary<Mutation>[] = [];
    const schema = route.schema;
    if (schema && route.body) {
      const fields = Object.keys(schema);
      options.push({
        weight: 8,
        arbitrary: fc
          .constantFrom(...fields)
          .chain((f) => invalidValue(schema[f]).map((v) => ({ f, v })))
          .map(({ f, v }) => (req: Req) => ({
            ...req,
            body: { json: { ...jsonBody(req), [f]: v } },
            why: `${f} = ${short(v)}`,
          })),
      });
      const required = fields.filter((f) => !schema[f].optional);
      if (required.length) {
        options.push({
          weight: 1,
          arbitrary: fc.constantFrom(...required).map((f) => (req: Req) => {
            const body = jsonBody(req);
            delete body[f];
            return { ...req, body: { json: body }, why: `${f} missing` };
          }),
        });
      }
      options.push({
        weight: 2,
        arbitrary: fc.tuple(unknownKey(schema), anyJson).map(([k, v]) => (req: Req) => ({
          ...req,
          body: { json: { ...jsonBody(req), [k]: v } },
          why: `unknown field ${JSON.stringify(k)}`,
        })),
      });
      options.push({
        weight: 1,
        arbitrary: nonObjectBody(route.body()).map((b) => (req: Req) => ({
          ...req,
          body: { json: b },
          why: `body ${short(b)}`,
        })),
      });
      options.push({
        weight: 1,
        arbitrary: rawNotJson(route.body()).map((raw) => (req: Req) => ({
          ...req,
          body: { raw },
          why: `raw body ${short(raw)}`,
        })),
      });
      const texts = fields.filter((f) => schema[f].kind === 'text');
      if (texts.length) {
        options.push({
          weight: 1,
          arbitrary: fc.constantFrom(...texts).map((f) => (req: Req) => ({
            ...req,
            body: { json: { ...jsonBody(req), [f]: 'x'.repeat(1_100_000) } },
            why: `${f}: 1.1 MB`,
          })),
        });
      }
    }
    if (route.url.includes(':')) {
      const names = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]);
      options.push({
        weight: 3,
        arbitrary: fc
          .tuple(fc.constantFrom(...names), badPathId)
          .map(([name, bad]) => (req: Req) => ({
            ...req,
            url: pathOf(route, name, bad),
            why: `${name} = ${bad.slice(0, 60)}`,
          })),
      });
    }
    if (route.ifMatch !== 'none') {
      options.push({
        weight: 3,
        arbitrary: badIfMatch.map((v) => (req: Req) => ({
          ...req,
          ifMatch: v,
          why: `If-Match: ${v}`,
        })),
      });
    }
    if (route.ifMatch === 'required') {
      options.push({
        weight: 1,
        arbitrary: fc.constant((req: Req) => ({ ...req, ifMatch: undefined, why: 'no If-Match' })),
      });
    }
    if (!route.isPublic) {
      options.push({
        weight: 1,
        arbitrary: badAuthorization.map((a) => (req: Req) => ({
          ...req,
          authorization: a,
          why: `Authorization: ${a.slice(0, 40)}`,
        })),
      });
    }
    return fc.oneof(...options);
  }

  /** Harmless additions on top: junk query strings, unicode in valid text fields, another role, a body on a DELETE. */
  function noise(route: WriteRoute): fc.Arbitrary<Mutation> {
    const textFields = route.schema
      ? Object.keys(route.schema).filter((f) => route.schema![f].kind === 'text')
      : [];
    return fc
      .record({
        query: fc.option(junkQuery, { freq: 3 }),
        unicode: textFields.length
          ? fc.option(
              fc.tuple(
                fc.constantFrom(...textFields),
                fc
                  .string({ unit: 'binary', minLength: 1, maxLength: 30 })
                  .filter((s) => !s.includes('\u0000')),
              ),
              { freq: 3 },
            )
          : fc.constant(null),
        // About one request in seven as another role (fc.option's nil comes 1 in `freq`).
        role: fc.oneof(
          { weight: 6, arbitrary: fc.constant(null) },
          {
            weight: 1,
            arbitrary: fc.constantFrom<Sender>('board', 'admin', 'lawyer', 'auditor', 'anonymous'),
          },
        ),
        deleteBody: route.method === 'DELETE' ? fc.option(anyJson, { freq: 3 }) : fc.constant(null),
      })
      .map((n) => (req: Req) => {
        let out = { ...req };
        if (n.query) out = { ...out, query: n.query };
        if (n.unicode && out.body && 'json' in out.body)
          out = { ...out, body: { json: { ...jsonBody(out), [n.unicode[0]]: n.unicode[1] } } };
        // Another role, except on the account routes (their user must stay signed in).
        if (n.role && !['account', 'changer', 'leaver'].includes(route.sender) && !route.isPublic)
          out = { ...out, sender: n.role };
        if (n.deleteBody !== null && n.deleteBody !== undefined)
          out = { ...out, body: { json: n.deleteBody } };
        return out;
      });
  }

  function requestFor(route: WriteRoute): fc.Arbitrary<Req> {
    return fc
      .tuple(noise(route), definite(route))
      .map(([n, d]) => d(n(baseRequest(route), route), route))
      .map((req) =>
        Object.defineProperty(req, fc.toStringMethod, { value: () => describeRequest(req) }),
      );
  }

  async function send(req: Req) {
    const agent = checkedAgent(t.app);
    const url = req.url + req.query;
    const test =
      req.method === 'POST'
        ? agent.post(url)
        : req.method === 'PATCH'
          ? agent.patch(url)
          : req.method === 'PUT'
            ? agent.put(url)
            : agent.delete(url);
    if (req.authorization !== undefined) void test.set('Authorization', req.authorization);
    else if (req.sender !== 'anonymous')
      void test.set('Authorization', `Bearer ${tokens[req.sender]}`);
    if (req.ifMatch !== undefined) void test.set('If-Match', req.ifMatch);
    for (const [name, value] of Object.entries(req.headers ?? {})) void test.set(name, value);
    let res;
    if (req.body && 'raw' in req.body) {
      res = await test
        .set('Content-Type', req.body.contentType ?? 'application/json')
        .send(req.body.raw);
    } else if (req.body) {
      res = await test
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(req.body.json) ?? 'null');
    } else {
      res = await test;
    }
    stats.sent++;
    stats.statuses.set(res.status, (stats.statuses.get(res.status) ?? 0) + 1);
    return res;
  }

  /** Fastify's router answers these itself, outside Nest; their format has a test of its own below. */
  const routerError = (text: string) => /"code":"FST_ERR_(BAD_URL|MAX_PARAM_LENGTH)"/.test(text);

  /** A 4xx problem (RFC 9457) and nothing else. */
  function checkRefused(
    req: Req,
    res: { status: number; headers: Record<string, string>; body: unknown; text: string },
  ) {
    const body = res.body as { status?: number; stack?: unknown };
    const ok =
      res.status >= 400 &&
      res.status < 500 &&
      (routerError(res.text) ||
        (/application\/problem\+json/.test(res.headers['content-type'] ?? '') &&
          body.status === res.status)) &&
      body.stack === undefined &&
      !/QueryFailedError|\bat .*\.(js|ts):\d+/.test(res.text);
    if (!ok) throw new Error(`${describeRequest(req)} -> ${res.status} ${res.text.slice(0, 400)}`);
  }

  // ---- The tests ----

  it('has a generator for every write route the application serves', () => {
    const served = routesOf(t.app)
      .filter((r) => ['POST', 'PATCH', 'PUT', 'DELETE'].includes(r.method))
      .map(keyOf);
    const generated = WRITE_ROUTES.map(keyOf);
    expect({
      missing: served.filter((r) => !generated.includes(r)),
      stale: generated.filter((r) => !served.includes(r)),
    }).toEqual({ missing: [], stale: [] });
  });

  const perRoute = Math.ceil(TOTAL_RUNS / WRITE_ROUTES.length);
  it.each(WRITE_ROUTES.map(keyOf))(
    `%s: ${perRoute} malformed requests get a 4xx problem and change nothing`,
    async (key) => {
      const route = WRITE_ROUTES.find((r) => keyOf(r) === key)!;
      const before = await snapshot(t);
      await fc.assert(
        fc.asyncProperty(requestFor(route), async (req) => {
          checkRefused(req, await send(req));
        }),
        { seed: SEED, numRuns: perRoute },
      );
      expect(await snapshot(t)).toEqual(before);
      stats.routesDone++;
    },
    120_000,
  );

  it('refuses timestamps that cannot be stored (year 10000 in UTC, year 0) with 400, in every timestamp field', async () => {
    const before = await snapshot(t);
    const failures: string[] = [];
    for (const route of WRITE_ROUTES) {
      if (!route.schema || !route.body) continue;
      for (const [field, f] of Object.entries(route.schema)) {
        if (f.kind !== 'timestamp') continue;
        for (const value of OUT_OF_RANGE_TIMESTAMPS) {
          const req: Req = {
            ...baseRequest(route),
            body: { json: { ...route.body(), [field]: value } },
            why: `${field} = ${value}`,
          };
          const res = await send(req);
          if (res.status !== 400)
            failures.push(`${route.method} ${route.url} ${field}=${value} -> ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshot(t)).toEqual(before);
  });

  it('answers malformed query strings and ids on the read routes without a 5xx', async () => {
    const before = await snapshot(t);
    const ID_READS = [
      '/cases/:id',
      '/cases/:id/history',
      '/cases/:id/members',
      ...PART_PATHS.flatMap((p) => [`/cases/:id/${p}`, `/cases/:id/${p}/:id`]),
      '/authorities/:id',
      '/inventory/:id',
      '/users/:id',
      '/audit/checkpoints/:id',
      '/cases/:id/case-file.pdf',
      '/cases/:id/files/:id/pages/1',
      '/public/publications/:id/pdf',
      '/public/publications/:id/files/:id',
    ];
    const cursorish = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.tuple(anyJson, anyJson).map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
      fc
        .tuple(fc.string({ maxLength: 30 }), fc.uuid())
        .map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
      anyJson.map((v) => Buffer.from(JSON.stringify(v) ?? '').toString('base64url')),
    );
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('', '-1', '0', '101', '1e3', 'true,false', '%00', 'x'.repeat(700)),
      cursorish,
    );
    const param = fc.constantFrom(
      'status',
      'requestType',
      'authorityId',
      'country',
      'receivedFrom',
      'receivedTo',
      'hasGag',
      'overdue',
      'q',
      'sort',
      'limit',
      'cursor',
      'caseId',
      'actorId',
      'action',
      'from',
      'to',
      'seq',
      'size',
      'kind',
      'year',
      'half',
      'format',
      'lang',
      '__proto__',
      'constructor',
      'x',
    );
    const listRead = fc.record({
      path: fc.constantFrom(
        '/cases',
        '/deadlines',
        '/audit/events',
        `/cases/:case/history`,
        '/audit/consistency',
        '/audit/proofs/inclusion',
        '/authorities',
        '/inventory',
        '/users',
        '/reports/transparency',
        '/reports/transparency/dsa-orders.csv',
        '/public/publications',
      ),
      pairs: fc.array(fc.tuple(param, value), { minLength: 1, maxLength: 4 }),
      sender: fc.constantFrom<'board' | 'admin' | 'auditor' | 'lawyer'>(
        'board',
        'board',
        'board',
        'admin',
        'auditor',
        'lawyer',
      ),
    });
    const idRead = fc.record({
      path: fc.constantFrom(...ID_READS),
      bad: badPathId,
      sender: fc.constantFrom<'board' | 'auditor' | 'admin'>('board', 'auditor', 'admin'),
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(listRead, idRead), async (r) => {
        let url: string;
        if ('pairs' in r) {
          const qs = r.pairs
            .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
            .join('&');
          url = `${r.path.replace(':case', ids.case)}?${qs}`;
        } else {
          let n = 0;
          url = r.path.replace(/:id/g, () =>
            n++ === 0 && r.path.split(':id').length > 2 ? ids.case : r.bad,
          );
        }
        const res = await checkedAgent(t.app)
          .get(url)
          .set('Authorization', `Bearer ${tokens[r.sender]}`);
        stats.sent++;
        if (res.status >= 500)
          throw new Error(
            `GET ${url.slice(0, 300)} as ${r.sender} -> ${res.status} ${res.text.slice(0, 300)}`,
          );
      }),
      { seed: SEED, numRuns: 800 },
    );
    expect(await snapshot(t)).toEqual(before);
  }, 120_000);

  it('answers malformed page numbers, resolutions and versions of page pictures with a 4xx problem', async () => {
    const pdf = await t.http
      .post(`/cases/${ids.case}/files?kind=order`)
      .attach('file', await samplePdf('Beschluss vom 15.01.2015'), 'beschluss.pdf');
    expectStatus(pdf, 201, 'POST /cases/:caseId/files (PDF)');
    const fileIds = [pdf.body.id as string, ids.file];
    // The text of the new file is extracted in the background: its tables are left out.
    const settled = async () =>
      Object.entries(await snapshot(t)).filter(([table]) => !table.includes('text'));
    const before = await settled();
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('', '-1', '0', '1', '2', '1.5', '1e2', '0x1', '151', '100001', '%00'),
      fc.constant('9'.repeat(400)),
    );
    const request = fc.record({
      file: fc.constantFrom(...fileIds),
      page: value,
      pairs: fc.array(fc.tuple(fc.constantFrom('dpi', 'version', 'page', '__proto__'), value), {
        maxLength: 3,
      }),
      sender: fc.constantFrom<'board' | 'auditor' | 'lawyer'>('board', 'auditor', 'lawyer'),
    });
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const qs = r.pairs
          .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
          .join('&');
        const url = `/cases/${ids.case}/files/${r.file}/pages/${encodeURIComponent(r.page)}?${qs}`;
        const res = await checkedAgent(t.app)
          .get(url)
          .set('Authorization', `Bearer ${tokens[r.sender]}`);
        stats.sent++;
        const problem = /application\/problem\+json/.test(res.headers['content-type'] ?? '');
        if (res.status >= 500 || (res.status >= 400 && !problem) || res.status < 200)
          failures.push(`GET ${url.slice(0, 200)} -> ${res.status} ${res.text?.slice(0, 200)}`);
      }),
      { seed: SEED, numRuns: 150 },
    );
    expect(failures).toEqual([]);
    // Showing pages writes nothing but audit records.
    expect(await settled()).toEqual(before);
  }, 120_000);

  it('answers URLs the router refuses (broken percent-encoding, over-long ids) with problem details as well', async () => {
    const failures: string[] = [];
    for (const path of [
      '/cases/%zz',
      '/cases/%E0%A4%A/targets',
      `/cases/${'x'.repeat(300)}`,
      `/authorities/${'1'.repeat(120)}`,
      '/audit/checkpoints/%',
    ]) {
      for (const method of ['get', 'patch'] as const) {
        const agent = checkedAgent(t.app);
        const res = await agent[method](path)
          .set('Authorization', `Bearer ${tokens.board}`)
          .set('If-Match', '"1"');
        stats.sent++;
        const problem =
          /application\/problem\+json/.test(res.headers['content-type'] ?? '') &&
          (res.body as { status?: number }).status === res.status;
        if (![400, 404, 414].includes(res.status) || !problem)
          failures.push(
            `${method.toUpperCase()} ${path.slice(0, 60)} -> ${res.status} ${res.headers['content-type']} ${res.text.slice(0, 120)}`,
          );
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers a lone % in the URL with a problem about the URL, not about a body', async () => {
    for (const path of ['/cases/%', '/cases/%zz', '/audit/checkpoints/%']) {
      const res = await request(t.app.getHttpServer())
        .get(path)
        .set('Authorization', `Bearer ${tokens.board}`);
      expect({ path, status: res.status, type: res.headers['content-type'] }).toEqual({
        path,
        status: 400,
        type: expect.stringMatching(/application\/problem\+json/),
      });
      expect({ path, detail: res.body.detail, errors: res.body.errors }).toEqual({
        path,
        detail: expect.stringContaining('The URL is malformed'),
        errors: [{ field: '(url)', message: 'is not a valid URL' }],
      });
    }
  });

  it('answers headers too large for the server with a 431 problem', async () => {
    const res = await request(t.app.getHttpServer())
      .get('/health')
      .set('X-Padding', 'x'.repeat(20_000));
    expect(res.status).toBe(431);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: 'urn:problem-type:request-header-fields-too-large',
      status: 431,
      errors: [{ field: '(headers)', message: 'too large' }],
    });
  });

  it('refuses white space as a required text, and one value where a list is expected, naming the field in every route', async () => {
    const before = await snapshot(t);
    const failures: string[] = [];
    for (const route of WRITE_ROUTES) {
      if (!route.schema || !route.body) continue;
      for (const [field, f] of Object.entries(route.schema)) {
        const bad =
          f.kind === 'text' && (f.min ?? 1) >= 1
            ? ' '.repeat(Math.max(f.min ?? 1, 3))
            : f.kind === 'enumList'
              ? f.values[0]
              : f.kind === 'uuidList'
                ? '00000000-0000-4000-8000-000000000000'
                : undefined;
        if (bad === undefined) continue;
        const res = await send({
          ...baseRequest(route),
          body: { json: { ...route.body(), [field]: bad } },
          why: `${field} = ${JSON.stringify(bad)}`,
        });
        const named = ((res.body as { errors?: { field: string }[] }).errors ?? []).some(
          (e) => e.field === field,
        );
        if (res.status !== 400 || !named)
          failures.push(
            `${route.method} ${route.url} ${field}=${JSON.stringify(bad)} -> ${res.status} ${res.text.slice(0, 200)}`,
          );
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshot(t)).toEqual(before);
  });

  it('refuses bodies nested thousands of levels deep with 400 (no stack overflow)', async () => {
    const before = await snapshot(t);
    const failures: string[] = [];
    const depth = 10_000;
    for (const route of WRITE_ROUTES) {
      if (!route.schema || !route.body) continue;
      for (const [what, raw] of [
        ['nested arrays', '['.repeat(depth) + ']'.repeat(depth)],
        [
          'a nested object in a field',
          `{"${Object.keys(route.schema)[0]}": ${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`,
        ],
      ] as const) {
        const res = await send({ ...baseRequest(route), body: { raw }, why: what });
        if (res.status !== 400)
          failures.push(
            `${route.method} ${route.url} with ${what} (${depth} levels) -> ${res.status}`,
          );
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshot(t)).toEqual(before);
  });

  it('refuses unknown fields named like members of Object.prototype, as any other unknown field', async () => {
    const before = await snapshot(t);
    const failures: string[] = [];
    for (const route of WRITE_ROUTES) {
      if (!route.schema || !route.body) continue;
      for (const key of [
        'constructor',
        'prototype',
        'toString',
        'valueOf',
        'hasOwnProperty',
        '__defineGetter__',
      ]) {
        const res = await send({
          ...baseRequest(route),
          body: { json: { ...route.body(), [key]: 1 } },
          why: `unknown field ${key}`,
        });
        const named = ((res.body as { errors?: { field: string }[] }).errors ?? []).some(
          (e) => e.field === key,
        );
        if (res.status !== 400 || !named)
          failures.push(`${route.method} ${route.url} with "${key}": 1 -> ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshot(t)).toEqual(before);
  });

  it('refuses bodies that are not JSON with 415 and changes nothing', async () => {
    const before = await snapshot(t);
    const failures: string[] = [];
    for (const route of WRITE_ROUTES) {
      if (!route.schema || !route.body) continue;
      const valid = route.body();
      const form = new URLSearchParams(
        Object.entries(valid).map(([k, v]): [string, string] => [
          k,
          typeof v === 'string' ? v : JSON.stringify(v),
        ]),
      ).toString();
      for (const [contentType, raw] of [
        ['application/x-www-form-urlencoded', form],
        ['text/plain', JSON.stringify(valid)],
        ['application/xml', '<body/>'],
        [
          'multipart/form-data; boundary=x',
          `--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n`,
        ],
      ] as const) {
        const req: Req = { ...baseRequest(route), body: { raw, contentType }, why: contentType };
        const res = await send(req);
        if (res.status !== 415)
          failures.push(`${route.method} ${route.url} as ${contentType} -> ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshot(t)).toEqual(before);
  });

  it('was not polluted: Object.prototype is as it was', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
    if (stats.routesDone === WRITE_ROUTES.length) expect(stats.sent).toBeGreaterThanOrEqual(5_000);
  });
});

/** A request in one line, for failure messages and fast-check counterexamples. */
function describeRequest(req: Req): string {
  const who =
    req.authorization !== undefined
      ? `Authorization ${JSON.stringify(short(req.authorization))}`
      : req.sender;
  const ifMatch =
    req.ifMatch === undefined ? 'no If-Match' : `If-Match ${JSON.stringify(req.ifMatch)}`;
  return `${req.method} ${short(req.url + req.query)} as ${who}, ${ifMatch}; malformed: ${req.why}`;
}

function short(v: unknown): string {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return s.length > 80 ? `${s.slice(0, 80)}… (${s.length} chars)` : s;
}
