import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Clock } from '../../src/common/clock.js';
import { ReminderWorker } from '../../src/reminders/reminder-worker.js';
import { fixtures } from '../support/fixtures.js';
import { startSmtpSink } from '../support/smtp-sink.js';
import { startTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';

/**
 * Reminders: written by the scan in the transaction that claims a deadline's stage, mailed from
 * the outbox by the worker; the clock is moved by hand, nothing sleeps.
 */
describe('reminders and the outbox', () => {
  let t: TestApp;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let now = new Date('2026-03-01T08:00:00Z');
  const run = () => t.app.get(ReminderWorker).runOnce();
  const at = (iso: string | Date) => {
    now = new Date(iso);
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({
      env: {
        SMTP_URL: sink.url,
        REPORT_TIME_ZONE: 'Europe/Berlin',
        REMINDER_INTERVAL_SECONDS: '0',
        REMINDER_DIGEST_HOUR: '7',
        APP_URL: 'https://cases.example.org',
      },
    });
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(now));
    const lawyer = await t.as('lawyer').put('/me/reminder-preferences').send({ mode: 'immediate' });
    expect(lawyer.status).toBe(200);
    expect(lawyer.body).toMatchObject({ mode: 'immediate', mailEnabled: true });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('reminds before the due time and when overdue: at once for "immediate", in the daily digest for the others', async () => {
    const c = await fixtures(t.http).case({
      requestType: 'e_evidence_production_order',
      receivedAt: '2026-03-02T09:00:00Z',
      reference: 'EPOC-2026-1',
    });
    // Due 12 March 23:59 Berlin = 22:59Z. Two days before: 10 March 22:59Z.
    at('2026-03-10T23:30:00Z');
    const first = await run();
    expect(first.reminded).toBeGreaterThanOrEqual(1);
    const lawyerMails = () =>
      sink.to('lawyer@test.example').filter((m) => m.subject.includes('EPOC-2026-1'));
    expect(lawyerMails()).toHaveLength(1);
    expect(lawyerMails()[0].subject).toBe('Frist fällig / Deadline due: EPOC-2026-1');
    expect(lawyerMails()[0].text).toContain('Production order (EPOC): produce within 10 days');
    expect(lawyerMails()[0].text).toContain(`https://cases.example.org/cases/${c.id}`);
    // The board (digest) has it in the app, not yet by mail; the auditor is not told at all.
    expect(sink.to('board@test.example')).toHaveLength(0);
    const boardList = await t.http.get('/me/reminders');
    expect(boardList.body.items).toEqual([
      expect.objectContaining({
        caseId: c.id,
        delivery: 'digest',
        leadMinutes: 2880,
        overdue: false,
        mailStatus: null,
      }),
    ]);
    expect((await t.as('auditor').get('/me/reminders')).body.items).toEqual([]);

    // Nothing new at the same time.
    await run();
    expect(lawyerMails()).toHaveLength(1);

    at('2026-03-13T00:30:00Z');
    await run();
    expect(lawyerMails()).toHaveLength(2);
    expect(lawyerMails()[1].subject).toBe('Frist überschritten / Deadline overdue: EPOC-2026-1');

    // The digest hour (07:00 Berlin = 06:00Z) of 13 March: one mail listing both.
    at('2026-03-13T06:01:00Z');
    const digest = await run();
    expect(digest.digests).toBe(1);
    const board = sink.to('board@test.example');
    expect(board).toHaveLength(1);
    expect(board[0].subject).toBe('Fristen / Deadlines: 2');
    expect(board[0].text.match(/EPOC-2026-1/g)?.length).toBe(4);
    await run();
    expect(sink.to('board@test.example')).toHaveLength(1);
    const listed = await t.http.get('/me/reminders');
    expect(listed.body.items.every((r: { mailStatus: string }) => r.mailStatus === 'sent')).toBe(
      true,
    );
  });

  it('mails emergencies at once even to digest readers, and keeps restricted case content out of the mail', async () => {
    at('2026-04-01T08:00:00Z');
    const before = sink.to('board@test.example').length;
    const c = await fixtures(t.http).case({
      requestType: 'e_evidence_production_order',
      emergency: true,
      restricted: true,
      reference: 'SECRET-REF-77',
      title: 'Seizure at Geheim GmbH',
      summary: 'Nothing of this may leave the house',
      receivedAt: '2026-04-01T07:00:00Z',
    });
    // Due 15:00Z; reminders 4 h and 1 h before.
    at('2026-04-01T11:30:00Z');
    await run();
    const mails = sink.to('board@test.example').slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Frist fällig / Deadline due');
    for (const secret of [
      'SECRET-REF-77',
      'Geheim',
      'Nothing of this',
      'EPOC',
      'emergency',
      'Production',
    ]) {
      expect(mails[0].raw).not.toContain(secret);
      expect(mails[0].text).not.toContain(secret);
    }
    expect(mails[0].text).toContain(`https://cases.example.org/cases/${c.id}`);
    // Not a member: the lawyer hears nothing of the restricted case.
    expect(sink.to('lawyer@test.example').some((m) => m.text.includes(c.id))).toBe(false);
  });

  it('retries with backoff after the SMTP server refuses, and shows admins why', async () => {
    at('2026-05-01T08:00:00Z');
    await fixtures(t.http).case({
      requestType: 'e_evidence_production_order',
      emergency: true,
      reference: 'RETRY-1',
      receivedAt: '2026-05-01T07:00:00Z',
    });
    sink.state.refuse = true;
    at('2026-05-01T11:30:00Z');
    const failed = await run();
    expect(failed.failed).toBeGreaterThanOrEqual(1);
    const outbox = await t.as('admin').get('/admin/outbox?status=pending');
    expect(outbox.status).toBe(200);
    const mail = outbox.body.items.find((m: { subject: string }) => m.subject.includes('RETRY-1'));
    expect(mail).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: expect.stringContaining('451'),
    });
    expect(new Date(mail.nextAttemptAt).getTime()).toBe(now.getTime() + 60_000);
    expect((await t.as('board').get('/admin/outbox')).status).toBe(403);

    sink.state.refuse = false;
    await run(); // backoff not over: nothing sent
    expect(sink.mails.some((m) => m.subject.includes('RETRY-1'))).toBe(false);
    at(new Date(now.getTime() + 2 * 60_000));
    await run();
    expect(sink.mails.filter((m) => m.subject.includes('RETRY-1')).length).toBeGreaterThanOrEqual(
      1,
    );
    const sent = await t.as('admin').get('/admin/outbox?status=sent');
    expect(sent.body.items.find((m: { id: string }) => m.id === mail.id)).toMatchObject({
      attempts: 2,
      lastError: null,
    });
  });

  it('with mail off, keeps reminders in the app and says so', async () => {
    const off = await startTestApp({ env: { REMINDER_INTERVAL_SECONDS: '0' } });
    try {
      const clock = off.app.get(Clock);
      jest.spyOn(clock, 'now').mockImplementation(() => new Date('2026-06-01T06:30:00Z'));
      await fixtures(off.http).case({
        requestType: 'e_evidence_production_order',
        emergency: true,
        receivedAt: '2026-06-01T01:00:00Z',
      });
      await off.app.get(ReminderWorker).runOnce();
      const prefs = await off.http.get('/me/reminder-preferences');
      expect(prefs.body.mailEnabled).toBe(false);
      const list = await off.http.get('/me/reminders');
      expect(list.body.items).toEqual([
        expect.objectContaining({ delivery: 'mail_off', emergency: true }),
      ]);
      expect((await off.as('admin').get('/admin/outbox')).body).toEqual({
        mailEnabled: false,
        items: [],
      });
    } finally {
      await off.close();
    }
  });

  (testDatabaseUrl() ? it : it.skip)(
    'never sends a mail twice when two instances run at once',
    async () => {
      const second = await startTestApp({
        shareDatabaseWith: t,
        env: {
          SMTP_URL: sink.url,
          REPORT_TIME_ZONE: 'Europe/Berlin',
          REMINDER_INTERVAL_SECONDS: '0',
        },
      });
      try {
        jest.spyOn(second.app.get(Clock), 'now').mockImplementation(() => new Date(now));
        at('2026-07-01T08:00:00Z');
        const f = fixtures(t.http);
        for (let i = 0; i < 30; i++)
          await f.case({
            requestType: 'e_evidence_production_order',
            emergency: true,
            reference: `TWICE-${i}`,
            receivedAt: '2026-07-01T07:00:00Z',
          });
        at('2026-07-01T11:30:00Z');
        const before = sink.mails.length;
        const [a, b] = await Promise.all([run(), second.app.get(ReminderWorker).runOnce()]);
        expect(a.reminded + b.reminded).toBeGreaterThanOrEqual(30);
        // Each of the 30 deadlines reminded once (board and lawyer each get one mail per deadline).
        const [{ stages }] = await t.sql<{ stages: number }>(
          `SELECT count(*)::int AS stages FROM deadline_reminders r JOIN deadlines d ON d.id = r.deadline_id
             JOIN cases c ON c.id = d.case_id WHERE c.reference LIKE 'TWICE-%'`,
        );
        expect(stages).toBe(30);
        const mails = sink.mails.slice(before).filter((m) => m.subject.includes('TWICE-'));
        const keys = mails.map((m) => `${m.to.join()}|${m.subject}`);
        expect(new Set(keys).size).toBe(keys.length);
        expect(mails).toHaveLength(60);
      } finally {
        await second.close();
      }
    },
  );
});
