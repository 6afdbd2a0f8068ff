import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ical from 'node-ical';
import { fixtures } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The calendar feed behind a secret URL: parsed back with node-ical, revocable. */
describe('calendar feed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: { REMINDER_INTERVAL_SECONDS: '0', APP_URL: 'https://cases.example.org' },
    });
  });
  afterAll(() => t?.close());

  const pathOf = (url: string) => new URL(url).pathname;

  it('lists every deadline the user may see, restricted ones without case content, and stops when revoked', async () => {
    const f = fixtures(t.http);
    const open = await f.case({
      reference: 'CAL-OPEN-1',
      requestType: 'e_evidence_production_order',
      receivedAt: '2026-03-02T09:00:00Z',
    });
    const hidden = await f.case({
      reference: 'CAL-HIDDEN-1',
      title: 'Secret matter',
      restricted: true,
      requestType: 'e_evidence_preservation_order',
      receivedAt: '2026-03-02T09:00:00Z',
    });
    const handMade = await t.http
      .post(`/cases/${open.id}/deadlines`)
      .send({ kind: 'complaint', dueAt: '2026-03-20T10:00:00Z' });
    expect(handMade.status).toBe(201);

    const created = await t.http.post('/me/calendar-feed');
    expect(created.status).toBe(201);
    expect(created.body.url).toMatch(
      /^https:\/\/cases\.example\.org\/calendar\/[A-Za-z0-9_-]{43}\.ics$/,
    );
    expect((await t.http.get('/me/reminder-preferences')).body.calendarFeed.active).toBe(true);

    const feed = await t.as('anonymous').get(pathOf(created.body.url));
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    const events = Object.values(ical.sync.parseICS(feed.text)).filter(
      (e) => e?.type === 'VEVENT',
    ) as ical.VEvent[];
    const byUid = new Map(events.map((e) => [e.uid, e]));
    expect(byUid.get(handMade.body.id)?.start.toISOString()).toBe('2026-03-20T10:00:00.000Z');
    const epoc = events.find((e) => String(e.summary).startsWith('CAL-OPEN-1: Production order'));
    // Ten days end at 23:59 in the organisation's zone (Europe/Berlin by default): 22:59 UTC in March.
    expect(epoc?.start.toISOString()).toBe('2026-03-12T22:59:00.000Z');
    const secret = events.filter((e) => JSON.stringify(e).includes(hidden.id));
    expect(secret).toHaveLength(1);
    expect(secret[0].summary).toBe('Frist / Deadline');
    expect(feed.text).not.toContain('CAL-HIDDEN-1');
    expect(feed.text).not.toContain('Secret matter');

    // Asked again, unchanged: the same feed (served as rendered). A deadline added since is in it.
    expect((await t.as('anonymous').get(pathOf(created.body.url))).text).toBe(feed.text);
    const added = await t.http
      .post(`/cases/${open.id}/deadlines`)
      .send({ kind: 'complaint', dueAt: '2026-03-25T10:00:00Z' });
    expect(added.status).toBe(201);
    const again = await t.as('anonymous').get(pathOf(created.body.url));
    expect(again.text).toContain(`UID:${added.body.id}`);
    expect(feed.text).not.toContain(added.body.id);

    // The lawyer is no member of the hidden case: it is not in their feed.
    const lawyerFeed = await t.as('lawyer').post('/me/calendar-feed');
    const lawyerText = (await t.as('anonymous').get(pathOf(lawyerFeed.body.url))).text;
    expect(lawyerText).toContain(handMade.body.id);
    expect(lawyerText).not.toContain(hidden.id);

    // A new URL replaces the old one; revoking ends both.
    const replaced = await t.http.post('/me/calendar-feed');
    expect((await t.as('anonymous').get(pathOf(created.body.url))).status).toBe(404);
    expect((await t.as('anonymous').get(pathOf(replaced.body.url))).status).toBe(200);
    expect((await t.http.delete('/me/calendar-feed')).status).toBe(204);
    expect((await t.as('anonymous').get(pathOf(replaced.body.url))).status).toBe(404);
    expect((await t.http.get('/me/reminder-preferences')).body.calendarFeed.active).toBe(false);
    const audit = await t.sql<{ action: string }>(
      `SELECT action FROM audit_events WHERE entity_type = 'calendar_feed' AND entity_id = $1 ORDER BY occurred_at, id`,
      [t.userIds.board],
    );
    expect(audit.map((a) => a.action)).toEqual(['token_created', 'token_created', 'token_revoked']);
  });

  it('answers 404 for a made-up feed URL', async () => {
    expect((await t.as('anonymous').get('/calendar/not-a-token.ics')).status).toBe(404);
    expect((await t.as('anonymous').get(`/calendar/${'A'.repeat(43)}.ics`)).status).toBe(404);
  });
});
