import { describe, expect, it } from '@jest/globals';
import { changeText } from '../../src/i18n/change-text.js';

const time = (iso: string) => `[${iso.slice(0, 10)}]`;
const HASH = 'ab'.repeat(32);

describe('audit records in words', () => {
  it('names the account a member record is about, not its id', () => {
    const event = {
      action: 'member_added',
      details: { userId: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed', name: 'Erika Mustermann' },
    };
    expect(changeText(event, 'de', time)).toBe('„Erika Mustermann“');
    expect(changeText(event, 'en', time)).toBe('“Erika Mustermann”');
  });

  it('keeps the id where an older record holds nothing else', () => {
    const event = { action: 'member_added', details: { userId: 'u-1' } };
    expect(changeText(event, 'de', time)).toBe('Konto: u-1');
  });

  it('words a publication: no internal series, hashes shortened per format', () => {
    const event = {
      action: 'publish',
      details: {
        series: 'statement:1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
        revision: 2,
        sha256: { pdf: HASH, json: HASH },
      },
    };
    const text = changeText(event, 'en', time);
    expect(text).not.toMatch(/series|statement:|\{|"/);
    expect(text).toContain('SHA-256: pdf abababababab…, json abababababab…');
  });

  it('shortens a single hash and formats times in the reader’s zone', () => {
    const event = {
      action: 'file_uploaded',
      details: { sha256: HASH, uploadedAt: '2015-01-15T08:45:00.000Z' },
    };
    const text = changeText(event, 'en', time);
    expect(text).toContain('SHA-256: abababababab…');
    expect(text).toContain('[2015-01-15]');
  });
});
