import { fieldLabel } from './field-labels.js';
import { label, type LabelGroup } from './labels.js';
import type { Language } from './languages.js';

/**
 * What one audit record did to a record, in words, for the case file's change log and the web
 * app's history alike: a record created or removed is named by what it is known by ("„StPO
 * §103“"); a change lists each field with its value before and after. Plain code over the
 * label tables, so the web app builds it in.
 */
export interface ChangeEvent {
  action: string;
  changes?: Record<string, { before?: unknown; after?: unknown }> | null;
  details?: Record<string, unknown> | null;
}

/** Bookkeeping fields every record has; never news to a reader. */
const HIDDEN_FIELDS = new Set(['caseId', 'id', 'version', 'createdAt', 'updatedAt']);

/** Details that identify a record for the service only (a publication's series is its case or period). */
const HIDDEN_DETAILS = new Set(['series']);

/** The fields a record is known by, in the order they are tried. */
const NAMING_FIELDS = ['title', 'name', 'citation', 'value', 'description', 'body'];

/** Fields whose values are codes of the vocabulary, and the labels that word them. */
const VALUE_LABELS: Record<string, LabelGroup> = {
  status: 'status',
  outcome: 'outcome',
  requestType: 'request_type',
  channel: 'channel',
  impact: 'impact',
  existence: 'target_existence',
  dataCategory: 'data_category',
  documentType: 'document_type',
  role: 'authority_role',
};

const SHA256 = /^[0-9a-f]{64}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const LONGEST = 60;
const YES_NO: Record<Language, [string, string]> = { de: ['ja', 'nein'], en: ['yes', 'no'] };
const QUOTES: Record<Language, [string, string]> = { de: ['„', '“'], en: ['“', '”'] };

/** One recorded value as a reader writes it; `time` formats a timestamp in the reader's zone. */
export function changeValue(
  field: string,
  value: unknown,
  language: Language,
  time: (iso: string) => string,
): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'boolean') return YES_NO[language][value ? 0 : 1];
  if (Array.isArray(value))
    return value.map((v) => changeValue(field, v, language, time)).join(', ') || '–';
  let text: string;
  if (typeof value === 'object')
    // e.g. the SHA-256 of each format of a publication: "pdf 3f2a9c1d0b7e…, json …"
    text = Object.entries(value as Record<string, unknown>)
      .map(([key, v]) => `${key} ${changeValue(key, v, language, time)}`)
      .join(', ');
  else if (typeof value === 'string' && SHA256.test(value)) text = `${value.slice(0, 12)}…`;
  else if (typeof value === 'string' && ISO_TIME.test(value)) text = time(value);
  else if (typeof value === 'string' && VALUE_LABELS[field])
    text = label(VALUE_LABELS[field], value, language);
  else text = String(value);
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > LONGEST ? `${line.slice(0, LONGEST - 1)}…` : line;
}

/** The change an audit record made, in words; empty when there is nothing more to say than its action. */
export function changeText(
  event: ChangeEvent,
  language: Language,
  time: (iso: string) => string,
): string {
  const fields = Object.entries(event.changes ?? {}).filter(([f]) => !HIDDEN_FIELDS.has(f));
  const show = (field: string, value: unknown) => changeValue(field, value, language, time);
  if (event.action === 'create' || event.action === 'delete') {
    // An event the service wrote itself stores its words in one language; its kind says enough.
    if (event.changes?.automatic?.after || event.changes?.automatic?.before) return '';
    for (const field of NAMING_FIELDS) {
      const change = fields.find(([f]) => f === field)?.[1];
      const value = event.action === 'create' ? change?.after : change?.before;
      if (value !== null && value !== undefined && value !== '') {
        const [open, close] = QUOTES[language];
        return `${open}${show(field, value)}${close}`;
      }
    }
    return '';
  }
  const parts = fields.map(([field, change]) =>
    'before' in change && 'after' in change
      ? `${fieldLabel(field, language)}: ${show(field, change.before)} → ${show(field, change.after)}`
      : `${fieldLabel(field, language)}: ${show(field, change.after ?? change.before)}`,
  );
  if (!parts.length && event.details) {
    const details = Object.entries(event.details).filter(([key]) => !HIDDEN_DETAILS.has(key));
    // A record about an account (a member added or removed) names it; its id says nothing to a reader.
    const named = typeof event.details.name === 'string' && event.details.name;
    if (named) {
      const [open, close] = QUOTES[language];
      parts.push(`${open}${show('name', named)}${close}`);
    }
    for (const [key, value] of details)
      if (!(named && (key === 'name' || key === 'userId')))
        parts.push(`${fieldLabel(key, language)}: ${show(key, value)}`);
  }
  return parts.join('; ');
}
