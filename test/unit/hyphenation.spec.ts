import { describe, expect, it } from '@jest/globals';
import { hyphenateToWidth } from '../../src/documents/hyphenation.js';

/** One unit per character: a column `width` characters wide. */
const chars = (s: string) => s.length;

describe('words too wide for a table column', () => {
  it('break at syllables with a hyphen, never in the middle of one (German)', () => {
    const text = hyphenateToWidth('Art des Rechtshilfeersuchens', 12, chars, 'de');
    const lines = text.split('\n');
    expect(lines.every((l) => l.split(/\s+/).every((w) => w.length <= 12))).toBe(true);
    expect(text.replace(/-\n/g, '')).toBe('Art des Rechtshilfeersuchens');
    expect(text).toContain('Rechtshilfe-\n');
    expect(text).not.toMatch(/Rechtshi-?\nlfe/);
  });

  it('break at syllables in English too', () => {
    const text = hyphenateToWidth('notification', 8, chars, 'en');
    expect(text.replace(/-\n/g, '')).toBe('notification');
    expect(text.split('\n').every((l) => l.length <= 8)).toBe(true);
  });

  it('leave words that fit, addresses and hashes alone', () => {
    expect(hyphenateToWidth('kurze Wörter', 12, chars, 'de')).toBe('kurze Wörter');
    expect(hyphenateToWidth('board@test.example', 8, chars, 'en')).toBe('board@test.example');
    expect(hyphenateToWidth('7e3e65efba13aede06fd39', 8, chars, 'en')).toBe(
      '7e3e65efba13aede06fd39',
    );
  });
});
