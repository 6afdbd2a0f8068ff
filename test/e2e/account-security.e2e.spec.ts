import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { generate } from 'otplib';
import request from 'supertest';
import { SYSTEM_ACTOR } from '../../src/access/actor.js';
import { AuthService } from '../../src/auth/auth.service.js';
import { SignInThrottle } from '../../src/auth/sign-in-throttle.js';
import { AuditService } from '../../src/audit/audit.service.js';
import { Clock } from '../../src/common/clock.js';
import { UsersService } from '../../src/users/users.service.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

/** The test client connects from the loopback address: its X-Forwarded-For is believed. */
const TRUST_TEST_CLIENT = '127.0.0.1,::1,::ffff:127.0.0.1';

/**
 * Lock-outs, throttle state shared by instances, aggregated audit of failed sign-ins, second
 * factors, admin resets and the last admin. The app trusts X-Forwarded-For from the test client
 * (TRUST_PROXY=127.0.0.1), so each test can speak from addresses of its own.
 */
describe('account security', () => {
  let t: TestApp;
  let n = 0;
  let offsetMs = 0;
  let address = 0;
  /** A fresh client address (TEST-NET-3) for each caller that must not share a throttle. */
  const newAddress = () => `203.0.113.${++address}`;
  const newUser = async (role: 'admin' | 'board' | 'lawyer' | 'auditor' = 'lawyer') => {
    const email = `sec${++n}@example.org`;
    const user = await t.app.get(UsersService).create(SYSTEM_ACTOR, {
      email,
      displayName: `Security User ${n}`,
      role,
      password: TEST_PASSWORD,
    });
    return { id: user.id, email };
  };
  const signIn = (email: string, password: string, from: string) =>
    request(t.app.getHttpServer())
      .post('/auth/sign-in')
      .set('x-forwarded-for', from)
      .send({ email, password });
  const secondStep = (body: Record<string, unknown>, from: string) =>
    request(t.app.getHttpServer())
      .post('/auth/sign-in/second-factor')
      .set('x-forwarded-for', from)
      .send(body);
  const as = (token: string, from = '198.51.100.1') => ({
    get: (path: string) =>
      request(t.app.getHttpServer())
        .get(path)
        .set('authorization', `Bearer ${token}`)
        .set('x-forwarded-for', from),
    post: (path: string, body: object = {}) =>
      request(t.app.getHttpServer())
        .post(path)
        .set('authorization', `Bearer ${token}`)
        .set('x-forwarded-for', from)
        .send(body),
  });
  /** The authenticator app: the code for the service's current time. */
  const codeFor = (secret: string) =>
    generate({ secret, epoch: Math.floor(t.app.get(Clock).now().getTime() / 1000) });
  const later = (ms: number) => {
    offsetMs += ms;
  };
  /** Enrols a second factor for the session `token`; returns the secret and recovery codes. */
  const enrol = async (token: string) => {
    const started = await as(token).post('/auth/second-factor').expect(201);
    expect(started.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    const confirmed = await as(token)
      .post('/auth/second-factor/confirm', { code: await codeFor(started.body.secret) })
      .expect(200);
    later(30_000); // the next sign-in needs a code of a later time step
    return {
      secret: started.body.secret as string,
      recoveryCodes: confirmed.body.recoveryCodes as string[],
    };
  };

  beforeAll(async () => {
    t = await startTestApp({
      env: { TRUST_PROXY: TRUST_TEST_CLIENT, SECOND_FACTOR_REQUIRED_ROLES: 'admin' },
    });
    const clock = t.app.get(Clock);
    const real = clock.now.bind(clock);
    jest.spyOn(clock, 'now').mockImplementation(() => new Date(real().getTime() + offsetMs));
  });
  afterAll(() => t.close());

  describe('lock-out', () => {
    it('does not lock an account for its owner elsewhere when someone else fails five times', async () => {
      const user = await newUser();
      const attacker = newAddress();
      for (let i = 0; i < 5; i++)
        await signIn(user.email, 'not the password!', attacker).expect(401);
      const limited = await signIn(user.email, TEST_PASSWORD, attacker).expect(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      await signIn(user.email, TEST_PASSWORD, newAddress()).expect(200);
    });

    it('makes each further failure of one account from one address wait longer', async () => {
      const user = await newUser();
      const from = newAddress();
      const waits: number[] = [];
      for (let i = 0; i < 4; i++) await signIn(user.email, 'not the password!', from).expect(401);
      for (let i = 0; i < 3; i++) {
        await signIn(user.email, 'not the password!', from).expect(401);
        const refused = await signIn(user.email, 'not the password!', from).expect(429);
        waits.push(Number(refused.headers['retry-after']));
        later(waits[i] * 1000 + 1000);
      }
      expect(waits[1]).toBeGreaterThan(waits[0]);
      expect(waits[2]).toBeGreaterThan(waits[1]);
      // After the wait, the right password works and the pair starts afresh.
      await signIn(user.email, TEST_PASSWORD, from).expect(200);
      await signIn(user.email, 'not the password!', from).expect(401);
    });

    it('limits failures for unknown accounts per address, without locking accounts that signed in there before', async () => {
      const regular = await newUser();
      const newcomer = await newUser();
      const office = newAddress();
      await signIn(regular.email, TEST_PASSWORD, office).expect(200);
      for (let i = 0; i < 20; i++)
        await signIn(`nobody${i}@example.org`, 'whatever it is', office).expect(401);
      const refused = await signIn('nobody-else@example.org', 'whatever it is', office).expect(429);
      // Same answer for an existing account that never signed in here: no hint which accounts exist.
      const newcomerRefused = await signIn(newcomer.email, TEST_PASSWORD, office).expect(429);
      expect(newcomerRefused.body.type).toBe(refused.body.type);
      await signIn(regular.email, TEST_PASSWORD, office).expect(200);
      await signIn(newcomer.email, TEST_PASSWORD, newAddress()).expect(200);
    });

    it('keeps five wrong passwords from locking the account for its right password from the same place once it waited', async () => {
      const user = await newUser();
      const from = newAddress();
      for (let i = 0; i < 5; i++) await signIn(user.email, 'not the password!', from).expect(401);
      await signIn(user.email, TEST_PASSWORD, from).expect(429);
      later(16_000);
      await signIn(user.email, TEST_PASSWORD, from).expect(200);
    });
  });

  describe('failed sign-ins in the audit trail', () => {
    const rowsFrom = (from: string) =>
      t.sql<{ action: string; details: Record<string, unknown> }>(
        `SELECT action, details FROM audit_events
          WHERE action IN ('sign_in_failed', 'sign_in_failures_summarised')
            AND (client_address = $1 OR details->>'address' = $1) ORDER BY occurred_at, id`,
        [from],
      );

    it('audits the first failure of a window on its own and the rest in one summary, losing no attempt', async () => {
      const user = await newUser();
      const from = newAddress();
      const attempts = 60;
      const statuses: number[] = [];
      for (let i = 0; i < attempts; i++)
        statuses.push((await signIn(user.email, `wrong password ${i}`, from)).status);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
      const during = await rowsFrom(from);
      expect(during).toHaveLength(1);
      expect(during[0].details).toMatchObject({ email: user.email, reason: 'wrong_password' });
      later(16 * 60_000);
      await t.app.get(SignInThrottle).sweep();
      const after = await rowsFrom(from);
      expect(after).toHaveLength(2);
      expect(after[1].action).toBe('sign_in_failures_summarised');
      expect(after[1].details).toMatchObject({ email: user.email, address: from });
      expect(1 + Number(after[1].details.failures) + Number(after[1].details.refused)).toBe(
        attempts,
      );
    });

    it('summarises a spray of unknown accounts from one address per address window', async () => {
      const from = newAddress();
      for (let i = 0; i < 50; i++) await signIn(`spray${i}@example.org`, 'whatever it is', from);
      later(16 * 60_000);
      await t.app.get(SignInThrottle).sweep();
      const rows = await rowsFrom(from);
      // One per distinct account until the address limit, one refusal, one summary of the refusals.
      expect(rows.length).toBeLessThanOrEqual(22);
      const summary = rows.find(
        (r) => r.action === 'sign_in_failures_summarised' && !r.details.email,
      );
      expect(summary?.details.refused).toBe(50 - 21);
    });
  });

  describe('second factor', () => {
    it('enrols with a first code, then signs in in two steps and refuses a replayed code', async () => {
      const user = await newUser();
      const from = newAddress();
      const { token } = (await signIn(user.email, TEST_PASSWORD, from).expect(200)).body;
      const started = await as(token).post('/auth/second-factor').expect(201);
      const wrong = await as(token)
        .post('/auth/second-factor/confirm', { code: '000000' })
        .expect(400);
      expect(wrong.body.errors[0].field).toBe('code');
      const confirmed = await as(token)
        .post('/auth/second-factor/confirm', { code: await codeFor(started.body.secret) })
        .expect(200);
      expect(confirmed.body.recoveryCodes).toHaveLength(10);
      await as(token).post('/auth/second-factor').expect(409);
      later(30_000);

      const first = await signIn(user.email, TEST_PASSWORD, from).expect(401);
      expect(first.body.type).toBe('urn:problem-type:second-factor-required');
      expect(first.body.challenge).toMatch(/^sct_/);
      const code = await codeFor(started.body.secret);
      const session = await secondStep({ challenge: first.body.challenge, code }, from).expect(200);
      expect(session.body.requiredActions).toEqual([]);
      await as(session.body.token).get('/auth/me').expect(200);
      await secondStep({ challenge: first.body.challenge, code }, from).expect(401);
      const again = await signIn(user.email, TEST_PASSWORD, from).expect(401);
      const replay = await secondStep({ challenge: again.body.challenge, code }, from).expect(401);
      expect(replay.body.detail).toMatch(/wrong, expired or already used/);
      const audited = await t.sql<{ details: { secondFactor: string } }>(
        `SELECT details FROM audit_events WHERE action = 'sign_in' AND entity_id = $1 ORDER BY occurred_at DESC LIMIT 1`,
        [user.id],
      );
      expect(audited[0].details.secondFactor).toBe('totp');
      const enrolled = await t.sql(
        `SELECT 1 FROM audit_events WHERE action = 'second_factor_enrolled' AND entity_id = $1`,
        [user.id],
      );
      expect(enrolled).toHaveLength(1);
    });

    it('accepts each recovery code once, stores only hashes, and audits the use', async () => {
      const user = await newUser();
      const from = newAddress();
      const { token } = (await signIn(user.email, TEST_PASSWORD, from).expect(200)).body;
      const { recoveryCodes } = await enrol(token);
      const stored = await t.sql<{ code_hash: Buffer }>(
        'SELECT code_hash FROM recovery_codes WHERE user_id = $1',
        [user.id],
      );
      expect(stored).toHaveLength(10);
      expect(JSON.stringify(stored)).not.toContain(recoveryCodes[0].replace(/-/g, ''));
      const challenge = async () =>
        (await signIn(user.email, TEST_PASSWORD, from).expect(401)).body.challenge as string;
      await secondStep(
        { challenge: await challenge(), recoveryCode: recoveryCodes[0].toUpperCase() },
        from,
      ).expect(200);
      await secondStep(
        { challenge: await challenge(), recoveryCode: recoveryCodes[0] },
        from,
      ).expect(401);
      const used = await t.sql<{ details: { remaining: number } }>(
        `SELECT details FROM audit_events WHERE action = 'recovery_code_used' AND entity_id = $1`,
        [user.id],
      );
      expect(used.map((u) => u.details.remaining)).toEqual([9]);
    });

    it('throttles wrong codes like wrong passwords, and a challenge allows five attempts', async () => {
      const user = await newUser();
      const from = newAddress();
      const { token } = (await signIn(user.email, TEST_PASSWORD, from).expect(200)).body;
      const { secret } = await enrol(token);
      const { challenge } = (await signIn(user.email, TEST_PASSWORD, from).expect(401)).body;
      for (let i = 0; i < 5; i++) await secondStep({ challenge, code: '000000' }, from).expect(401);
      // The challenge is used up, even for the right code.
      await secondStep({ challenge, code: await codeFor(secret) }, from).expect(401);
      // Five failures of this account from this address: the pair waits, with either step.
      await signIn(user.email, TEST_PASSWORD, from).expect(429);
      later(16_000);
      const fresh = (await signIn(user.email, TEST_PASSWORD, from).expect(401)).body
        .challenge as string;
      await secondStep({ challenge: fresh, code: '000000' }, from).expect(401);
      await secondStep({ challenge: fresh, code: await codeFor(secret) }, from).expect(429);
      later(31_000);
      await secondStep({ challenge: fresh, code: await codeFor(secret) }, from).expect(200);
    });

    it('refuses a second step without exactly one proof, naming the field', async () => {
      const res = await secondStep({ challenge: 'sct_x' }, newAddress()).expect(400);
      expect(res.body.errors[0].field).toBe('code');
      await secondStep({ challenge: 'sct_x', code: '12345' }, newAddress()).expect(400);
    });

    it('keeps personal API tokens single-factor, with an expiry', async () => {
      const user = await newUser();
      const from = newAddress();
      const { token } = (await signIn(user.email, TEST_PASSWORD, from).expect(200)).body;
      await enrol(token);
      const api = await as(token)
        .post('/auth/tokens', {
          name: 'script',
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        })
        .expect(201);
      await as(api.body.token).get('/cases').expect(200);
    });

    it('restricts a session without the second factor its role requires, once the grace period is over', async () => {
      const admin = await newUser('admin');
      const from = newAddress();
      const inGrace = await signIn(admin.email, TEST_PASSWORD, from).expect(200);
      expect(inGrace.body.requiredActions).toEqual([]);
      const me = await as(inGrace.body.token).get('/auth/me').expect(200);
      expect(me.body.secondFactor).toMatchObject({ enrolled: false, required: true });
      expect(new Date(me.body.secondFactor.dueAt).getTime()).toBeGreaterThan(
        t.app.get(Clock).now().getTime(),
      );
      later(73 * 3600_000);
      const overdue = await signIn(admin.email, TEST_PASSWORD, from).expect(200);
      expect(overdue.body.requiredActions).toEqual(['enrol_second_factor']);
      const refused = await as(overdue.body.token).get('/users').expect(403);
      expect(refused.body.type).toBe('urn:problem-type:account-action-required');
      expect(refused.body.requiredActions).toEqual(['enrol_second_factor']);
      await as(overdue.body.token)
        .post('/auth/tokens', {
          name: 'x',
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        })
        .expect(403);
      await as(overdue.body.token).get('/auth/me').expect(200);
      const elsewhere = (await signIn(admin.email, TEST_PASSWORD, from).expect(200)).body
        .token as string;
      await enrol(overdue.body.token);
      // The same session is a full one once the second factor is in force, and so is another one.
      await as(overdue.body.token).get('/users').expect(200);
      await as(elsewhere).get('/users').expect(200);
      expect((await as(elsewhere).get('/auth/me').expect(200)).body.restrictedSession).toBe(false);
    });
  });

  describe('admins', () => {
    const patch = async (token: string, id: string, body: object) => {
      const current = await as(token).get(`/users/${id}`).expect(200);
      return request(t.app.getHttpServer())
        .patch(`/users/${id}`)
        .set('authorization', `Bearer ${token}`)
        .set('if-match', current.headers.etag as string)
        .send(body);
    };

    it('refuses to demote or disable the last active admin', async () => {
      const admins = await t.sql<{ id: string }>(
        `SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL`,
      );
      const adminToken = await sessionFor(t.userIds.admin);
      // Leave exactly one active admin (the test admin), then try to remove it.
      for (const a of admins.filter((a) => a.id !== t.userIds.admin)) {
        expect((await patch(adminToken, a.id, { disabled: true })).status).toBe(200);
      }
      const demoted = await patch(adminToken, t.userIds.admin, { role: 'board' });
      expect(demoted.status).toBe(409);
      expect(demoted.body.type).toBe('urn:problem-type:last-admin');
      expect((await patch(adminToken, t.userIds.admin, { disabled: true })).status).toBe(409);
      const second = await newUser('admin');
      expect((await patch(adminToken, t.userIds.admin, { role: 'board' })).status).toBe(200);
      expect(
        (await t.sql(`SELECT 1 FROM users WHERE role = 'admin' AND disabled_at IS NULL`)).length,
      ).toBe(1);
      await t.sql(`UPDATE users SET role = 'admin' WHERE id = $1`, [t.userIds.admin]);
      await t.sql(`UPDATE users SET disabled_at = now() WHERE id = $1`, [second.id]);
      t.app.get(AuthService).forgetCheckedTokens();
    });

    it('makes a reset user set a new password and a new second factor first, revokes their sessions, and shows and audits the reset', async () => {
      const user = await newUser('lawyer');
      const from = newAddress();
      const before = (await signIn(user.email, TEST_PASSWORD, from).expect(200)).body
        .token as string;
      await enrol(before);
      const adminToken = await sessionFor(t.userIds.admin);
      await as(adminToken).get(`/users/${user.id}`).expect(200);
      const reset = 'a password the admin chose 2026';
      await request(t.app.getHttpServer())
        .put(`/users/${user.id}/password`)
        .set('authorization', `Bearer ${adminToken}`)
        .send({ password: reset })
        .expect(204);
      await as(before).get('/auth/me').expect(401);
      // The old second factor is gone: the password alone gives a restricted session.
      const session = await signIn(user.email, reset, from).expect(200);
      expect(session.body.requiredActions).toEqual(['change_password', 'enrol_second_factor']);
      const restricted = as(session.body.token);
      await restricted.get('/cases').expect(403);
      const me = await restricted.get('/auth/me').expect(200);
      expect(me.body.restrictedSession).toBe(true);
      expect(me.body.passwordReset).toMatchObject({ by: 'Test admin' });
      expect(me.body.secondFactor).toMatchObject({ enrolled: false, required: true });
      const audited = await t.sql<{ actor_id: string }>(
        `SELECT actor_id FROM audit_events WHERE action = 'password_reset' AND entity_id = $1`,
        [user.id],
      );
      expect(audited).toEqual([{ actor_id: t.userIds.admin }]);
      const same = await restricted
        .post('/auth/password', { currentPassword: reset, newPassword: reset })
        .expect(400);
      expect(same.body.errors[0].field).toBe('newPassword');
      await restricted
        .post('/auth/password', {
          currentPassword: reset,
          newPassword: 'my very own new passphrase',
        })
        .expect(204);
      const next = await signIn(user.email, 'my very own new passphrase', from).expect(200);
      expect(next.body.requiredActions).toEqual(['enrol_second_factor']);
      await as(next.body.token).get('/cases').expect(403);
      await enrol(next.body.token);
      await as(next.body.token).get('/cases').expect(200);
    });

    async function sessionFor(userId: string): Promise<string> {
      return t.app.get(AuthService).issueToolSession(userId, 'test');
    }
  });

  describe('weak passwords', () => {
    it('refuses a weak password on creation, reset and change, naming the field', async () => {
      const adminToken = await t.app.get(AuthService).issueToolSession(t.userIds.admin, 'test');
      for (const password of ['aaaaaaaaaaaa', ' '.repeat(12), 'weak.one@example.org']) {
        const res = await as(adminToken)
          .post('/users', {
            email: 'weak.one@example.org',
            displayName: 'Weak One',
            role: 'lawyer',
            password,
          })
          .expect(400);
        // Twelve spaces are refused as blank before the strength estimator is asked.
        expect(res.body.errors[0]).toMatchObject({
          field: 'password',
          message: expect.stringMatching(/too easy to guess|must not be blank/),
        });
      }
      const user = await newUser();
      const reset = await request(t.app.getHttpServer())
        .put(`/users/${user.id}/password`)
        .set('authorization', `Bearer ${adminToken}`)
        .send({ password: 'aaaaaaaaaaaa' })
        .expect(400);
      expect(reset.body.errors[0].field).toBe('password');
      const { token } = (await signIn(user.email, TEST_PASSWORD, newAddress()).expect(200)).body;
      const change = await as(token)
        .post('/auth/password', { currentPassword: TEST_PASSWORD, newPassword: user.email })
        .expect(400);
      expect(change.body.errors[0]).toMatchObject({
        field: 'newPassword',
        message: expect.stringMatching(/too easy to guess/),
        code: 'password_too_weak',
      });
      // The rules a client words itself carry a code; the message stays.
      const same = await as(token)
        .post('/auth/password', { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD })
        .expect(400);
      expect(same.body.errors[0]).toMatchObject({
        field: 'newPassword',
        code: 'password_unchanged',
      });
    });
  });

  describe('token cache', () => {
    it('does not keep a revoked token usable because a request cached it while the revocation was committing', async () => {
      if (t.database !== 'postgres') return; // needs two connections; PGlite runs transactions one at a time
      const user = await newUser();
      const { token } = (await signIn(user.email, TEST_PASSWORD, newAddress()).expect(200)).body;
      await as(token).get('/auth/me').expect(200); // checked and cached
      const auth = t.app.get(AuthService);
      const audit = t.app.get(AuditService);
      const record = audit.record.bind(audit);
      let seenDuringRevocation: unknown = 'not checked';
      jest.spyOn(audit, 'record').mockImplementation(async (m, entry) => {
        // A concurrent request while the sign-out is written but not yet committed.
        if (entry.action === 'sign_out')
          seenDuringRevocation = (await auth.authenticate(`Bearer ${token}`))?.userId;
        return record(m, entry);
      });
      await as(token).post('/auth/sign-out').expect(204);
      expect(seenDuringRevocation).toBe(user.id);
      await as(token).get('/auth/me').expect(401);
    });
  });
});

describe('two service instances on one database', () => {
  let first: TestApp;
  let second: TestApp | undefined;
  beforeAll(async () => {
    first = await startTestApp({ env: { TRUST_PROXY: TRUST_TEST_CLIENT } });
    if (first.database === 'postgres') {
      second = await startTestApp({
        shareDatabaseWith: first,
        env: { TRUST_PROXY: TRUST_TEST_CLIENT },
      });
    }
  });
  afterAll(async () => {
    await second?.close();
    await first.close();
  });

  it('enforce one sign-in limit', async () => {
    if (!second) return; // the embedded database belongs to one process
    const email = 'shared@example.org';
    await first.app.get(UsersService).create(SYSTEM_ACTOR, {
      email,
      displayName: 'Shared',
      role: 'lawyer',
      password: TEST_PASSWORD,
    });
    const attempt = (app: TestApp, password: string) =>
      request(app.app.getHttpServer())
        .post('/auth/sign-in')
        .set('x-forwarded-for', '192.0.2.50')
        .send({ email, password });
    for (const app of [first, second, first, second, first])
      await attempt(app, 'not the password!').expect(401);
    await attempt(second, TEST_PASSWORD).expect(429);
    await attempt(first, TEST_PASSWORD).expect(429);
  });
});

describe('access log', () => {
  let t: TestApp;
  const lines: string[] = [];
  beforeAll(async () => {
    t = await startTestApp({ env: { ACCESS_LOG: 'on', LOG_FORMAT: 'json' } });
    const write = process.stdout.write.bind(process.stdout);
    jest.spyOn(process.stdout, 'write').mockImplementation(((
      chunk: string | Uint8Array,
      ...rest: never[]
    ) => {
      lines.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof process.stdout.write);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  it('writes one JSON line per request with the route pattern, status, duration, request id and user, never a secret', async () => {
    const kase = await t.http
      .post('/cases')
      .send({ title: 'Logged', requestType: 'other', receivedAt: '2020-01-01T00:00:00Z' })
      .expect(201);
    lines.length = 0;
    await t.http
      .get(`/cases/${kase.body.id}?token=sct_secret`)
      .set('x-request-id', 'log-test-1')
      .expect(200);
    await t
      .as('anonymous')
      .post('/auth/sign-in')
      .send({ email: 'board@test.example', password: 'the wrong password' })
      .expect(401);
    const entries = lines
      .filter((l) => l.trimStart().startsWith('{'))
      .map((l) => JSON.parse(l) as { context: string; message: Record<string, unknown> })
      .filter((e) => e.context === 'Access');
    expect(entries).toHaveLength(2);
    expect(entries[0].message).toMatchObject({
      method: 'GET',
      route: '/cases/:id',
      status: 200,
      requestId: 'log-test-1',
      userId: t.userIds.board,
    });
    expect(typeof entries[0].message.durationMs).toBe('number');
    expect(entries[1].message).toMatchObject({
      method: 'POST',
      route: '/auth/sign-in',
      status: 401,
      userId: null,
    });
    const all = lines.join('');
    expect(all).not.toContain('sct_');
    expect(all).not.toContain('the wrong password');
  });
});
