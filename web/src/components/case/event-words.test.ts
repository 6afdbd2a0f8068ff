import { describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { historyText } from './event-words';

type Event = Parameters<typeof historyText>[0];
const event = (action: string, entityType: string, changes: Event['changes']) =>
  ({ action, entityType, changes }) as unknown as Event;

describe('historyText', () => {
  it('names a created record by its kind and the field it is known by, in the language', async () => {
    await i18n.changeLanguage('de');
    const created = event('create', 'legal_basis', {
      citation: { after: 'StPO §103' },
      caseId: { after: 'b4c8' },
    });
    expect(historyText(created)).toBe('Rechtsgrundlage „StPO §103“');
    await i18n.changeLanguage('en');
    expect(historyText(created)).toBe('Legal basis “StPO §103”');
  });

  it('lists each changed field with its value before and after, vocabulary words translated', async () => {
    await i18n.changeLanguage('en');
    const changed = event('update', 'case', {
      status: { before: 'received', after: 'under_review' },
      nothingHandedOver: { before: false, after: true },
      version: { before: 1, after: 2 },
    });
    expect(historyText(changed)).toBe(
      'Case: status: received → under review; nothing handed over: no → yes',
    );
  });

  it('shortens long texts to one line', async () => {
    await i18n.changeLanguage('en');
    const text = historyText(
      event('update', 'case', { summary: { before: null, after: `a\n${'b'.repeat(200)}` } }),
    );
    expect(text.length).toBeLessThan(120);
    expect(text).toMatch(/^Case: summary: – → a b+…$/);
  });
});
