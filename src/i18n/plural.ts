import type { Language } from './languages.js';
import { numberFormat } from './intl-cache.js';

/**
 * Counts, percentages and ranges as the language writes them: the plural form chosen by
 * Intl.PluralRules, the digits by Intl.NumberFormat. No document puts a number and a noun
 * together by hand.
 */
const LOCALE: Record<Language, string> = { en: 'en-GB', de: 'de-DE' };

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const rules = new Map<Language, Intl.PluralRules>();
function pluralRules(language: Language) {
  let r = rules.get(language);
  if (!r) rules.set(language, (r = new Intl.PluralRules(LOCALE[language])));
  return r;
}

/**
 * The form of `forms` that the language uses for `n`, with "#" replaced by the number as the
 * language writes it: countPhrase(1, { one: 'ein System', other: '# Systeme' }, 'de').
 */
export function countPhrase(n: number, forms: PluralForms, language: Language): string {
  const form = forms[pluralRules(language).select(n)] ?? forms.other;
  return form.replace(/#/g, formatInteger(n, language));
}

export function formatInteger(n: number, language: Language): string {
  return numberFormat(LOCALE[language], { maximumFractionDigits: 0 }).format(n);
}

/** A decimal with at most `digits` fraction digits: 4357.5 -> "4,357.5" / "4.357,5". */
export function formatDecimal(n: number, language: Language, digits = 1): string {
  return numberFormat(LOCALE[language], { maximumFractionDigits: digits }).format(n);
}

const percent = (language: Language) =>
  numberFormat(LOCALE[language], { style: 'percent', maximumFractionDigits: 1 });

/** 11.1 (per cent) -> "11.1%" / "11,1 %". */
export function formatPercent(value: number, language: Language): string {
  return percent(language).format(value / 100);
}

/** 11.1 to 100 (per cent) -> "11.1–100%" / "11,1–100 %": the unit once, as the language places it. */
export function formatPercentRange(low: number, high: number, language: Language): string {
  if (low === high) return formatPercent(low, language);
  return percent(language).formatRange(low / 100, high / 100);
}

/** A published count or band: 7, "1–9", "500+", "< 10", with the language's digits and dashes. */
export function formatBand(low: number, high: number | null, language: Language): string {
  const nf = numberFormat(LOCALE[language], { maximumFractionDigits: 1 });
  if (high === null) return `${nf.format(low)}+`;
  if (low === high) return nf.format(low);
  return nf.formatRange(low, high);
}
