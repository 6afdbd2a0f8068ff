import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fixtures } from '../support/fixtures.js';
import { binary, pdfText, squeeze } from '../support/pdf.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A preservation order (EPOC-PR, Regulation (EU) 2023/1543 Art. 11(1)) ends after 60 days unless
 * the issuing authority extends it, once, by 30: an explicit action, audited, that moves the
 * legal clock. And gag orders and deadlines carry the precision of their times.
 */
describe('preservation order extension', () => {
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;
  beforeAll(async () => {
    t = await startTestApp({ env: { REMINDER_INTERVAL_SECONDS: '0' } });
    f = fixtures(t.http);
  });
  afterAll(() => t?.close());

  const clock = async (caseId: string) => {
    const items = (await t.http.get(`/cases/${caseId}/deadlines`).expect(200)).body.items as {
      rule: string | null;
      dueAt: string;
      ruleDueAt: string;
    }[];
    return items.find((d) => d.rule === 'epoc_pr_preservation');
  };
  const extend = (caseId: string, body: object) =>
    t.http.post(`/cases/${caseId}/preservation-extension`).send(body);

  it('extends the 60 days by 30, once, with the reason, and audits it', async () => {
    const c = await f.case({
      requestType: 'e_evidence_preservation_order',
      receivedAt: '2026-06-01T10:00:00Z',
    });
    expect((await clock(c.id))?.dueAt).toBe('2026-07-31T21:59:00.000Z');

    const res = await extend(c.id, {
      extendedAt: '2026-07-20T09:00:00+02:00',
      reason: 'The production order is being prepared.',
    }).expect(200);
    expect(res.body).toMatchObject({
      preservationExtendedAt: '2026-07-20T07:00:00.000Z',
      preservationExtensionReason: 'The production order is being prepared.',
    });
    // Day 90 in Berlin: 30 August, end of the day (CEST).
    expect(await clock(c.id)).toMatchObject({
      dueAt: '2026-08-30T21:59:00.000Z',
      ruleDueAt: '2026-08-30T21:59:00.000Z',
    });

    const again = await extend(c.id, { extendedAt: '2026-07-21T09:00:00Z', reason: 'Twice?' });
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/already-extended$/);

    const audit = await t
      .as('auditor')
      .get('/audit/events?action=preservation_extended')
      .expect(200);
    const entry = (
      audit.body.items as { entityId: string; details: Record<string, unknown> }[]
    ).find((e) => e.entityId === c.id);
    expect(entry?.details).toMatchObject({
      reason: 'The production order is being prepared.',
      days: 30,
      dueBefore: '2026-07-31T21:59:00.000Z',
      dueAfter: '2026-08-30T21:59:00.000Z',
    });
  });

  it('refuses other orders, an extension after the 60 days, a reason missing, and hostile input', async () => {
    const other = await f.case({ requestType: 'search_and_seizure' });
    const notPr = await extend(other.id, { reason: 'x' });
    expect(notPr.status).toBe(409);
    expect(notPr.body.type).toMatch(/not-a-preservation-order$/);

    const pr = await f.case({
      requestType: 'e_evidence_preservation_order',
      receivedAt: '2026-06-01T10:00:00Z',
    });
    const late = await extend(pr.id, { extendedAt: '2026-08-01T08:00:00Z', reason: 'late' });
    expect(late.status).toBe(409);
    expect(late.body.type).toMatch(/preservation-expired$/);
    const early = await extend(pr.id, { extendedAt: '2026-05-01T08:00:00Z', reason: 'early' });
    expect(early.status).toBe(400);
    expect(early.body.errors).toEqual([expect.objectContaining({ field: 'extendedAt' })]);
    const noReason = await extend(pr.id, { extendedAt: '2026-07-01T08:00:00Z' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toContainEqual(expect.objectContaining({ field: 'reason' }));
    expect((noReason.body.errors as { field: string }[]).every((e) => e.field === 'reason')).toBe(
      true,
    );
    const extra = await extend(pr.id, {
      reason: 'x',
      preservationExtendedAt: '2026-07-01T08:00:00Z',
    });
    expect(extra.status).toBe(400);
    // Nothing was half-written.
    expect((await t.http.get(`/cases/${pr.id}`)).body.preservationExtendedAt).toBeNull();
    // Neither an auditor nor an unknown case.
    expect(
      (await t.as('auditor').post(`/cases/${pr.id}/preservation-extension`).send({ reason: 'x' }))
        .status,
    ).toBe(403);
    expect((await extend('00000000-0000-4000-8000-000000000000', { reason: 'x' })).status).toBe(
      404,
    );
    // The field is not writable through the ordinary update.
    const patched = await t.update(`/cases/${pr.id}`, {
      preservationExtendedAt: '2026-07-01T08:00:00Z',
    });
    expect(patched.status).toBe(400);
  });

  it('keeps the precision of gag order and deadline times', async () => {
    const c = await f.case({});
    const gag = await t.http
      .post(`/cases/${c.id}/gag-orders`)
      .send({
        legalBasis: 'StPO §95a',
        binding: 'disputed',
        until: '2021-06-30T12:00:00+02:00',
        untilPrecision: 'day',
        reviewAt: '2021-03-01T12:00:00+01:00',
        reviewAtPrecision: 'approximate',
      })
      .expect(201);
    expect(gag.body).toMatchObject({
      untilPrecision: 'day',
      reviewAtPrecision: 'approximate',
      liftedAtPrecision: 'minute',
    });
    const d = await t.http
      .post(`/cases/${c.id}/deadlines`)
      .send({ kind: 'complaint', dueAt: '2021-02-15T12:00:00+01:00', dueAtPrecision: 'day' })
      .expect(201);
    expect(d.body).toMatchObject({ dueAtPrecision: 'day', doneAtPrecision: 'minute' });
    const bad = await t.http
      .post(`/cases/${c.id}/deadlines`)
      .send({ kind: 'complaint', dueAt: '2021-02-15T12:00:00+01:00', dueAtPrecision: 'week' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'dueAtPrecision' })]);
  });
});

/** The owner (customer) of an affected system is printed in the case file, in both languages. */
describe('case file: the owner of an affected system', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('prints "Download server (owner: DDoSecrets)" and the deadline and gag order precision', async () => {
    const f = fixtures(t.http);
    const c = await f.case({ receivedAt: '2020-07-03T12:00:00+02:00' });
    const item = await t.http
      .post('/inventory')
      .send({ name: 'Download server', kind: 'virtual_server', owner: 'DDoSecrets' })
      .expect(201);
    await t.http
      .post(`/cases/${c.id}/affected-systems`)
      .send({
        inventoryItemId: item.body.id,
        impact: 'seized',
        startedAt: '2020-07-03T12:00:00+02:00',
        startedAtPrecision: 'day',
        endState: 'ended_unknown',
      })
      .expect(201);
    await t.http
      .post(`/cases/${c.id}/deadlines`)
      .send({ kind: 'complaint', dueAt: '2020-08-14T12:00:00+02:00', dueAtPrecision: 'day' })
      .expect(201);
    const file = (await t.http.get(`/cases/${c.id}`).expect(200)).body;
    expect(file.affectedSystems[0].owner).toBe('DDoSecrets');
    const text = async (lang: string) => {
      const res = await t.http
        .get(`/cases/${c.id}/case-file.pdf?lang=${lang}`)
        .buffer(true)
        .parse(binary);
      expect(res.status).toBe(200);
      return squeeze(await pdfText(res.body as Buffer));
    };
    const en = await text('en');
    expect(en).toContain(squeeze('(owner: DDoSecrets)'));
    expect(en).toContain(squeeze('14 August 2020'));
    expect(en).not.toContain(squeeze('14 Aug 2020, 12:00'));
    const de = await text('de');
    expect(de).toContain(squeeze('(Eigentümer: DDoSecrets)'));
    expect(de).toContain(squeeze('14. August 2020'));
  });
});
