import type { TFunction } from 'i18next';
import { changeText } from '../../../../src/i18n/change-text.js';
import { recordKindLabel } from '../../../../src/i18n/field-labels.js';
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

/** Labels are kept in lower case for use inside sentences; the history starts each with a capital. */
export const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * What an audit record did, in words (the case file's change log says the same; see
 * src/i18n/change-text.ts): "Legal basis “StPO §103”", "Case: status: Received → Under review".
 */
export function historyText(event: Schemas['AuditEventDto']): string {
  const lang = language();
  const kind = capital(recordKindLabel(event.entityType, lang));
  const text = changeText(event, lang, (iso) => formatDateTime(iso));
  if (!text) return kind;
  return event.action === 'create' || event.action === 'delete'
    ? `${kind} ${text}`
    : `${kind}: ${text}`;
}
