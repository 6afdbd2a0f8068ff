import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fixtures } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface DeadlineBody {
  id: string;
  kind: string;
  dueAt: string;
  doneAt: string | null;
  rule: string | null;
  ruleKey: string | null;
  ruleDueAt: string | null;
  overrideReason: string | null;
}

/**
 * Legal clocks: the deadlines the facts of a case create (legal-clock-rules.ts), counted in the
 * organisation's time zone (Europe/Berlin here) with German public holidays, recomputed in the
 * transaction that changes a fact, audited, and overridable only with a reason.
 */
describe('legal clocks', () => {
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;
  beforeAll(async () => {
    t = await startTestApp({
      env: {
        REPORT_TIME_ZONE: 'Europe/Berlin',
        HOLIDAY_REGION: 'DE-BE',
        INTERNAL_DEADLINE_RULES: 'internal_statement,internal_board_informed',
        REMINDER_INTERVAL_SECONDS: '0',
      },
    });
    f = fixtures(t.http);
  });
  afterAll(() => t?.close());

  const deadlines = async (caseId: string) => {
    const res = await t.http.get(`/cases/${caseId}/deadlines`);
    expect(res.status).toBe(200);
    return res.body.items as DeadlineBody[];
  };
  const byRule = async (caseId: string) =>
    Object.fromEntries((await deadlines(caseId)).filter((d) => d.rule).map((d) => [d.rule, d]));

  it('gives an EPOC production order 10 days, ending at 23:59 Berlin time on the 10th day', async () => {
    const c = await f.case({
      requestType: 'e_evidence_production_order',
      receivedAt: '2026-03-02T09:00:00Z',
    });
    const rules = await byRule(c.id);
    expect(rules.epoc_production).toMatchObject({
      kind: 'production',
      dueAt: '2026-03-12T22:59:00.000Z', // CET (+01:00)
      ruleDueAt: '2026-03-12T22:59:00.000Z',
      overrideReason: null,
    });
    expect(rules.epoc_emergency).toBeUndefined();
  });

  it('gives an emergency EPOC 8 hours, and recomputes (audited) when the emergency flag changes', async () => {
    const c = await f.case({
      requestType: 'e_evidence_production_order',
      emergency: true,
      receivedAt: '2026-03-02T09:00:00Z',
    });
    expect((await byRule(c.id)).epoc_emergency).toMatchObject({
      kind: 'emergency_production',
      dueAt: '2026-03-02T17:00:00.000Z',
    });
    const res = await t.update(`/cases/${c.id}`, { emergency: false });
    expect(res.status).toBe(200);
    const after = await byRule(c.id);
    expect(after.epoc_emergency).toBeUndefined();
    expect(after.epoc_production.dueAt).toBe('2026-03-12T22:59:00.000Z');
    const audit = await t.sql<{ action: string; changes: Record<string, { after?: unknown }> }>(
      `SELECT action, changes FROM audit_events WHERE case_id = $1 AND entity_type = 'deadline' ORDER BY occurred_at, id`,
      [c.id],
    );
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['create', 'delete', 'create']),
    );
    expect(audit.some((a) => a.changes?.rule?.after === 'epoc_production')).toBe(true);
  });

  it('gives an EPOC-PR 60 days and a European Investigation Order 30 and 120 days', async () => {
    const pr = await f.case({
      requestType: 'e_evidence_preservation_order',
      receivedAt: '2026-06-01T10:00:00Z',
    });
    expect((await byRule(pr.id)).epoc_pr_preservation).toMatchObject({
      kind: 'preservation_expiry',
      dueAt: '2026-07-31T21:59:00.000Z', // CEST (+02:00)
    });
    const eio = await f.case({
      requestType: 'european_investigation_order',
      receivedAt: '2026-06-01T10:00:00Z',
    });
    const rules = await byRule(eio.id);
    expect(rules.eio_recognition.dueAt).toBe('2026-07-01T21:59:00.000Z');
    expect(rules.eio_execution.dueAt).toBe('2026-09-29T21:59:00.000Z');
  });

  it("creates the organisation's internal deadlines, and no statement deadline for a restricted case", async () => {
    const open = await f.case({ receivedAt: '2026-03-02T09:00:00Z' });
    const rules = await byRule(open.id);
    expect(rules.internal_board_informed.dueAt).toBe('2026-03-02T10:00:00.000Z');
    expect(rules.internal_statement.dueAt).toBe('2026-03-03T09:00:00.000Z');
    const hidden = await f.case({ receivedAt: '2026-03-02T09:00:00Z', restricted: true });
    const hiddenRules = await byRule(hidden.id);
    expect(hiddenRules.internal_board_informed).toBeDefined();
    expect(hiddenRules.internal_statement).toBeUndefined();
  });

  it('follows a gag order: review date and end, moved when changed, then user notification in working days over Easter', async () => {
    const c = await f.case({ receivedAt: '2026-03-02T09:00:00Z' });
    const gag = await t.http.post(`/cases/${c.id}/gag-orders`).send({
      legalBasis: 'StPO §95a',
      binding: 'yes',
      reviewAt: '2026-03-20T09:00:00Z',
      until: '2026-06-30T22:00:00Z',
    });
    expect(gag.status).toBe(201);
    let rules = await byRule(c.id);
    expect(rules.gag_review).toMatchObject({
      kind: 'gag_review',
      dueAt: '2026-03-20T09:00:00.000Z',
      ruleKey: gag.body.id,
    });
    expect(rules.gag_end.dueAt).toBe('2026-06-30T22:00:00.000Z');
    // The statement deadline went when the gag restricted the case.
    expect(rules.internal_statement).toBeUndefined();

    const moved = await t.update(`/cases/${c.id}/gag-orders/${gag.body.id}`, {
      reviewAt: '2026-03-25T09:00:00Z',
    });
    expect(moved.status).toBe(200);
    rules = await byRule(c.id);
    expect(rules.gag_review.dueAt).toBe('2026-03-25T09:00:00.000Z');
    const [update] = await t.sql<{ changes: Record<string, { before: string; after: string }> }>(
      `SELECT changes FROM audit_events WHERE entity_id = $1 AND action = 'update' ORDER BY occurred_at DESC LIMIT 1`,
      [rules.gag_review.id],
    );
    expect(update.changes.dueAt).toEqual({
      before: '2026-03-20T09:00:00.000Z',
      after: '2026-03-25T09:00:00.000Z',
    });

    // Lifted on Wednesday 1 April 2026: Good Friday (3 April) and Easter Monday (6 April) are not
    // working days, so the 5th working day is Friday 10 April, not Wednesday 8 April.
    const lifted = await t.update(`/cases/${c.id}/gag-orders/${gag.body.id}`, {
      liftedAt: '2026-04-01T10:00:00Z',
    });
    expect(lifted.status).toBe(200);
    rules = await byRule(c.id);
    expect(rules.gag_review).toBeUndefined();
    expect(rules.gag_end).toBeUndefined();
    expect(rules.user_notification).toMatchObject({
      dueAt: '2026-04-10T21:59:00.000Z',
      doneAt: null,
    });

    const notified = await t.update(`/cases/${c.id}`, { userNotifiedAt: '2026-04-09T08:00:00Z' });
    expect(notified.status).toBe(200);
    expect((await byRule(c.id)).user_notification.doneAt).toBe('2026-04-09T08:00:00.000Z');
  });

  it('counts working days per German state: Corpus Christi is a holiday in Bavaria, not in Berlin', async () => {
    // Wednesday 3 June 2026; Corpus Christi (Thursday 4 June) is a holiday in Bavaria, not in Berlin.
    const berlin = await startTestApp({
      env: {
        REPORT_TIME_ZONE: 'Europe/Berlin',
        HOLIDAY_REGION: 'DE-BE',
        REMINDER_INTERVAL_SECONDS: '0',
      },
    });
    const bavaria = await startTestApp({
      env: {
        REPORT_TIME_ZONE: 'Europe/Berlin',
        HOLIDAY_REGION: 'DE-BY',
        REMINDER_INTERVAL_SECONDS: '0',
      },
    });
    try {
      const due = async (app: TestApp) => {
        const c = await fixtures(app.http).case({ receivedAt: '2026-05-01T09:00:00Z' });
        const gag = await app.http.post(`/cases/${c.id}/gag-orders`).send({
          legalBasis: 'StPO §95a',
          binding: 'yes',
          liftedAt: '2026-06-03T10:00:00Z',
        });
        expect(gag.status).toBe(201);
        const items = (await app.http.get(`/cases/${c.id}/deadlines`)).body.items as DeadlineBody[];
        return items.find((d) => d.rule === 'user_notification')!.dueAt;
      };
      expect(await due(berlin)).toBe('2026-06-10T21:59:00.000Z');
      expect(await due(bavaria)).toBe('2026-06-11T21:59:00.000Z');
    } finally {
      await berlin.close();
      await bavaria.close();
    }
  });

  it('creates an embargo end deadline and moves it with the embargo', async () => {
    const c = await f.case({
      receivedAt: '2026-03-02T09:00:00Z',
      embargoUntil: '2026-05-01T08:00:00Z',
    });
    expect((await byRule(c.id)).embargo_end.dueAt).toBe('2026-05-01T08:00:00.000Z');
    await t.update(`/cases/${c.id}`, { embargoUntil: '2026-05-15T08:00:00Z' });
    expect((await byRule(c.id)).embargo_end.dueAt).toBe('2026-05-15T08:00:00.000Z');
    await t.update(`/cases/${c.id}`, { embargoUntil: null });
    expect((await byRule(c.id)).embargo_end).toBeUndefined();
  });

  it('lets a rule-made deadline be moved only with a reason, and keeps the override when the facts change', async () => {
    const c = await f.case({
      requestType: 'e_evidence_preservation_order',
      receivedAt: '2026-06-01T10:00:00Z',
    });
    const d = (await byRule(c.id)).epoc_pr_preservation;
    const path = `/cases/${c.id}/deadlines/${d.id}`;
    const refused = await t.update(path, { dueAt: '2026-08-30T21:59:00Z' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'overrideReason' })]);
    const extended = await t.update(path, {
      dueAt: '2026-08-30T21:59:00Z',
      overrideReason: 'Extended by 30 days by the issuing authority (Art. 11(1))',
    });
    expect(extended.status).toBe(200);
    expect(extended.body).toMatchObject({
      dueAt: '2026-08-30T21:59:00.000Z',
      ruleDueAt: '2026-07-31T21:59:00.000Z',
    });
    await t.update(`/cases/${c.id}`, { receivedAt: '2026-06-02T10:00:00Z' });
    const after = (await byRule(c.id)).epoc_pr_preservation;
    expect(after).toMatchObject({
      dueAt: '2026-08-30T21:59:00.000Z',
      ruleDueAt: '2026-08-01T21:59:00.000Z',
    });
    const handMade = await t.http
      .post(`/cases/${c.id}/deadlines`)
      .send({ kind: 'complaint', dueAt: '2026-07-01T10:00:00Z' });
    expect(handMade.status).toBe(201);
    expect(handMade.body).toMatchObject({ rule: null, ruleDueAt: null, overrideReason: null });
  });

  it('lists the rules in force with their labels and legal sources', async () => {
    const res = await t.as('lawyer').get('/deadline-rules');
    expect(res.status).toBe(200);
    const epoc = res.body.items.find((r: { id: string }) => r.id === 'epoc_production');
    expect(epoc).toMatchObject({
      source: 'Regulation (EU) 2023/1543, Art. 10(2)',
      period: { unit: 'days', amount: 10 },
      label: { de: expect.stringContaining('10 Tagen'), en: expect.stringContaining('10 days') },
    });
    expect(res.body.items.map((r: { id: string }) => r.id)).toContain('internal_board_informed');
  });
});
