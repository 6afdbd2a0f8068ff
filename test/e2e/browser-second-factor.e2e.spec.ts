import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { generate } from 'otplib';
import { SYSTEM_ACTOR } from '../../src/access/actor.js';
import { Clock } from '../../src/common/clock.js';
import { UsersService } from '../../src/users/users.service.js';
import { checkedAgent, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

/** The web app's sign-in with a second factor, and signing out of every session at once. */
describe('browser sessions with a second factor', () => {
  let t: TestApp;
  let n = 0;
  let offsetMs = 0;
  const SAME_ORIGIN = {
    host: 'tracker.test',
    origin: 'http://tracker.test',
    'x-csrf-protection': '1',
  };
  const agent = () => checkedAgent(t.app);

  beforeAll(async () => {
    t = await startTestApp();
    const clock = t.app.get(Clock);
    const real = clock.now.bind(clock);
    jest.spyOn(clock, 'now').mockImplementation(() => new Date(real().getTime() + offsetMs));
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  const newUser = async () => {
    const email = `web2fa${++n}@example.org`;
    const user = await t.app.get(UsersService).create(SYSTEM_ACTOR, {
      email,
      displayName: `Web User ${n}`,
      role: 'lawyer',
      password: TEST_PASSWORD,
    });
    return { id: user.id, email };
  };
  const codeFor = (secret: string) =>
    generate({ secret, epoch: Math.floor(t.app.get(Clock).now().getTime() / 1000) });
  const cookieOf = (res: { headers: Record<string, unknown> }) =>
    ([] as string[])
      .concat((res.headers['set-cookie'] as string[] | undefined) ?? [])
      .find((c) => c.startsWith('sct_session='))
      ?.split(';')[0];
  const cookieSignIn = (email: string) =>
    agent().post('/auth/session').set(SAME_ORIGIN).send({ email, password: TEST_PASSWORD });

  /** Signs in with the cookie and enrols a second factor; returns its secret. */
  const enrolled = async (email: string) => {
    const cookie = cookieOf(await cookieSignIn(email).expect(200))!;
    const started = await agent()
      .post('/auth/second-factor')
      .set(SAME_ORIGIN)
      .set('cookie', cookie)
      .expect(201);
    await agent()
      .post('/auth/second-factor/confirm')
      .set(SAME_ORIGIN)
      .set('cookie', cookie)
      .send({ code: await codeFor(started.body.secret) })
      .expect(200);
    offsetMs += 30_000; // the next code belongs to a later time step
    return started.body.secret as string;
  };

  it('asks for the second factor and sets the cookie only after a right code', async () => {
    const user = await newUser();
    const secret = await enrolled(user.email);

    const first = await cookieSignIn(user.email).expect(401);
    expect(first.body.type).toBe('urn:problem-type:second-factor-required');
    expect(first.body.challenge).toEqual(expect.any(String));
    expect(cookieOf(first)).toBeUndefined();

    const wrong = await agent()
      .post('/auth/session/second-factor')
      .set(SAME_ORIGIN)
      .send({ challenge: first.body.challenge, code: '000000' })
      .expect(401);
    expect(cookieOf(wrong)).toBeUndefined();

    const crossSite = await agent()
      .post('/auth/session/second-factor')
      .set({ ...SAME_ORIGIN, origin: 'https://evil.example' })
      .send({ challenge: first.body.challenge, code: await codeFor(secret) })
      .expect(403);
    expect(cookieOf(crossSite)).toBeUndefined();

    const done = await agent()
      .post('/auth/session/second-factor')
      .set(SAME_ORIGIN)
      .send({ challenge: first.body.challenge, code: await codeFor(secret) })
      .expect(200);
    expect(done.body.user.email).toBe(user.email);
    expect(JSON.stringify(done.body)).not.toContain('sct_');
    const cookie = cookieOf(done)!;
    const me = await agent().get('/auth/me').set('cookie', cookie).expect(200);
    expect(me.body.secondFactor.enrolled).toBe(true);
  });

  it('refuses a second step with both or neither of code and recovery code', async () => {
    const neither = await agent()
      .post('/auth/session/second-factor')
      .set(SAME_ORIGIN)
      .send({ challenge: 'sct_unknown' })
      .expect(400);
    expect(neither.body.errors[0].field).toBe('code');
  });

  it('shows admins which users have a second factor', async () => {
    const user = await newUser();
    await enrolled(user.email);
    const other = await newUser();
    const list = await t.as('admin').get('/users').expect(200);
    const byEmail = new Map(
      (list.body.items as { email: string; secondFactorEnrolled: boolean }[]).map((u) => [
        u.email,
        u.secondFactorEnrolled,
      ]),
    );
    expect(byEmail.get(user.email)).toBe(true);
    expect(byEmail.get(other.email)).toBe(false);
  });

  it('signs out of every session at once but leaves API tokens working', async () => {
    const user = await newUser();
    const phone = cookieOf(await cookieSignIn(user.email).expect(200))!;
    const laptop = cookieOf(await cookieSignIn(user.email).expect(200))!;
    const token = await agent()
      .post('/auth/tokens')
      .set(SAME_ORIGIN)
      .set('cookie', laptop)
      .send({ name: 'script', expiresAt: new Date(Date.now() + 86_400_000).toISOString() })
      .expect(201);

    const refused = await agent().delete('/auth/session/all').set('cookie', laptop).expect(403);
    expect(refused.body.type).toBe('urn:problem-type:forbidden');
    await agent().get('/auth/me').set('cookie', phone).expect(200);

    const out = await agent()
      .delete('/auth/session/all')
      .set(SAME_ORIGIN)
      .set('cookie', laptop)
      .expect(200);
    expect(out.body.revoked).toBe(2);
    expect(([] as string[]).concat(out.headers['set-cookie'] ?? []).join()).toMatch(
      /sct_session=;/,
    );
    await agent().get('/auth/me').set('cookie', phone).expect(401);
    await agent().get('/auth/me').set('cookie', laptop).expect(401);
    await agent().get('/auth/me').set('authorization', `Bearer ${token.body.token}`).expect(200);
    const audited = await t.sql<{ details: { everywhere: boolean; sessionsRevoked: number } }>(
      `SELECT details FROM audit_events WHERE action = 'sign_out' AND entity_id = $1`,
      [user.id],
    );
    expect(audited.map((a) => a.details)).toEqual([
      expect.objectContaining({ everywhere: true, sessionsRevoked: 2 }),
    ]);
  });
});
