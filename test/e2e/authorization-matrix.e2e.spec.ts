import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { routesOf } from '../../src/app.factory.js';
import { AuditTrailService } from '../../src/audit/audit-trail.service.js';
import { CanaryService } from '../../src/canary/canary.service.js';
import { ROLES, type Role } from '../../src/access/permissions.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import {
  CASE_BODY,
  NEXT_STATUS,
  PART_CHANGES,
  PART_PATHS,
  inThirtyDays,
  partBody,
  type Directory,
  type PartPath,
} from '../support/security/sample-bodies.js';
import {
  caseWithParts,
  createPart,
  createUser,
  directory,
  enrolSecondFactor,
  etagOf,
  expectStatus,
  freshAgent,
  reopen,
  totpCode,
  unique,
  type CaseWithParts,
  type TestUser,
} from '../support/security/world.js';
import { samplePng } from '../support/sample-files.js';

/**
 * The authorisation matrix: every route the application serves, called by every kind of caller,
 * against one hand-written table of expected statuses. The table is NOT derived from the route
 * decorators: it is what the issue asks for, written down, so that a wrong declaration fails here.
 *
 * Columns: the four roles and anonymous work on an OPEN case; `member` (a board user assigned to
 * the case) and `nonMember` (a second board user, not assigned) work on a RESTRICTED case. On routes
 * without a case, member and nonMember are simply two more board users.
 */
const CALLERS = [
  'anonymous',
  'admin',
  'board',
  'lawyer',
  'auditor',
  'member',
  'nonMember',
] as const;
type Caller = (typeof CALLERS)[number];
type Expected = Record<Caller, number>;

const row = (
  anonymous: number,
  admin: number,
  board: number,
  lawyer: number,
  auditor: number,
  member: number,
  nonMember: number,
): Expected => ({
  anonymous,
  admin,
  board,
  lawyer,
  auditor,
  member,
  nonMember,
});

//                                 anon admin board lawyer auditor member nonMember
/** Anyone, signed in or not. */
const PUBLIC = /*             */ row(200, 200, 200, 200, 200, 200, 200);
/** Any signed-in user, about themselves (@Authenticated). */
const SELF = /*               */ row(401, 200, 200, 200, 200, 200, 200);
const SELF_CREATE = /*        */ row(401, 201, 201, 201, 201, 201, 201);
const SELF_DONE = /*          */ row(401, 204, 204, 204, 204, 204, 204);
/** Accounts: admins only. */
const ADMIN = /*              */ row(401, 200, 403, 403, 403, 403, 403);
const ADMIN_CREATE = /*       */ row(401, 201, 403, 403, 403, 403, 403);
const ADMIN_DONE = /*         */ row(401, 204, 403, 403, 403, 403, 403);
/** The directory (authorities, inventory): everyone reads; admin and board write. */
const DIR_READ = /*           */ row(401, 200, 200, 200, 200, 200, 200);
const DIR_CREATE = /*         */ row(401, 201, 201, 403, 403, 201, 201);
const DIR_UPDATE = /*         */ row(401, 200, 200, 403, 403, 200, 200);
const DIR_DELETE = /*         */ row(401, 204, 204, 403, 403, 204, 204);
/** The audit trail: admin, board and auditor; not lawyers. */
const AUDIT = /*              */ row(401, 200, 200, 403, 200, 200, 200);
/** Lists across cases (no case in the path): a non-member gets 200, the restricted case is simply absent. */
const CASE_LIST = /*          */ row(401, 403, 200, 200, 200, 200, 200);
const CASE_LOG = /*           */ row(401, 403, 201, 403, 403, 201, 201);
/** One case and what hangs under it: the restricted case does not exist for a non-member. */
const CASE_READ = /*          */ row(401, 403, 200, 200, 200, 200, 404);
const CASE_CHANGE = /*        */ row(401, 403, 200, 403, 403, 200, 404);
/** Parts the board writes. */
const PART_ADD = /*           */ row(401, 403, 201, 403, 403, 201, 404);
const PART_CHANGE = /*        */ row(401, 403, 200, 403, 403, 200, 404);
const PART_DELETE = /*        */ row(401, 403, 204, 403, 403, 204, 404);
/** Deadlines and remedies: the board and lawyers write. */
const LEGAL_ADD = /*          */ row(401, 403, 201, 201, 403, 201, 404);
const LEGAL_CHANGE = /*       */ row(401, 403, 200, 200, 403, 200, 404);
const LEGAL_DELETE = /*       */ row(401, 403, 204, 204, 403, 204, 404);
/**
 * Legal notes are privileged: lawyers and the board read them, auditors do not; only lawyers write.
 * A board user (member or not) may not write them at all: 403 before the case is even looked at,
 * which says nothing about whether the case exists.
 */
const NOTE_READ = /*          */ row(401, 403, 200, 200, 403, 200, 404);
const NOTE_ADD = /*           */ row(401, 403, 403, 201, 403, 403, 403);
const NOTE_CHANGE = /*        */ row(401, 403, 403, 200, 403, 403, 403);
const NOTE_DELETE = /*        */ row(401, 403, 403, 204, 403, 403, 403);
/** The canary's state: the board and admins. Its renewal: the board, refused (409) while the matrix's gag is in force. */
const CANARY_STATE = /*       */ row(401, 200, 200, 403, 403, 200, 200);
const CANARY_RENEW = /*       */ row(401, 403, 409, 403, 403, 409, 409);
/** Reports count restricted cases (banded), so only the board generates them. */
const BOARD_REPORT = /*       */ row(401, 403, 200, 403, 403, 200, 200);
/**
 * Publishing goes out in the organisation's name: the board only. The restricted case of this
 * matrix is under a gag order in force, so a member may not publish (or preview) a statement on it.
 */
const STATEMENT_PREVIEW = /*  */ row(401, 403, 200, 403, 403, 409, 404);
const STATEMENT_PUBLISH = /*  */ row(401, 403, 201, 403, 403, 409, 404);
const REPORT_PUBLISH = /*     */ row(401, 403, 201, 403, 403, 201, 201);
/** Who may see a restricted case: the board manages it. */
const MEMBER_ADD = /*         */ row(401, 403, 201, 403, 403, 201, 404);
const MEMBER_REMOVE = /*      */ row(401, 403, 204, 403, 403, 204, 404);
/** Who could be given access: only who manages members, and only on a case they can see. */
const MEMBER_CANDIDATES = /*  */ row(401, 403, 200, 403, 403, 200, 404);
/** Voiding a case recorded in error: the board, on a case it can see. */
const CASE_VOID = /*          */ row(401, 403, 200, 403, 403, 200, 404);
/** The organisation's units: everyone reads (directory.read); only admins write (units.manage). */
const UNIT_CREATE = ADMIN_CREATE;
const UNIT_UPDATE = ADMIN;
const UNIT_DELETE = ADMIN_DONE;
/**
 * Files. A privileged file may be added by the roles that read legal notes (board, lawyers); one
 * that is not privileged by the board only (a lawyer gets 403 before the case is looked at).
 */
const FILE_ADD_PRIVILEGED = LEGAL_ADD;
const FILE_VERSION = PART_ADD;

/** Every route, one line each. */
const TABLE: Record<string, Expected> = {
  'GET /health': PUBLIC,

  'POST /auth/sign-in': PUBLIC,
  'POST /auth/sign-in/second-factor': PUBLIC,
  'POST /auth/second-factor': SELF_CREATE,
  'POST /auth/second-factor/confirm': SELF,
  'POST /auth/second-factor/recovery-codes': SELF,
  'POST /auth/sign-out': SELF_DONE,
  'POST /auth/session': PUBLIC,
  'POST /auth/session/second-factor': PUBLIC,
  'DELETE /auth/session': SELF_DONE,
  'DELETE /auth/session/all': SELF,
  'GET /auth/me': SELF,
  'POST /auth/password': SELF_DONE,
  'GET /auth/tokens': SELF,
  'POST /auth/tokens': SELF_CREATE,
  'DELETE /auth/tokens/:id': SELF_DONE,

  'GET /users': ADMIN,
  'GET /users/:id': ADMIN,
  'POST /users': ADMIN_CREATE,
  'PATCH /users/:id': ADMIN,
  'PUT /users/:id/password': ADMIN_DONE,

  'GET /authorities': DIR_READ,
  'GET /authorities/:id': DIR_READ,
  'POST /authorities': DIR_CREATE,
  'PATCH /authorities/:id': DIR_UPDATE,
  'DELETE /authorities/:id': DIR_DELETE,
  'GET /inventory': DIR_READ,
  'GET /inventory/:id': DIR_READ,
  'POST /inventory': DIR_CREATE,
  'PATCH /inventory/:id': DIR_UPDATE,
  'DELETE /inventory/:id': DIR_DELETE,
  'GET /units': DIR_READ,
  'GET /units/:id': DIR_READ,
  'POST /units': UNIT_CREATE,
  'PATCH /units/:id': UNIT_UPDATE,
  'DELETE /units/:id': UNIT_DELETE,

  'GET /audit/events': AUDIT,
  'GET /audit/verify': AUDIT,
  'GET /audit/checkpoints': PUBLIC,
  'GET /audit/checkpoints/latest': PUBLIC,
  'GET /audit/checkpoints/:size': PUBLIC,
  'GET /audit/consistency': PUBLIC,
  'GET /audit/proofs/inclusion': PUBLIC,
  'GET /audit/public-key': PUBLIC,

  'GET /cases': CASE_LIST,
  'POST /cases': CASE_LOG,
  'GET /cases/:id': CASE_READ,
  'PATCH /cases/:id': CASE_CHANGE,
  'POST /cases/:id/status': CASE_CHANGE,
  'POST /cases/:id/void': CASE_VOID,
  'GET /cases/:caseId/history': CASE_READ,
  'GET /deadlines': CASE_LIST,
  'GET /deadline-rules': CASE_LIST,
  'GET /me/reminders': SELF,
  'GET /me/reminder-preferences': SELF,
  'PUT /me/reminder-preferences': SELF,
  'POST /me/calendar-feed': SELF_CREATE,
  'DELETE /me/calendar-feed': SELF_DONE,
  'GET /calendar/:file': PUBLIC,
  'GET /admin/outbox': ADMIN,
  'GET /canary': CANARY_STATE,
  'POST /canary/renewals': CANARY_RENEW,
  'GET /public/canary': PUBLIC,
  'GET /public/canary.txt': PUBLIC,
  'GET /reports/transparency': BOARD_REPORT,
  'GET /reports/transparency/dsa-orders.csv': BOARD_REPORT,
  'GET /cases/:caseId/case-file.pdf': CASE_READ,

  'POST /publications/statements/preview': STATEMENT_PREVIEW,
  'GET /publications/statements': CASE_READ,
  'POST /publications/statements': STATEMENT_PUBLISH,
  'POST /publications/reports': REPORT_PUBLISH,
  'GET /public/publications': PUBLIC,
  'GET /public/publications/:id/:format': PUBLIC,
  'GET /public/publications/:id/files/:fileId': PUBLIC,
  'GET /public': PUBLIC,

  'GET /cases/:caseId/members': CASE_READ,
  'GET /cases/:caseId/members/candidates': MEMBER_CANDIDATES,
  'POST /cases/:caseId/members': MEMBER_ADD,
  'DELETE /cases/:caseId/members/:userId': MEMBER_REMOVE,

  'GET /cases/:caseId/authorities': CASE_READ,
  'GET /cases/:caseId/authorities/:id': CASE_READ,
  'POST /cases/:caseId/authorities': PART_ADD,
  'PATCH /cases/:caseId/authorities/:id': PART_CHANGE,
  'DELETE /cases/:caseId/authorities/:id': PART_DELETE,

  'GET /cases/:caseId/legal-bases': CASE_READ,
  'GET /cases/:caseId/legal-bases/:id': CASE_READ,
  'POST /cases/:caseId/legal-bases': PART_ADD,
  'PATCH /cases/:caseId/legal-bases/:id': PART_CHANGE,
  'DELETE /cases/:caseId/legal-bases/:id': PART_DELETE,

  'GET /cases/:caseId/targets': CASE_READ,
  'GET /cases/:caseId/targets/:id': CASE_READ,
  'POST /cases/:caseId/targets': PART_ADD,
  'PATCH /cases/:caseId/targets/:id': PART_CHANGE,
  'DELETE /cases/:caseId/targets/:id': PART_DELETE,

  'GET /cases/:caseId/affected-systems': CASE_READ,
  'GET /cases/:caseId/affected-systems/:id': CASE_READ,
  'POST /cases/:caseId/affected-systems': PART_ADD,
  'PATCH /cases/:caseId/affected-systems/:id': PART_CHANGE,
  'DELETE /cases/:caseId/affected-systems/:id': PART_DELETE,

  'GET /cases/:caseId/disclosures': CASE_READ,
  'GET /cases/:caseId/disclosures/:id': CASE_READ,
  'POST /cases/:caseId/disclosures': PART_ADD,
  'PATCH /cases/:caseId/disclosures/:id': PART_CHANGE,
  'DELETE /cases/:caseId/disclosures/:id': PART_DELETE,

  'GET /cases/:caseId/seized-items': CASE_READ,
  'GET /cases/:caseId/seized-items/:id': CASE_READ,
  'POST /cases/:caseId/seized-items': PART_ADD,
  'PATCH /cases/:caseId/seized-items/:id': PART_CHANGE,
  'DELETE /cases/:caseId/seized-items/:id': PART_DELETE,

  'GET /cases/:caseId/timeline': CASE_READ,
  'GET /cases/:caseId/timeline/:id': CASE_READ,
  'POST /cases/:caseId/timeline': PART_ADD,
  'PATCH /cases/:caseId/timeline/:id': PART_CHANGE,
  'DELETE /cases/:caseId/timeline/:id': PART_DELETE,

  'GET /cases/:caseId/deadlines': CASE_READ,
  'GET /cases/:caseId/deadlines/:id': CASE_READ,
  'POST /cases/:caseId/deadlines': LEGAL_ADD,
  'PATCH /cases/:caseId/deadlines/:id': LEGAL_CHANGE,
  'DELETE /cases/:caseId/deadlines/:id': LEGAL_DELETE,

  'GET /cases/:caseId/gag-orders': CASE_READ,
  'GET /cases/:caseId/gag-orders/:id': CASE_READ,
  'POST /cases/:caseId/gag-orders': PART_ADD,
  'PATCH /cases/:caseId/gag-orders/:id': PART_CHANGE,
  'DELETE /cases/:caseId/gag-orders/:id': PART_DELETE,

  'GET /cases/:caseId/legal-notes': NOTE_READ,
  'GET /cases/:caseId/legal-notes/:id': NOTE_READ,
  'POST /cases/:caseId/legal-notes': NOTE_ADD,
  'PATCH /cases/:caseId/legal-notes/:id': NOTE_CHANGE,
  'DELETE /cases/:caseId/legal-notes/:id': NOTE_DELETE,

  'GET /cases/:caseId/remedies': CASE_READ,
  'GET /cases/:caseId/remedies/:id': CASE_READ,
  'POST /cases/:caseId/remedies': LEGAL_ADD,
  'PATCH /cases/:caseId/remedies/:id': LEGAL_CHANGE,
  'DELETE /cases/:caseId/remedies/:id': LEGAL_DELETE,

  'GET /cases/:caseId/measures': CASE_READ,
  'GET /cases/:caseId/measures/:id': CASE_READ,
  'POST /cases/:caseId/measures': PART_ADD,
  'PATCH /cases/:caseId/measures/:id': PART_CHANGE,
  'DELETE /cases/:caseId/measures/:id': PART_DELETE,

  'GET /cases/:caseId/files': CASE_READ,
  'GET /cases/:caseId/files/:fileId': CASE_READ,
  'GET /cases/:caseId/files/:fileId/content': CASE_READ,
  'POST /cases/:caseId/files': FILE_ADD_PRIVILEGED,
  'POST /cases/:caseId/files/:fileId/versions': FILE_VERSION,
  'POST /cases/:caseId/files/:fileId/redacted-copies': PART_ADD,
  'GET /cases/:caseId/files/:fileId/pages/:page': CASE_READ,
  'GET /cases/:caseId/bundle': CASE_READ,
  'POST /cases/:id/preservation-extension': CASE_CHANGE,
};

/** The routes the application serves, as `METHOD /path/:param` (Swagger UI and OPTIONS are Fastify's, not ours). */
function servedRoutes(t: TestApp): string[] {
  return routesOf(t.app)
    .filter(
      (r) => r.method !== 'OPTIONS' && !r.url.startsWith('/docs') && !r.url.startsWith('/openapi'),
    )
    .map((r) => `${r.method} ${r.url}`);
}

/** One request of the matrix. */
interface Call {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  ifMatch?: string;
  /** Call as this agent instead of the caller's usual one (a fresh session or a throwaway user of the same kind). */
  agent?: TestAgent;
  /** Put the fixture back afterwards. */
  after?: () => Promise<void>;
  headers?: Record<string, string>;
  /** Sent as multipart/form-data, in one part named "file" (the upload routes). */
  file?: { content: Buffer; name: string };
}

/** What the web app sends on a change made with its session cookie (src/auth/browser-session.ts). */
const SAME_ORIGIN = {
  host: 'tracker.test',
  origin: 'http://tracker.test',
  'x-csrf-protection': '1',
};

interface Cell {
  caller: Caller;
  agent: TestAgent;
  /** The case of this column: restricted for member/nonMember, open for the others. */
  kase: CaseWithParts;
  /** What the table expects. A call expected to succeed at deleting gets a record of its own; one expected to be refused reuses the shared one. */
  expected: number;
}

type Planner = (cell: Cell) => Promise<Call>;

describe('authorisation matrix', () => {
  let t: TestApp;
  let dir: Directory;
  let open: CaseWithParts;
  let restricted: CaseWithParts;
  let member: TestUser;
  let nonMember: TestUser;
  /** A lawyer assigned to both cases, who writes the legal notes of the fixtures. */
  let counsel: TestUser;
  /** Added to and removed from the cases by the member routes. */
  let extra: TestUser;
  /** Target of the account routes (never one of the callers). */
  let victim: TestUser;
  /** Signs in in the sign-in cells. */
  let signer: TestUser;
  let checkpointSize = 0;
  const agents = {} as Record<Caller, TestAgent>;
  const emails = {} as Record<Exclude<Caller, 'anonymous'>, string>;
  const roleOf = (caller: Exclude<Caller, 'anonymous'>): Role =>
    caller === 'member' || caller === 'nonMember' ? 'board' : caller;

  beforeAll(async () => {
    t = await startTestApp();
    dir = await directory(t);
    [member, nonMember, counsel, extra, victim, signer] = [
      await createUser(t, 'board', 'member'),
      await createUser(t, 'board', 'non-member'),
      await createUser(t, 'lawyer', 'counsel'),
      await createUser(t, 'auditor', 'extra'),
      await createUser(t, 'auditor', 'victim'),
      await createUser(t, 'auditor', 'signer'),
    ];
    open = await caseWithParts(t, {
      board: t.http,
      lawyer: { id: t.userIds.lawyer, agent: t.as('lawyer') },
      dir,
      restricted: false,
    });
    restricted = await caseWithParts(t, { board: t.http, lawyer: counsel, dir, restricted: true });
    expectStatus(
      await t.http.post(`/cases/${restricted.id}/members`).send({ userId: member.id }),
      201,
      'assign the member',
    );
    for (const role of ROLES) {
      agents[role] = t.as(role);
      emails[role] = `${role}@test.example`;
    }
    agents.anonymous = t.as('anonymous');
    agents.member = member.agent;
    agents.nonMember = nonMember.agent;
    emails.member = member.email;
    emails.nonMember = nonMember.email;
    const cp = await t.app.get(AuditTrailService).checkpoint();
    if (!cp) throw new Error('no audit checkpoint could be signed');
    checkpointSize = cp.size;
  });
  afterAll(async () => {
    await t?.close();
  });

  // ---- How each route is called (the expectations are all in TABLE above) ----

  const board = () => t.http;
  /** A calendar feed of the counsel (no caller, so no cell replaces it), made once. */
  let feedPath: string | undefined;
  const calendarFeedPath = async () => {
    if (!feedPath) {
      const res = await counsel.agent.post('/me/calendar-feed');
      expectStatus(res, 201, 'create a calendar feed');
      feedPath = new URL(res.body.url as string).pathname;
    }
    return feedPath;
  };
  /**
   * The matrix's gag refuses renewal, so the published canary is issued as an earlier renewal
   * would have: the service's own document, signed, stored.
   */
  const ensureCanary = async () => {
    const [{ n }] = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM canaries');
    if (n > 0) return;
    const service = t.app.get(CanaryService);
    const now = new Date();
    const document = JSON.stringify(service['document'](now, new Date(now.getTime() + 86_400_000)));
    const signature = service['key'].sign(Buffer.from(document)).toString('base64');
    await t.sql(
      `INSERT INTO canaries (issued_at, expires_at, document, signature, key_id) VALUES ($1, $2, $3, $4, 'test')`,
      [now, new Date(now.getTime() + 86_400_000), document, signature],
    );
  };
  const succeeds = (cell: Cell) => cell.expected >= 200 && cell.expected < 300;
  const caseOf = (cell: Cell) => cell.kase.id;
  /** After any call on the open case: a recorded gag order restricts it; open it again. */
  const keepOpen = (cell: Cell) => async () => {
    if (cell.kase === open) await reopen(t, board(), open.id);
  };
  const newAuthority = async () => ({ id: await dir.newAuthority() });
  const newInventoryItem = async () => {
    const res = await board()
      .post('/inventory')
      .send({ name: `srv-${unique()}`, kind: 'physical_server' });
    expectStatus(res, 201, 'POST /inventory');
    return { id: res.body.id as string };
  };
  /** Units are written by admins only. */
  const newUnit = async () => {
    const res = await t
      .as('admin')
      .post('/units')
      .send({ name: `Unit ${unique()}`, kind: 'state' });
    expectStatus(res, 201, 'POST /units');
    return { id: res.body.id as string };
  };
  /**
   * Voiding cannot be undone: a call expected to succeed voids a case of its own, of the same kind
   * as the column's (restricted, with the member assigned, for member and nonMember).
   */
  const caseToVoid = async (cell: Cell) => {
    if (!succeeds(cell)) return caseOf(cell);
    const restrictedCase = cell.kase === restricted;
    const res = await board()
      .post('/cases')
      .send({ ...CASE_BODY, restricted: restrictedCase });
    expectStatus(res, 201, 'POST /cases (to void)');
    const id = res.body.id as string;
    if (restrictedCase) await ensureMember(id, member.id);
    return id;
  };
  /** A preservation order of its own for each cell that may extend it (an order is extended once). */
  const preservationCase = async (cell: Cell) => {
    if (!succeeds(cell)) return caseOf(cell);
    const restrictedCase = cell.kase === restricted;
    const res = await board()
      .post('/cases')
      .send({
        ...CASE_BODY,
        requestType: 'e_evidence_preservation_order',
        receivedAt: '2026-06-01T10:00:00Z',
        restricted: restrictedCase,
      });
    expectStatus(res, 201, 'POST /cases (preservation order)');
    const id = res.body.id as string;
    if (restrictedCase) await ensureMember(id, member.id);
    return id;
  };
  /** One PNG per case to redact, added by the board. */
  const images = new Map<string, string>();
  const imageFile = async (caseId: string) => {
    let id = images.get(caseId);
    if (!id) {
      const res = await board()
        .post(`/cases/${caseId}/files?kind=photo`)
        .attach('file', samplePng(40, 30), 'seal.png');
      expectStatus(res, 201, 'POST /cases/:caseId/files (image)');
      id = res.body.id as string;
      images.set(caseId, id);
    }
    return id;
  };
  /** A small plain-text document (the type is decided from the content). */
  const textFile = (what: string) => ({
    content: Buffer.from(`Scan of the seizure order, ${what}.\n`),
    name: 'order.txt',
  });
  /** One file per case, not privileged (every role reading the case sees it), added by the board. */
  const sharedFiles = new Map<string, string>();
  const sharedFile = async (caseId: string) => {
    let id = sharedFiles.get(caseId);
    if (!id) {
      const { content, name } = textFile('shared');
      const res = await board()
        .post(`/cases/${caseId}/files?kind=order`)
        .attach('file', content, name);
      expectStatus(res, 201, 'POST /cases/:caseId/files');
      id = res.body.id as string;
      sharedFiles.set(caseId, id);
    }
    return id;
  };
  const ensureMember = async (caseId: string, userId: string) =>
    expectStatus(
      await board().post(`/cases/${caseId}/members`).send({ userId }),
      [201, 409],
      'assign extra',
    );
  const ensureNotMember = async (caseId: string, userId: string) =>
    expectStatus(
      await board().delete(`/cases/${caseId}/members/${userId}`),
      [204, 404],
      'unassign extra',
    );

  const statementBody = (cell: Cell) => ({
    caseId: caseOf(cell),
    language: 'en',
    title: `Statement by ${cell.caller}`,
    position: 'Our position.',
    sections: ['downtime', 'handover'],
  });
  let reportDay = 0;
  const nextReportPeriod = () => {
    const from = new Date(Date.UTC(2001, 0, 1 + reportDay++));
    const to = new Date(from.getTime() + 86_400_000);
    return {
      from: from.toISOString().replace('.000Z', 'Z'),
      to: to.toISOString().replace('.000Z', 'Z'),
      language: 'en',
    };
  };
  let reportId: string | undefined;
  const publishedReport = async () => {
    if (!reportId) {
      const res = await board().post('/publications/reports').send(nextReportPeriod());
      expectStatus(res, 201, 'publish a report');
      reportId = res.body.id as string;
    }
    return reportId;
  };

  /** The public address of a redacted copy published with a statement on an open case of its own. */
  let copyUrl: string | undefined;
  const publishedCopy = async () => {
    if (!copyUrl) {
      const kase = await board().post('/cases').send(CASE_BODY);
      expectStatus(kase, 201, 'POST /cases (for a published copy)');
      const caseId = kase.body.id as string;
      const copy = await board()
        .post(`/cases/${caseId}/files/${await imageFile(caseId)}/redacted-copies`)
        .send({ rectangles: [{ page: 1, x: 0, y: 0, width: 10, height: 10 }] });
      expectStatus(copy, 201, 'a redacted copy to publish');
      const res = await board()
        .post('/publications/statements')
        .send({
          caseId,
          language: 'en',
          title: 'Statement with a redacted copy',
          position: 'Our position.',
          sections: [],
          fileIds: [copy.body.id as string],
        });
      expectStatus(res, 201, 'publish a statement with a redacted copy');
      copyUrl = res.body.attachments[0].url as string;
    }
    return copyUrl;
  };

  const PLANNERS: Record<string, Planner> = {
    'GET /health': async () => ({ method: 'GET', path: '/health' }),

    'POST /auth/sign-in': async () => ({
      method: 'POST',
      path: '/auth/sign-in',
      body: { email: signer.email, password: TEST_PASSWORD },
    }),
    // Second factors: a throwaway user of the caller's kind each time (a confirmed factor is for good).
    'POST /auth/sign-in/second-factor': async () => {
      const owner = await createUser(t, 'auditor', 'two-step');
      const { recoveryCodes } = await enrolSecondFactor(owner.agent);
      const first = await t
        .as('anonymous')
        .post('/auth/sign-in')
        .send({ email: owner.email, password: TEST_PASSWORD });
      expectStatus(first, 401, 'sign-in step one');
      return {
        method: 'POST',
        path: '/auth/sign-in/second-factor',
        body: { challenge: first.body.challenge, recoveryCode: recoveryCodes[0] },
      };
    },
    'POST /auth/second-factor': async (cell) => ({
      method: 'POST',
      path: '/auth/second-factor',
      agent:
        cell.caller === 'anonymous'
          ? cell.agent
          : (await createUser(t, roleOf(cell.caller), `enrol-${cell.caller}`)).agent,
    }),
    'POST /auth/second-factor/confirm': async (cell) => {
      if (cell.caller === 'anonymous')
        return { method: 'POST', path: '/auth/second-factor/confirm', body: { code: '123456' } };
      const owner = await createUser(t, roleOf(cell.caller), `confirm-${cell.caller}`);
      const { secret } = await enrolSecondFactor(owner.agent, false);
      return {
        method: 'POST',
        path: '/auth/second-factor/confirm',
        body: { code: await totpCode(secret) },
        agent: owner.agent,
      };
    },
    'POST /auth/second-factor/recovery-codes': async (cell) => {
      if (cell.caller === 'anonymous')
        return {
          method: 'POST',
          path: '/auth/second-factor/recovery-codes',
          body: { code: '123456' },
        };
      const owner = await createUser(t, roleOf(cell.caller), `renew-${cell.caller}`);
      const { secret } = await enrolSecondFactor(owner.agent);
      return {
        method: 'POST',
        path: '/auth/second-factor/recovery-codes',
        body: { code: await totpCode(secret, 1) },
        agent: owner.agent,
      };
    },
    'POST /auth/sign-out': async (cell) => ({
      method: 'POST',
      path: '/auth/sign-out',
      agent: cell.caller === 'anonymous' ? cell.agent : await freshAgent(t, emails[cell.caller]),
    }),
    // A cookie jar of its own: the caller's agent must not come back signed in by the cookie.
    'POST /auth/session': async () => ({
      method: 'POST',
      path: '/auth/session',
      body: { email: signer.email, password: TEST_PASSWORD },
      headers: SAME_ORIGIN,
      agent: request.agent(t.app.getHttpServer()) as unknown as TestAgent,
    }),
    // The web sign-in's second step: a throwaway user with a second factor, a cookie jar of its own.
    'POST /auth/session/second-factor': async () => {
      const owner = await createUser(t, 'auditor', 'web-two-step');
      const { recoveryCodes } = await enrolSecondFactor(owner.agent);
      const jar = request.agent(t.app.getHttpServer()) as unknown as TestAgent;
      const first = await jar
        .post('/auth/session')
        .set(SAME_ORIGIN)
        .send({ email: owner.email, password: TEST_PASSWORD });
      expectStatus(first, 401, 'web sign-in step one');
      return {
        method: 'POST',
        path: '/auth/session/second-factor',
        body: { challenge: first.body.challenge, recoveryCode: recoveryCodes[0] },
        headers: SAME_ORIGIN,
        agent: jar,
      };
    },
    // Revokes every session of the user: a throwaway user of the caller's kind.
    'DELETE /auth/session/all': async (cell) => ({
      method: 'DELETE',
      path: '/auth/session/all',
      agent:
        cell.caller === 'anonymous'
          ? cell.agent
          : (await createUser(t, roleOf(cell.caller), `everywhere-${cell.caller}`)).agent,
    }),
    'DELETE /auth/session': async (cell) => ({
      method: 'DELETE',
      path: '/auth/session',
      agent: cell.caller === 'anonymous' ? cell.agent : await freshAgent(t, emails[cell.caller]),
    }),
    'GET /auth/me': async () => ({ method: 'GET', path: '/auth/me' }),
    'POST /auth/password': async (cell) => ({
      method: 'POST',
      path: '/auth/password',
      body: { currentPassword: TEST_PASSWORD, newPassword: 'another long passphrase 42' },
      // Changing a password revokes every token of the user: a throwaway user of the same kind.
      agent:
        cell.caller === 'anonymous'
          ? cell.agent
          : (await createUser(t, roleOf(cell.caller), `pw-${cell.caller}`)).agent,
    }),
    'GET /auth/tokens': async () => ({ method: 'GET', path: '/auth/tokens' }),
    'POST /auth/tokens': async () => ({
      method: 'POST',
      path: '/auth/tokens',
      body: { name: 'matrix', expiresAt: inThirtyDays() },
    }),
    'DELETE /auth/tokens/:id': async (cell) => {
      if (cell.caller === 'anonymous')
        return { method: 'DELETE', path: `/auth/tokens/${randomUUID()}` };
      const own = await cell.agent
        .post('/auth/tokens')
        .send({ name: 'to revoke', expiresAt: inThirtyDays() });
      expectStatus(own, 201, 'POST /auth/tokens');
      return { method: 'DELETE', path: `/auth/tokens/${own.body.id as string}` };
    },

    'GET /users': async () => ({ method: 'GET', path: '/users' }),
    'GET /users/:id': async () => ({ method: 'GET', path: `/users/${victim.id}` }),
    'POST /users': async () => ({
      method: 'POST',
      path: '/users',
      body: {
        email: `new-${unique()}@test.example`,
        displayName: 'New user',
        role: 'auditor',
        password: TEST_PASSWORD,
      },
    }),
    'PATCH /users/:id': async () => ({
      method: 'PATCH',
      path: `/users/${victim.id}`,
      body: { displayName: `Victim ${unique()}` },
      ifMatch: await etagOf(t.as('admin'), `/users/${victim.id}`),
    }),
    'PUT /users/:id/password': async () => ({
      method: 'PUT',
      path: `/users/${victim.id}/password`,
      body: { password: TEST_PASSWORD },
    }),

    ...directoryPlanners(
      'authorities',
      newAuthority,
      () => ({ name: `Authority ${unique()}`, kind: 'prosecutor', country: 'DE' }),
      { jurisdiction: 'Hessen' },
    ),
    ...directoryPlanners(
      'inventory',
      newInventoryItem,
      () => ({ name: `srv-${unique()}`, kind: 'virtual_server' }),
      { location: 'Düsseldorf' },
    ),
    ...directoryPlanners('units', newUnit, () => ({ name: `Unit ${unique()}`, kind: 'regional' }), {
      notes: 'renamed in the matrix',
    }),

    'GET /audit/events': async () => ({ method: 'GET', path: '/audit/events?limit=5' }),
    'GET /audit/verify': async () => ({ method: 'GET', path: '/audit/verify' }),
    'GET /audit/checkpoints': async () => ({ method: 'GET', path: '/audit/checkpoints?limit=2' }),
    'GET /audit/checkpoints/latest': async () => ({
      method: 'GET',
      path: '/audit/checkpoints/latest',
    }),
    'GET /audit/checkpoints/:size': async () => ({
      method: 'GET',
      path: `/audit/checkpoints/${checkpointSize}`,
    }),
    'GET /audit/consistency': async () => ({
      method: 'GET',
      path: `/audit/consistency?from=${checkpointSize}&to=${checkpointSize}`,
    }),
    'GET /audit/proofs/inclusion': async () => ({
      method: 'GET',
      path: `/audit/proofs/inclusion?seq=1&size=${checkpointSize}`,
    }),
    'GET /audit/public-key': async () => ({ method: 'GET', path: '/audit/public-key' }),

    'GET /cases': async () => ({ method: 'GET', path: '/cases' }),
    'POST /cases': async () => ({ method: 'POST', path: '/cases', body: CASE_BODY }),
    'GET /cases/:id': async (cell) => ({ method: 'GET', path: `/cases/${caseOf(cell)}` }),
    'PATCH /cases/:id': async (cell) => ({
      method: 'PATCH',
      path: `/cases/${caseOf(cell)}`,
      body: { summary: `Changed by ${cell.caller}` },
      ifMatch: await etagOf(board(), `/cases/${caseOf(cell)}`),
    }),
    'POST /cases/:id/status': async (cell) => {
      const current = await board().get(`/cases/${caseOf(cell)}`);
      expectStatus(current, 200, 'GET the case for its status');
      return {
        method: 'POST',
        path: `/cases/${caseOf(cell)}/status`,
        body: { status: NEXT_STATUS[current.body.status as string], note: `by ${cell.caller}` },
        ifMatch: current.headers.etag as string,
      };
    },
    'POST /cases/:id/void': async (cell) => {
      const id = await caseToVoid(cell);
      return {
        method: 'POST',
        path: `/cases/${id}/void`,
        body: { reason: `Logged twice (${cell.caller})` },
      };
    },
    'GET /cases/:caseId/history': async (cell) => ({
      method: 'GET',
      path: `/cases/${caseOf(cell)}/history`,
    }),
    'GET /deadlines': async () => ({ method: 'GET', path: '/deadlines' }),
    'GET /deadline-rules': async () => ({ method: 'GET', path: '/deadline-rules' }),
    'GET /me/reminders': async () => ({ method: 'GET', path: '/me/reminders' }),
    'GET /me/reminder-preferences': async () => ({
      method: 'GET',
      path: '/me/reminder-preferences',
    }),
    'PUT /me/reminder-preferences': async () => ({
      method: 'PUT',
      path: '/me/reminder-preferences',
      body: { mode: 'digest' },
    }),
    'POST /me/calendar-feed': async () => ({ method: 'POST', path: '/me/calendar-feed' }),
    'DELETE /me/calendar-feed': async () => ({ method: 'DELETE', path: '/me/calendar-feed' }),
    'GET /calendar/:file': async () => ({ method: 'GET', path: await calendarFeedPath() }),
    'GET /admin/outbox': async () => ({ method: 'GET', path: '/admin/outbox' }),
    'GET /canary': async () => ({ method: 'GET', path: '/canary' }),
    'POST /canary/renewals': async () => ({ method: 'POST', path: '/canary/renewals' }),
    'GET /public/canary': async () => {
      await ensureCanary();
      return { method: 'GET', path: '/public/canary' };
    },
    'GET /public/canary.txt': async () => {
      await ensureCanary();
      return { method: 'GET', path: '/public/canary.txt' };
    },
    'GET /reports/transparency': async () => ({
      method: 'GET',
      path: '/reports/transparency?year=2020',
    }),
    'GET /reports/transparency/dsa-orders.csv': async () => ({
      method: 'GET',
      path: '/reports/transparency/dsa-orders.csv?year=2020',
    }),
    'GET /cases/:caseId/case-file.pdf': async (cell) => ({
      method: 'GET',
      path: `/cases/${caseOf(cell)}/case-file.pdf`,
    }),

    'POST /publications/statements/preview': async (cell) => ({
      method: 'POST',
      path: '/publications/statements/preview',
      body: statementBody(cell),
    }),
    'GET /publications/statements': async (cell) => ({
      method: 'GET',
      path: `/publications/statements?caseId=${caseOf(cell)}`,
    }),
    'POST /publications/statements': async (cell) => ({
      method: 'POST',
      path: '/publications/statements',
      body: statementBody(cell),
    }),
    // Each call its own one-day period: publishing the same figures twice would be a 409.
    'POST /publications/reports': async () => ({
      method: 'POST',
      path: '/publications/reports',
      body: nextReportPeriod(),
    }),
    'GET /public/publications': async () => ({ method: 'GET', path: '/public/publications' }),
    'GET /public/publications/:id/:format': async () => ({
      method: 'GET',
      path: `/public/publications/${await publishedReport()}/json`,
    }),
    'GET /public/publications/:id/files/:fileId': async () => ({
      method: 'GET',
      path: await publishedCopy(),
    }),
    'GET /public': async () => ({ method: 'GET', path: '/public' }),

    'GET /cases/:caseId/members': async (cell) => ({
      method: 'GET',
      path: `/cases/${caseOf(cell)}/members`,
    }),
    'GET /cases/:caseId/members/candidates': async (cell) => ({
      method: 'GET',
      path: `/cases/${caseOf(cell)}/members/candidates`,
    }),
    'POST /cases/:caseId/members': async (cell) => {
      await ensureNotMember(caseOf(cell), extra.id);
      return { method: 'POST', path: `/cases/${caseOf(cell)}/members`, body: { userId: extra.id } };
    },
    'DELETE /cases/:caseId/members/:userId': async (cell) => {
      await ensureMember(caseOf(cell), extra.id);
      return { method: 'DELETE', path: `/cases/${caseOf(cell)}/members/${extra.id}` };
    },

    ...Object.fromEntries(PART_PATHS.flatMap((p) => Object.entries(partPlanners(p)))),

    // Files: real multipart requests. Reads use a file that is not privileged (auditors see it too).
    'GET /cases/:caseId/files': async (cell) => ({
      method: 'GET',
      path: `/cases/${caseOf(cell)}/files`,
    }),
    'GET /cases/:caseId/files/:fileId': async (cell) => ({
      method: 'GET',
      path: `/cases/${caseOf(cell)}/files/${await sharedFile(caseOf(cell))}`,
    }),
    'GET /cases/:caseId/files/:fileId/content': async (cell) => ({
      method: 'GET',
      path: `/cases/${caseOf(cell)}/files/${await sharedFile(caseOf(cell))}/content`,
    }),
    // A privileged file, so that the lawyers' way in is in the table as well.
    'POST /cases/:caseId/files': async (cell) => ({
      method: 'POST',
      path: `/cases/${caseOf(cell)}/files?kind=order&privileged=true`,
      file: textFile(`added by ${cell.caller}`),
    }),
    // A new version of the shared file (not privileged): the board only.
    'POST /cases/:caseId/files/:fileId/versions': async (cell) => ({
      method: 'POST',
      path: `/cases/${caseOf(cell)}/files/${await sharedFile(caseOf(cell))}/versions`,
      file: textFile(`corrected by ${cell.caller}`),
    }),
    'POST /cases/:caseId/files/:fileId/redacted-copies': async (cell) => ({
      method: 'POST',
      path: `/cases/${caseOf(cell)}/files/${await imageFile(caseOf(cell))}/redacted-copies`,
      body: { rectangles: [{ page: 1, x: 0, y: 0, width: 10, height: 10 }] },
    }),
    // A page of the image shown for redaction: the same access as downloading it.
    'GET /cases/:caseId/files/:fileId/pages/:page': async (cell) => ({
      method: 'GET',
      path: `/cases/${caseOf(cell)}/files/${await imageFile(caseOf(cell))}/pages/1`,
    }),
    'GET /cases/:caseId/bundle': async (cell) => ({
      method: 'GET',
      path: `/cases/${caseOf(cell)}/bundle`,
    }),
    'POST /cases/:id/preservation-extension': async (cell) => ({
      method: 'POST',
      path: `/cases/${await preservationCase(cell)}/preservation-extension`,
      body: {
        extendedAt: '2026-07-20T09:00:00Z',
        reason: `Extended by the authority (${cell.caller})`,
      },
    }),
  };

  function directoryPlanners(
    path: 'authorities' | 'inventory' | 'units',
    create: () => Promise<{ id: string }>,
    body: () => Record<string, unknown>,
    change: Record<string, unknown>,
  ): Record<string, Planner> {
    let shared: string | undefined;
    const existing = async () => (shared ??= (await create()).id);
    return {
      [`GET /${path}`]: async () => ({ method: 'GET', path: `/${path}` }),
      [`GET /${path}/:id`]: async () => ({ method: 'GET', path: `/${path}/${await existing()}` }),
      [`POST /${path}`]: async () => ({ method: 'POST', path: `/${path}`, body: body() }),
      [`PATCH /${path}/:id`]: async () => {
        const id = await existing();
        return {
          method: 'PATCH',
          path: `/${path}/${id}`,
          body: change,
          ifMatch: await etagOf(board(), `/${path}/${id}`),
        };
      },
      [`DELETE /${path}/:id`]: async (cell) => {
        const id = succeeds(cell) ? (await create()).id : await existing();
        return {
          method: 'DELETE',
          path: `/${path}/${id}`,
          ifMatch: await etagOf(board(), `/${path}/${id}`),
        };
      },
    };
  }

  function partPlanners(part: PartPath): Record<string, Planner> {
    const base = `/cases/:caseId/${part}`;
    const url = (cell: Cell, id?: string) => `/cases/${caseOf(cell)}/${part}${id ? `/${id}` : ''}`;
    /** Who writes this kind of part in the fixtures (and is a member of both cases). */
    const writer = () => (part === 'legal-notes' ? counsel.agent : board());
    /** A part of its own for a call that deletes it. */
    const fresh = async (cell: Cell) => {
      const id = await createPart(
        writer(),
        caseOf(cell),
        part,
        await partBody(part, dir, { activeGag: cell.kase === restricted }),
      );
      await keepOpen(cell)();
      return id;
    };
    return {
      [`GET ${base}`]: async (cell) => ({ method: 'GET', path: url(cell) }),
      [`GET ${base}/:id`]: async (cell) => ({
        method: 'GET',
        path: url(cell, cell.kase.parts[part]),
      }),
      [`POST ${base}`]: async (cell) => ({
        method: 'POST',
        path: url(cell),
        body: await partBody(part, dir, { activeGag: cell.kase === restricted }),
        after: keepOpen(cell),
      }),
      [`PATCH ${base}/:id`]: async (cell) => ({
        method: 'PATCH',
        path: url(cell, cell.kase.parts[part]),
        body: PART_CHANGES[part],
        ifMatch: await etagOf(board(), url(cell, cell.kase.parts[part])),
      }),
      [`DELETE ${base}/:id`]: async (cell) => {
        const id = succeeds(cell) ? await fresh(cell) : cell.kase.parts[part];
        return {
          method: 'DELETE',
          path: url(cell, id),
          ifMatch: await etagOf(board(), url(cell, id)),
        };
      },
    };
  }

  async function send(agent: TestAgent, call: Call): Promise<{ status: number; body: unknown }> {
    const test =
      call.method === 'GET'
        ? agent.get(call.path)
        : call.method === 'POST'
          ? agent.post(call.path)
          : call.method === 'PATCH'
            ? agent.patch(call.path)
            : call.method === 'PUT'
              ? agent.put(call.path)
              : agent.delete(call.path);
    if (call.ifMatch) void test.set('If-Match', call.ifMatch);
    for (const [name, value] of Object.entries(call.headers ?? {})) void test.set(name, value);
    const res = call.file
      ? await test.attach('file', call.file.content, call.file.name)
      : call.body === undefined
        ? await test
        : await test.send(call.body as object);
    return { status: res.status, body: res.body as unknown };
  }

  // ---- The tests ----

  it('has exactly one table line for every route the application serves', () => {
    const served = servedRoutes(t);
    expect(served.length).toBeGreaterThan(80);
    const missingFromTable = served.filter((r) => !(r in TABLE));
    const notServed = Object.keys(TABLE).filter((r) => !served.includes(r));
    const withoutPlanner = Object.keys(TABLE).filter((r) => !(r in PLANNERS));
    expect({ missingFromTable, notServed, withoutPlanner }).toEqual({
      missingFromTable: [],
      notServed: [],
      withoutPlanner: [],
    });
  });

  it.each(Object.keys(TABLE))('%s', async (route) => {
    const plan = PLANNERS[route];
    if (!plan) throw new Error(`no planner for ${route}: say in the test how to call it`);
    const actual = {} as Expected;
    const details: string[] = [];
    for (const caller of CALLERS) {
      const expected = TABLE[route][caller];
      const cell: Cell = {
        caller,
        agent: agents[caller],
        kase: caller === 'member' || caller === 'nonMember' ? restricted : open,
        expected,
      };
      let call: Call;
      try {
        call = await plan(cell);
      } catch (error) {
        // A fixture broken by an earlier wrong answer (say, a delete that should have been refused).
        actual[caller] = -1;
        details.push(`${caller}: could not prepare the call: ${(error as Error).message}`);
        continue;
      }
      const res = await send(call.agent ?? cell.agent, call);
      actual[caller] = res.status;
      if (res.status !== expected) {
        details.push(
          `${caller}: ${call.method} ${call.path} -> ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`,
        );
      }
      await call.after?.();
    }
    // On a mismatch, the row and what each wrong cell answered.
    expect({ route, statuses: actual, ...(details.length ? { details } : {}) }).toEqual({
      route,
      statuses: TABLE[route],
    });
  });

  it('leaves the fixtures as they were meant to be: the open case open, the restricted one restricted', async () => {
    const rows = await t.sql<{ id: string; restricted: boolean }>(
      'SELECT id, restricted FROM cases WHERE id = ANY($1::uuid[])',
      [[open.id, restricted.id]],
    );
    expect(Object.fromEntries(rows.map((r) => [r.id, r.restricted]))).toEqual({
      [open.id]: false,
      [restricted.id]: true,
    });
  });
});
