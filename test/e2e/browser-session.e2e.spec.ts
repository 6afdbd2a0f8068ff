import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { ensureWebBuilt } from '../../src/web/web-build.js';
import { TEST_PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';

/** The web app's browser session (src/auth/browser-session.ts) and how the app itself is served. */
describe('browser sessions and the web app', () => {
  let t: TestApp;
  const SITE = { host: 'tracker.test', origin: 'http://tracker.test' };
  const SAME_ORIGIN = { ...SITE, 'x-csrf-protection': '1' };

  beforeAll(async () => {
    ensureWebBuilt({ quiet: true });
    t = await startTestApp();
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  const server = () => t.app.getHttpServer();

  async function cookieSession(email = 'board@test.example') {
    const res = await request(server())
      .post('/auth/session')
      .set(SAME_ORIGIN)
      .send({ email, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const cookie = setCookie.find((c) => c.startsWith('sct_session='));
    return { res, setCookie: cookie!, cookie: cookie!.split(';')[0]! };
  }

  it('signs in with an HttpOnly, SameSite=Strict cookie and never shows the token to the page', async () => {
    const { res, setCookie, cookie } = await cookieSession();
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Strict/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/; Secure/); // plain HTTP here; under TLS the cookie is Secure
    expect(JSON.stringify(res.body)).not.toContain(cookie.split('=')[1]);
    expect(res.body).toEqual({
      expiresAt: expect.any(String),
      idleTimeoutSeconds: 1800,
      user: expect.objectContaining({ email: 'board@test.example', role: 'board' }),
    });
    const me = await request(server()).get('/auth/me').set('cookie', cookie);
    expect(me.status).toBe(200);
    expect(me.body.email).toBe('board@test.example');
  });

  it('refuses a sign-in that does not come from our own page (login CSRF)', async () => {
    const body = { email: 'board@test.example', password: TEST_PASSWORD };
    expect((await request(server()).post('/auth/session').set(SITE).send(body)).status).toBe(403);
    expect(
      (
        await request(server())
          .post('/auth/session')
          .set({ ...SAME_ORIGIN, origin: 'https://evil.example' })
          .send(body)
      ).status,
    ).toBe(403);
    const none = await request(server())
      .post('/auth/session')
      .set({ host: 'tracker.test', 'x-csrf-protection': '1' })
      .send(body);
    expect(none.status).toBe(403);
    expect(none.headers['set-cookie']).toBeUndefined();
  });

  it('accepts a change made with the cookie only with the custom header and our Origin', async () => {
    const { cookie } = await cookieSession();
    const authority = { name: `Amtsgericht ${Date.now()}`, kind: 'court', country: 'DE' };
    const post = (headers: Record<string, string>) =>
      request(server()).post('/authorities').set('cookie', cookie).set(headers).send(authority);
    const noHeader = await post(SITE);
    expect(noHeader.status).toBe(403);
    expect(noHeader.body.type).toBe('urn:problem-type:forbidden');
    expect((await post({ ...SAME_ORIGIN, origin: 'https://evil.example' })).status).toBe(403);
    expect((await post({ host: 'tracker.test', 'x-csrf-protection': '1' })).status).toBe(403);
    const [before] = await t.sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM authorities WHERE name = $1',
      [authority.name],
    );
    expect(before!.n).toBe(0);
    expect((await post(SAME_ORIGIN)).status).toBe(201);
    // Reading needs no proof: a GET changes nothing.
    expect((await request(server()).get('/authorities').set('cookie', cookie)).status).toBe(200);
  });

  it('keeps bearer tokens working without any of this', async () => {
    const res = await t.http
      .post('/authorities')
      .send({ name: `Landgericht ${Date.now()}`, kind: 'court', country: 'DE' });
    expect(res.status).toBe(201);
  });

  it('ends a session after 30 minutes without a request', async () => {
    const { cookie } = await cookieSession();
    expect((await request(server()).get('/auth/me').set('cookie', cookie)).status).toBe(200);
    const idle = await cookieSession();
    await t.sql(
      `UPDATE access_tokens SET last_used_at = now() - interval '31 minutes', created_at = now() - interval '31 minutes'
        WHERE id = (SELECT id FROM access_tokens ORDER BY created_at DESC LIMIT 1)`,
    );
    const res = await request(server()).get('/auth/me').set('cookie', idle.cookie);
    expect(res.status).toBe(401);
    expect(res.body.detail).toMatch(/without activity/);
  });

  it('signs out: the token is revoked and the cookie cleared', async () => {
    const { cookie } = await cookieSession();
    const out = await request(server())
      .delete('/auth/session')
      .set('cookie', cookie)
      .set(SAME_ORIGIN);
    expect(out.status).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/sct_session=;.*Expires=Thu, 01 Jan 1970/);
    expect((await request(server()).get('/auth/me').set('cookie', cookie)).status).toBe(401);
    // Without the header the sign-out itself is refused (a cross-site page cannot end a session either).
    const other = await cookieSession();
    expect(
      (await request(server()).delete('/auth/session').set('cookie', other.cookie).set(SITE))
        .status,
    ).toBe(403);
  });

  it('serves the app under /app/ with a strict script policy, without shadowing the API', async () => {
    expect((await request(server()).get('/')).headers.location).toBe('/app/');
    for (const path of ['/app/', '/app/cases/7a3c2a5e-3f0b-4a47-9a63-3c1c5f2e0c11', '/app/audit']) {
      const page = await request(server()).get(path);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.headers['cache-control']).toBe('no-cache');
      const csp = page.headers['content-security-policy'] as string;
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    }
    const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(
      (await request(server()).get('/app/')).text,
    )![1]!;
    const asset = await request(server()).get(script);
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await request(server()).get('/app/assets/missing-0000.js')).status).toBe(404);
    const api = await request(server()).get('/cases');
    expect(api.status).toBe(401);
    expect(api.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
