import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuilt } from '../../src/web/web-build.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { describeInBrowser, launchChromium, serve } from './browser.js';
import { expectAccessible, field, screenshots, signedIn, SLOW } from './screens.js';

/**
 * What really happened, in the web app: the units of the organisation (admins), the unit of a
 * case and the unit filter of the list, the measures of a case (add, edit, remove), and an
 * affected system with its owner, data volume, precision and an end that is not known.
 */
describeInBrowser('measures, units, owner and volume in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let caseId = '';
  let otherCaseId = '';
  let authorityId = '';

  beforeAll(async () => {
    ensureWebBuilt({ quiet: true });
    t = await startTestApp();
    base = await serve(t);
    browser = await launchChromium();
    authorityId = (
      await t.http
        .post('/authorities')
        .send({ name: 'Bundesamt für Justiz', kind: 'central_authority', country: 'DE' })
        .expect(201)
    ).body.id;
    const c = (
      await t.http
        .post('/cases')
        .send({
          title: 'Server des Landesverbands beschlagnahmt',
          requestType: 'search_and_seizure',
          receivedAt: '2011-05-20T09:00:00+02:00',
        })
        .expect(201)
    ).body;
    caseId = c.id;
    await t.http
      .post(`/cases/${caseId}/legal-bases`)
      .send({ jurisdiction: 'DE', notStated: true, documentType: 'order' })
      .expect(201);
    otherCaseId = (
      await t.http
        .post('/cases')
        .send({
          title: 'Anderer Fall ohne Gliederung',
          requestType: 'other',
          receivedAt: '2011-06-01T09:00:00+02:00',
        })
        .expect(201)
    ).body.id;
    await t.http
      .post('/inventory')
      .send({ name: 'Download server', kind: 'virtual_server', owner: 'DDoSecrets' })
      .expect(201);
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const openCase = async (page: Page, id: string) => {
    await page.goto(`/app/cases/${id}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
  };

  it(
    'an admin builds the tree of units; a unit cannot move below itself',
    async () => {
      const page = await signedIn(browser, base, 'admin@test.example', 'en');
      await page.getByRole('link', { name: 'Units' }).click();
      await page.getByRole('heading', { level: 1, name: 'Units of the organisation' }).waitFor();
      await page.getByText('No units yet.').waitFor();
      const add = page.getByRole('region', { name: 'Add a unit' });
      await field(add, 'Name').fill('Bundesverband');
      await add.getByRole('combobox', { name: 'Kind' }).click();
      await page.getByRole('option', { name: 'Federal level' }).click();
      await add.getByRole('button', { name: 'Add a unit' }).click();
      await page.getByRole('cell', { name: 'Bundesverband', exact: true }).waitFor();

      await field(add, 'Name').fill('Landesverband NRW');
      await add.getByRole('combobox', { name: 'Belongs to' }).click();
      await page.getByRole('option', { name: 'Bundesverband', exact: true }).click();
      await add.getByRole('button', { name: 'Add a unit' }).click();
      await page.getByRole('cell', { name: 'Landesverband NRW', exact: true }).waitFor();
      await expectAccessible(page);

      // Editing the top unit: neither itself nor its sub-unit is offered as its parent.
      await page.getByRole('button', { name: 'Edit: Bundesverband' }).click();
      const dialog = page.getByRole('dialog', { name: 'Edit the unit' });
      await dialog.getByRole('combobox', { name: 'Belongs to' }).click();
      expect(await page.getByRole('option').count()).toBe(0);
      await page.keyboard.press('Escape');
      await expectAccessible(page);
      await page.keyboard.press('Escape');

      // A unit with a sub-unit is not removed; the refusal is shown.
      await page.getByRole('button', { name: 'Remove: Bundesverband' }).click();
      await page
        .getByRole('dialog', { name: 'Remove the unit' })
        .getByRole('button', { name: 'Remove' })
        .click();
      await page.getByRole('alert').waitFor();
      const units = (await t.http.get('/units')).body.items as {
        name: string;
        parentId: string | null;
      }[];
      expect(units.map((u) => u.name).sort()).toEqual(['Bundesverband', 'Landesverband NRW']);
      await screenshots(page, 'units', 'en');
      await page.context().close();

      const de = await signedIn(browser, base, 'admin@test.example', 'de');
      await de.getByRole('link', { name: 'Organisationseinheiten' }).click();
      await de.getByRole('columnheader', { name: 'Art' }).waitFor();
      await de.getByRole('cell', { name: 'Landesverband', exact: true }).waitFor();
      await expectAccessible(de);
      await screenshots(de, 'units', 'de');
      await de.context().close();
    },
    SLOW,
  );

  it(
    'the board puts a case in a unit, and the list filters by it (units below included)',
    async () => {
      const page = await signedIn(browser, base, 'board@test.example', 'en');
      await openCase(page, caseId);
      expect(await page.getByTestId('case-unit').textContent()).toBe('not assigned');
      await page.getByRole('button', { name: 'Edit the case' }).click();
      const dialog = page.getByRole('dialog', { name: 'Edit the case' });
      await dialog.getByRole('combobox', { name: 'Unit', exact: true }).click();
      await page.getByRole('option', { name: 'Bundesverband › Landesverband NRW' }).click();
      await dialog.getByRole('button', { name: 'Save' }).click();
      await page.getByTestId('case-unit').getByText('Bundesverband › Landesverband NRW').waitFor();
      const nrw = ((await t.http.get('/units')).body.items as { id: string; name: string }[]).find(
        (u) => u.name === 'Landesverband NRW',
      )!;
      expect((await t.http.get(`/cases/${caseId}`)).body.unitId).toBe(nrw.id);

      await page.goto('/app/cases');
      await page.getByText('Anderer Fall ohne Gliederung').waitFor();
      await page.getByRole('combobox', { name: 'Unit (with units below)' }).click();
      await page.getByRole('option', { name: 'Bundesverband', exact: true }).click();
      await page.waitForURL(/unit=/);
      await page.getByText('Server des Landesverbands beschlagnahmt').waitFor();
      // The unfiltered list stays on screen until the filtered one has arrived; wait for the
      // case outside the unit to go (a timeout here means the filter kept it).
      await page.getByText('Anderer Fall ohne Gliederung').waitFor({ state: 'detached' });
      await expectAccessible(page);
      await page.context().close();
      expect(otherCaseId).not.toBe('');
    },
    SLOW,
  );

  it(
    'the board adds, edits and removes measures of a case',
    async () => {
      const page = await signedIn(browser, base, 'board@test.example', 'en');
      await openCase(page, caseId);
      const measures = page.getByRole('region', { name: 'Measures' });
      const before = (await t.http.get(`/cases/${caseId}/measures`)).body.items.length as number;

      await measures.getByRole('button', { name: 'Add a measure' }).click();
      let dialog = page.getByRole('dialog', { name: 'Add a measure' });
      await dialog.getByRole('combobox', { name: 'Type of measure' }).click();
      await page.getByRole('option', { name: 'Mutual legal assistance' }).click();
      await dialog.getByRole('combobox', { name: 'Legal basis' }).click();
      await page.getByRole('option', { name: 'no provision named' }).click();
      await dialog.getByRole('combobox', { name: 'Ordered by' }).click();
      // The case page's own authority select lists the same names: pick from this list.
      await page
        .getByRole('listbox', { name: 'Ordered by' })
        .getByRole('option', { name: 'Bundesamt für Justiz' })
        .click();
      await field(dialog, 'Ordered on').fill('2011-05-20');
      await expectAccessible(page);
      await dialog.getByRole('button', { name: 'Save' }).click();
      await measures.getByRole('cell', { name: 'Bundesamt für Justiz' }).waitFor();
      await measures.getByRole('cell', { name: 'no provision named' }).waitFor();
      await measures.getByRole('cell', { name: 'not known' }).waitFor();
      let items = (await t.http.get(`/cases/${caseId}/measures`)).body.items as {
        id: string;
        type: string;
        orderedById: string | null;
        orderedAt: string | null;
      }[];
      expect(items).toHaveLength(before + 1);
      const added = items.find((m) => m.type === 'mutual_legal_assistance')!;
      expect(added.orderedById).toBe(authorityId);
      expect(new Date(added.orderedAt!).toISOString().slice(0, 10)).toBe('2011-05-20');

      await measures.getByRole('button', { name: 'Edit: Mutual legal assistance' }).click();
      dialog = page.getByRole('dialog', { name: 'Edit the measure' });
      await dialog.getByRole('combobox', { name: 'Type of measure' }).click();
      await page.getByRole('option', { name: 'Preservation order', exact: true }).click();
      await dialog.getByRole('button', { name: 'Save' }).click();
      await measures.getByRole('button', { name: 'Edit: Preservation order' }).waitFor();
      items = (await t.http.get(`/cases/${caseId}/measures`)).body.items;
      expect(items.find((m) => m.id === added.id)?.type).toBe('preservation');
      await expectAccessible(page);
      await screenshots(page, 'case-measures', 'en');

      await measures.getByRole('button', { name: 'Remove: Preservation order' }).click();
      await page
        .getByRole('dialog', { name: 'Remove the measure' })
        .getByRole('button', { name: 'Remove' })
        .click();
      await page.getByRole('dialog', { name: 'Remove the measure' }).waitFor({ state: 'hidden' });
      items = (await t.http.get(`/cases/${caseId}/measures`)).body.items;
      expect(items.some((m) => m.id === added.id)).toBe(false);
      await page.context().close();
    },
    SLOW,
  );

  it(
    'an affected system with its owner, 5 TB, a day-precise start and an unknown end; a rough timeline time',
    async () => {
      const page = await signedIn(browser, base, 'board@test.example', 'en');
      await openCase(page, caseId);
      const systems = page.getByRole('region', { name: 'Affected systems' });
      await systems.getByRole('combobox', { name: 'System', exact: true }).click();
      await page.getByRole('option', { name: 'Download server (DDoSecrets)' }).click();
      await field(systems, 'Data affected').fill('five TB');
      await field(systems, 'Started').fill('2011-05-20T10:00');
      await field(systems, 'Known to: Started').selectOption('day');
      await field(systems, 'End: System').selectOption('ended_unknown');
      await systems.getByRole('button', { name: 'Add an affected system' }).click();
      await systems.getByText('A number with a unit: B, KB, MB, GB or TB.').waitFor();
      await field(systems, 'Data affected').fill('5 TB');
      await systems.getByRole('button', { name: 'Add an affected system' }).click();
      await systems.getByRole('cell', { name: '5 TB' }).waitFor();
      await systems.getByText('Owner or customer: DDoSecrets').waitFor();
      await systems.getByRole('cell', { name: 'ended, time unknown' }).waitFor();
      const file = (await t.http.get(`/cases/${caseId}`)).body;
      expect(file.affectedSystems[0]).toMatchObject({
        dataVolumeBytes: 5_000_000_000_000,
        startedAtPrecision: 'day',
        endState: 'ended_unknown',
        endedAt: null,
      });
      expect(file.impact.downtime).toMatchObject({ lowerBound: true, totalMinutes: 0 });
      // "At least 0 min" would say nothing: the page says the figure is unknown, and draws no chart.
      expect(await page.getByTestId('downtime').textContent()).toBe('unknown (end not known)');
      expect(await page.getByRole('heading', { name: 'Downtime per system' }).count()).toBe(0);

      const timeline = page.getByRole('region', { name: 'Timeline' });
      await field(timeline, 'Description').fill('Officers arrive in the morning');
      await field(timeline, 'When').fill('2011-05-20T08:00');
      await field(timeline, 'Known to: When').selectOption('approximate');
      await timeline.getByRole('button', { name: 'Add to the timeline' }).click();
      await timeline.getByRole('cell', { name: /about 08:00/ }).waitFor();
      await expectAccessible(page);
      await page.context().close();

      const de = await signedIn(browser, base, 'board@test.example', 'de');
      await openCase(de, caseId);
      await de.getByRole('region', { name: 'Maßnahmen' }).waitFor();
      await de.getByText('Eigentümer oder Kunde: DDoSecrets').waitFor();
      await de.getByRole('cell', { name: /gegen 08:00/ }).waitFor();
      await expectAccessible(de);
      await screenshots(de, 'case-measures', 'de');
      await de.context().close();
    },
    SLOW,
  );
});
