import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The people the board can pick from when it gives someone access to a restricted case. */
describe('candidates for case membership', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  const restrictedCase = async () =>
    (
      await t.http
        .post('/cases')
        .send({
          title: 'Vertraulich',
          requestType: 'server_seizure',
          receivedAt: '2021-03-01T08:00:00+01:00',
          restricted: true,
        })
        .expect(201)
    ).body.id as string;

  it('offers active non-admin users who are not members yet', async () => {
    const id = await restrictedCase();
    const disabled = await t.as('admin').post('/users').send({
      email: 'gone@test.example',
      displayName: 'Gone',
      role: 'lawyer',
      password: 'correct horse battery staple',
    });
    await t.update(`/users/${disabled.body.id as string}`, { disabled: true }, t.as('admin'));
    const before = await t.http.get(`/cases/${id}/members/candidates`).expect(200);
    const emails = (before.body.items as { email: string }[]).map((u) => u.email);
    expect(emails).toEqual(['auditor@test.example', 'lawyer@test.example']);

    await t.http.post(`/cases/${id}/members`).send({ userId: t.userIds.lawyer }).expect(201);
    const after = await t.http.get(`/cases/${id}/members/candidates`).expect(200);
    expect((after.body.items as { email: string }[]).map((u) => u.email)).toEqual([
      'auditor@test.example',
    ]);
  });

  it('answers "not found" to a non-member and is refused to roles that do not manage members', async () => {
    const id = await restrictedCase();
    await t.as('lawyer').get(`/cases/${id}/members/candidates`).expect(403);
    await t.as('admin').get(`/cases/${id}/members/candidates`).expect(403);
    await t.as('auditor').get(`/cases/${id}/members/candidates`).expect(403);
    await t.as('admin').post('/users').send({
      email: 'other-board@test.example',
      displayName: 'Other board member',
      role: 'board',
      password: 'correct horse battery staple',
    });
    const { token } = (
      await t
        .as('anonymous')
        .post('/auth/sign-in')
        .send({ email: 'other-board@test.example', password: 'correct horse battery staple' })
        .expect(200)
    ).body;
    const hidden = await t
      .as('anonymous')
      .get(`/cases/${id}/members/candidates`)
      .set('authorization', `Bearer ${token as string}`)
      .expect(404);
    expect(JSON.stringify(hidden.body)).not.toContain('Vertraulich');
  });
});
