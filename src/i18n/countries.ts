import type { Language } from './languages.js';

/** Names of countries in the given language (ISO 3166-1 alpha-2 code when unknown). */
export function countryName(code: string, language: Language): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
