import { generate } from 'otplib';
import type TestAgent from 'supertest/lib/agent.js';
import type { Role } from '../../../src/access/permissions.js';
import { UsersService } from '../../../src/users/users.service.js';
import { TEST_PASSWORD, checkedAgent, type TestApp } from '../test-app.js';
import { PART_PATHS, partBody, type Directory, type PartPath } from './sample-bodies.js';
import { SYSTEM_ACTOR } from '../../../src/access/actor.js';

/** Helpers shared by the security tests: extra users, fresh sessions, and cases with one part of each kind. */

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  agent: TestAgent;
}

let counter = 0;
/** A suffix unique within this process (and across test files running at the same time). */
export const unique = () => `${process.pid}-${Date.now().toString(36)}-${++counter}`;

/** A response as the tests look at it. */
export interface Reply {
  status: number;
  body: Record<string, unknown> & { items?: Record<string, unknown>[]; nextCursor?: string | null };
  headers: Record<string, string>;
  text: string;
}

/** Signs in over HTTP and returns the token. */
export async function signIn(t: TestApp, email: string, password = TEST_PASSWORD): Promise<string> {
  const res = await checkedAgent(t.app).post('/auth/sign-in').send({ email, password });
  if (res.status !== 200)
    throw new Error(`sign-in of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

/** An agent that sends the given bearer token with every request. */
export function agentWithToken(t: TestApp, token: string): TestAgent {
  return checkedAgent(t.app).set('Authorization', `Bearer ${token}`) as unknown as TestAgent;
}

/** A fresh session of an existing user (for calls that revoke the caller's token). */
export async function freshAgent(t: TestApp, email: string): Promise<TestAgent> {
  return agentWithToken(t, await signIn(t, email));
}

/** Creates a user with the given role (through the service, as the CLI does) and signs them in. */
export async function createUser(t: TestApp, role: Role, label: string): Promise<TestUser> {
  const email = `${label}-${unique()}@test.example`.toLowerCase();
  const created = (await t.app.get(UsersService).create(SYSTEM_ACTOR, {
    email,
    displayName: `Test ${label}`,
    role,
    password: TEST_PASSWORD,
  })) as {
    id: string;
  };
  return { id: created.id, email, role, agent: await freshAgent(t, email) };
}

/** Throws with the response when a fixture call did not answer as expected. */
export function expectStatus(
  res: { status: number; body: unknown },
  expected: number | number[],
  what: string,
): void {
  const ok = Array.isArray(expected) ? expected.includes(res.status) : res.status === expected;
  if (!ok)
    throw new Error(
      `${what}: expected ${JSON.stringify(expected)}, got ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`,
    );
}

/** The ETag of a record as `reader` sees it. */
export async function etagOf(reader: TestAgent, path: string): Promise<string> {
  const res = await reader.get(path);
  expectStatus(res, 200, `GET ${path} for its ETag`);
  return res.headers.etag as string;
}

/** Directory records the case parts refer to. */
export async function directory(t: TestApp, board: TestAgent = t.http): Promise<Directory> {
  const inventory = await board.post('/inventory').send({
    name: `srv-${unique()}`,
    kind: 'virtual_server',
    identifiers: [`h-${unique()}.example`],
  });
  expectStatus(inventory, 201, 'POST /inventory');
  return {
    inventoryItemId: inventory.body.id as string,
    newAuthority: async () => {
      const res = await board
        .post('/authorities')
        .send({ name: `Authority ${unique()}`, kind: 'police', country: 'DE' });
      expectStatus(res, 201, 'POST /authorities');
      return res.body.id as string;
    },
  };
}

export interface CaseWithParts {
  id: string;
  reference: string;
  /** The id of one part of each kind. */
  parts: Record<PartPath, string>;
}

export interface CaseOptions {
  /** Logs the case and writes its parts (a board member); becomes a member of the case. */
  board: TestAgent;
  /** Writes the legal note (a lawyer); added as a member first, so this works on a restricted case too. */
  lawyer: TestUser | { id: string; agent: TestAgent };
  dir: Directory;
  /** restricted: marked restricted; open: visible to all (its gag order lifted). */
  restricted: boolean;
  /** The case's gag order: active (the default for a restricted case) or lifted (always for an open case). */
  gag?: 'active' | 'lifted';
  fields?: Record<string, unknown>;
}

/** Creates one part through the API as `writer` and returns its id. */
export async function createPart(
  writer: TestAgent,
  caseId: string,
  path: PartPath,
  body: Record<string, unknown>,
): Promise<string> {
  const res = await writer.post(`/cases/${caseId}/${path}`).send(body);
  expectStatus(res, 201, `POST /cases/${caseId}/${path}`);
  return res.body.id as string;
}

/** Makes an open case open again (recording a gag order restricts it, by design). */
export async function reopen(t: TestApp, board: TestAgent, caseId: string): Promise<void> {
  const [row] = await t.sql<{ restricted: boolean }>('SELECT restricted FROM cases WHERE id = $1', [
    caseId,
  ]);
  if (!row?.restricted) return;
  const res = await board
    .patch(`/cases/${caseId}`)
    .set('If-Match', await etagOf(board, `/cases/${caseId}`))
    .send({ restricted: false });
  expectStatus(res, 200, `PATCH /cases/${caseId} {restricted:false}`);
}

/** A case with one part of each kind. */
export async function caseWithParts(t: TestApp, o: CaseOptions): Promise<CaseWithParts> {
  const created = await o.board.post('/cases').send({
    title: `Seizure of the mail server ${unique()}`,
    requestType: 'search_and_seizure',
    receivedAt: '2020-07-03T10:00:00+02:00',
    ...o.fields,
  });
  expectStatus(created, 201, 'POST /cases');
  const id = created.body.id as string;
  const member = await o.board.post(`/cases/${id}/members`).send({ userId: o.lawyer.id });
  expectStatus(member, 201, `POST /cases/${id}/members (lawyer)`);
  const parts = {} as Record<PartPath, string>;
  for (const path of PART_PATHS) {
    const writer = path === 'legal-notes' ? o.lawyer.agent : o.board;
    const activeGag = o.restricted && (o.gag ?? 'active') === 'active';
    parts[path] = await createPart(writer, id, path, await partBody(path, o.dir, { activeGag }));
  }
  if (o.restricted) {
    // Recording the gag order restricted it already; say so explicitly as well.
    const res = await o.board
      .patch(`/cases/${id}`)
      .set('If-Match', await etagOf(o.board, `/cases/${id}`))
      .send({ restricted: true });
    expectStatus(res, 200, `PATCH /cases/${id} {restricted:true}`);
  } else {
    await reopen(t, o.board, id);
  }
  return { id, reference: created.body.reference as string, parts };
}

/** The authenticator app's code; `stepsAhead` 1 gives the next 30-second step's (accepted, and not a replay). */
export function totpCode(secret: string, stepsAhead = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 * stepsAhead });
}

/** Starts a TOTP enrolment for the agent's account; with `confirm`, puts it in force. */
export async function enrolSecondFactor(
  agent: TestAgent,
  confirm = true,
): Promise<{ secret: string; recoveryCodes: string[] }> {
  const started = await agent.post('/auth/second-factor');
  expectStatus(started, 201, 'POST /auth/second-factor');
  const secret = started.body.secret as string;
  if (!confirm) return { secret, recoveryCodes: [] };
  const confirmed = await agent
    .post('/auth/second-factor/confirm')
    .send({ code: await totpCode(secret) });
  expectStatus(confirmed, 200, 'POST /auth/second-factor/confirm');
  return { secret, recoveryCodes: confirmed.body.recoveryCodes as string[] };
}
