import german from 'hyphen/de/index.js';
import british from 'hyphen/en-gb/index.js';
import type { Language } from '../i18n/languages.js';

const MARK = '\u00AD';
const WORD = /^[(„“"']?\p{L}+[,.;:!?)“"']*$/u;
const HYPHENATE: Record<Language, (word: string) => string[]> = {
  de: (w) => german.hyphenateSync(w, { hyphenChar: MARK }).split(MARK),
  en: (w) => british.hyphenateSync(w, { hyphenChar: MARK }).split(MARK),
};

/**
 * Breaks the words of `text` that are wider than `width` at their syllables, with a hyphen and a
 * line break ("Rechtshilfe-\nersuchens"), as the language hyphenates (TeX's patterns, through the
 * `hyphen` package): otherwise the PDF library would cut them wherever the column ends
 * ("Rechtshi lfeersuchens"). Words that fit are left alone, and so is anything but a word of
 * letters (an e-mail address, a hash), which the library then breaks by characters.
 */
export function hyphenateToWidth(
  text: string,
  width: number,
  measure: (s: string) => number,
  language: Language,
): string {
  // A text that fits has no word wider than the width.
  if (measure(text) <= width) return text;
  return text
    .split(/(\s+)/)
    .map((word) => {
      // Only words of letters (with their punctuation) are hyphenated: an address, a file number
      // or a hash must not gain a hyphen that is not its own.
      if (!WORD.test(word) || measure(word) <= width) return word;
      const lines: string[] = [];
      let line = '';
      for (const syllable of HYPHENATE[language](word)) {
        if (line && measure(`${line}${syllable}-`) > width) {
          lines.push(line.endsWith('-') ? line : `${line}-`);
          line = syllable;
        } else line += syllable;
      }
      lines.push(line);
      return lines.join('\n');
    })
    .join('');
}
