import type { TFunction } from 'i18next';
import { fieldLabel, recordKindLabel } from '../../../../src/i18n/field-labels.js';
import type { Schemas } from '../../api/client';
import { formatDateTime } from '../../format';
import i18n from '../../i18n';

const language = () => (i18n.language === 'en' ? 'en' : 'de');

/**
 * A timeline event in the app's language: an event the service wrote itself (receipt, status
 * changes) is worded from its kind and parameters; the board's own events as written.
 */
export function timelineText(event: Schemas['TimelineEventDto'], t: TFunction): string {
  const auto = event.automatic;
  if (!auto) return event.description;
  if (auto.kind === 'request_received')
    return auto.channel
      ? t('reportDimensions.event.receivedVia', { channel: t(`vocab.channel.${auto.channel}`) })
      : t('reportDimensions.event.received');
  const words = {
    from: auto.from ? t(`vocab.status.${auto.from}`) : '–',
    to: auto.to ? t(`vocab.status.${auto.to}`) : '–',
  };
  return auto.note
    ? t('reportDimensions.event.statusChangedNote', { ...words, note: auto.note })
    : t('reportDimensions.event.statusChanged', words);
}

const HIDDEN = new Set(['caseId', 'id', 'version', 'createdAt', 'updatedAt']);

/** The field a record is known by in the history ("Legal basis “StPO §103”"). */
const NAMING_FIELDS = ['title', 'name', 'citation', 'value', 'topic', 'description', 'text'];

/** Fields whose values are words of a vocabulary: the field, and where the vocabulary's words are. */
const VOCABULARY: Record<string, string> = {
  status: 'vocab.status',
  requestType: 'vocab.requestType',
  channel: 'vocab.channel',
  outcome: 'vocab.outcome',
  impact: 'vocab.impact',
  existence: 'vocab.existence',
  documentType: 'vocab.documentType',
  issuedBy: 'vocab.issuer',
  topic: 'vocab.noteTopic',
  endState: 'vocab.endStates',
  returnState: 'vocab.endStates',
  defects: 'reportDimensions.defects.defect',
  defectOutcome: 'reportDimensions.defects.defectOutcome',
};

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const LONGEST = 80;

/** A recorded value as a reader would write it: dates in their format, words of a vocabulary in the app's language. */
export function historyValue(field: string, value: unknown, t: TFunction): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'boolean') return value ? t('app.yes') : t('app.no');
  if (Array.isArray(value)) return value.map((v) => historyValue(field, v, t)).join(', ') || '–';
  if (typeof value === 'object') return shorten(JSON.stringify(value));
  const text = String(value);
  if (typeof value === 'string' && ISO_TIME.test(text)) return formatDateTime(text);
  const vocabulary =
    VOCABULARY[field] ?? (field.endsWith('Precision') ? 'vocab.precisions' : undefined);
  if (vocabulary && i18n.exists(`${vocabulary}.${text}`)) return t(`${vocabulary}.${text}`);
  return shorten(text);
}

/** Labels are kept in lower case for use inside sentences; the history starts each with a capital. */
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function shorten(text: string) {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > LONGEST ? `${line.slice(0, LONGEST - 1)}…` : line;
}

/**
 * What an audit record did, in words: a record created or removed is named by its kind and the
 * field it is known by; a change lists each field with its value before and after.
 */
export function historyText(event: Schemas['AuditEventDto'], t: TFunction): string {
  const lang = language();
  const kind = capital(recordKindLabel(event.entityType, lang));
  const changes = Object.entries(event.changes ?? {}).filter(([f]) => !HIDDEN.has(f));
  if (event.action === 'create' || event.action === 'delete') {
    const named = NAMING_FIELDS.map((f) => changes.find(([c]) => c === f)).find(Boolean);
    if (!named) return kind;
    const [field, change] = named;
    const value = event.action === 'create' ? change.after : change.before;
    if (value === null || value === undefined) return kind;
    const quoted = historyValue(field, value, t);
    return lang === 'de' ? `${kind} „${quoted}“` : `${kind} “${quoted}”`;
  }
  if (!changes.length) return kind;
  return `${kind}: ${changes
    .map(
      ([f, change]) =>
        `${capital(fieldLabel(f, lang))} ${historyValue(f, change.before, t)} → ${historyValue(f, change.after, t)}`,
    )
    .join('; ')}`;
}
