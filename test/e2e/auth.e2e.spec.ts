import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { UsersService } from '../../src/users/users.service.js';
import { checkedAgent, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { SYSTEM_ACTOR } from '../../src/access/actor.js';

describe('accounts, sign-in and tokens', () => {
  let t: TestApp;
  let n = 0;
  const newUser = async (role: 'board' | 'lawyer' = 'lawyer') => {
    const email = `user${++n}@example.org`;
    const user = await t.app
      .get(UsersService)
      .create(SYSTEM_ACTOR, { email, displayName: `User ${n}`, role, password: TEST_PASSWORD });
    return { id: user.id, email, displayName: `User ${n}` };
  };
  const signIn = (email: string, password = TEST_PASSWORD, address?: string) => {
    const req = checkedAgent(t.app).post('/auth/sign-in');
    if (address) void req.set('x-forwarded-for', address);
    return req.send({ email, password });
  };
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('signs in, answers /auth/me, and never returns the password hash', async () => {
    const user = await newUser();
    const res = await signIn(user.email.toUpperCase()).expect(200);
    expect(res.body.token).toMatch(/^sct_/);
    expect(res.body.user).toEqual({
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: 'lawyer',
    });
    const me = await t.http.get('/auth/me').set(bearer(res.body.token)).expect(200);
    expect(me.body.email).toBe(user.email);
    const listed = await t.as('admin').get(`/users/${user.id}`).expect(200);
    expect(JSON.stringify(listed.body)).not.toMatch(/argon2|passwordHash/);
  });

  it('refuses wrong passwords and unknown accounts alike, and records both', async () => {
    const user = await newUser();
    const wrong = await signIn(user.email, 'not the password at all').expect(401);
    const unknown = await signIn('nobody@example.org').expect(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    const rows = await t.sql<{ details: { email: string; reason: string } }>(
      `SELECT details FROM audit_events WHERE action = 'sign_in_failed' AND details->>'email' IN ($1, 'nobody@example.org')`,
      [user.email],
    );
    expect(rows.map((r) => r.details.reason).sort()).toEqual(['unknown_account', 'wrong_password']);
  });

  it('rate-limits failed sign-ins per account, with Retry-After', async () => {
    const user = await newUser();
    for (let i = 0; i < 5; i++) await signIn(user.email, 'wrong password!!').expect(401);
    const limited = await signIn(user.email).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.type).toBe('urn:problem-type:too-many-requests');
  });

  it('revokes a token on sign-out with immediate effect', async () => {
    const user = await newUser();
    const { token } = (await signIn(user.email).expect(200)).body;
    await t.http.get('/auth/me').set(bearer(token)).expect(200);
    await t.http.post('/auth/sign-out').set(bearer(token)).expect(204);
    const after = await t.http.get('/auth/me').set(bearer(token)).expect(401);
    expect(after.headers['www-authenticate']).toBe('Bearer');
  });

  it('revokes every token when the password changes', async () => {
    const user = await newUser();
    const a = (await signIn(user.email).expect(200)).body.token;
    const b = (await signIn(user.email).expect(200)).body.token;
    await t.http
      .post('/auth/password')
      .set(bearer(a))
      .send({ currentPassword: 'wrong', newPassword: 'a new long password' })
      .expect(400);
    await t.http
      .post('/auth/password')
      .set(bearer(a))
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'short' })
      .expect(400);
    await t.http
      .post('/auth/password')
      .set(bearer(a))
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'a new long password' })
      .expect(204);
    await t.http.get('/auth/me').set(bearer(a)).expect(401);
    await t.http.get('/auth/me').set(bearer(b)).expect(401);
    await signIn(user.email).expect(401);
    await signIn(user.email, 'a new long password').expect(200);
  });

  it('shuts a disabled user out at once, tokens included', async () => {
    const user = await newUser('board');
    const { token } = (await signIn(user.email).expect(200)).body;
    await t.http.get('/cases').set(bearer(token)).expect(200);
    const res = await t.update(`/users/${user.id}`, { disabled: true }, t.as('admin'));
    expect(res.status).toBe(200);
    expect(res.body.disabledAt).not.toBeNull();
    await t.http.get('/cases').set(bearer(token)).expect(401);
    await signIn(user.email).expect(401);
  });

  it('issues personal API tokens with an expiry, lists them without the secret, and revokes them', async () => {
    const expiresAt = new Date(Date.now() + 7 * 24 * 3600_000).toISOString();
    const created = await t
      .as('auditor')
      .post('/auth/tokens')
      .send({ name: 'report script', expiresAt })
      .expect(201);
    expect(created.body.token).toMatch(/^sct_/);
    await t.http.get('/cases').set(bearer(created.body.token)).expect(200);
    const list = await t.as('auditor').get('/auth/tokens').expect(200);
    expect(list.body.items[0]).toMatchObject({
      id: created.body.id,
      name: 'report script',
      revokedAt: null,
    });
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    const stored = await t.sql<{ n: number }>(
      `SELECT count(*) AS n FROM access_tokens WHERE token_hash::text LIKE '%' || $1 || '%'`,
      [created.body.token],
    );
    expect(stored[0].n).toBe(0);
    await t.as('lawyer').delete(`/auth/tokens/${created.body.id}`).expect(404);
    await t.as('auditor').delete(`/auth/tokens/${created.body.id}`).expect(204);
    await t.http.get('/cases').set(bearer(created.body.token)).expect(401);
    await t
      .as('auditor')
      .post('/auth/tokens')
      .send({ name: 'forever', expiresAt: '2999-01-01T00:00:00Z' })
      .expect(400);
  });

  it('answers 401 to missing, malformed and unknown tokens, and 403 to the wrong role', async () => {
    await t.as('anonymous').get('/cases').expect(401);
    await t.as('anonymous').get('/cases').set('Authorization', 'Basic abc').expect(401);
    await t
      .as('anonymous')
      .get('/cases')
      .set('Authorization', `Bearer sct_${'x'.repeat(43)}`)
      .expect(401);
    const forbidden = await t.as('admin').get('/cases').expect(403);
    expect(forbidden.body.type).toBe('urn:problem-type:forbidden');
    await t
      .as('auditor')
      .post('/cases')
      .send({ title: 'x', requestType: 'other', receivedAt: '2020-01-01T00:00:00Z' })
      .expect(403);
    await t.as('anonymous').get('/health').expect(200);
  });

  it('lets only admins manage users, and refuses duplicate e-mail addresses', async () => {
    const body = {
      email: 'new.lawyer@example.org',
      displayName: 'New Lawyer',
      role: 'lawyer',
      password: TEST_PASSWORD,
    };
    await t.as('board').post('/users').send(body).expect(403);
    const created = await t.as('admin').post('/users').send(body).expect(201);
    expect(created.body).toMatchObject({
      email: 'new.lawyer@example.org',
      role: 'lawyer',
      disabledAt: null,
    });
    expect(created.body).not.toHaveProperty('passwordHash');
    await t
      .as('admin')
      .post('/users')
      .send({ ...body, email: 'NEW.lawyer@example.org' })
      .expect(409);
    await t
      .as('admin')
      .put(`/users/${created.body.id}/password`)
      .send({ password: 'another long password' })
      .expect(204);
    await signIn('new.lawyer@example.org', 'another long password').expect(200);
  });

  it('sends security headers and no CORS permission by default', async () => {
    const res = await t
      .as('anonymous')
      .get('/health')
      .set('Origin', 'https://evil.example')
      .expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
