import type { TFunction } from 'i18next';
import { fieldLabel, recordKindLabel } from '../../../../src/i18n/field-labels.js';
import type { Schemas } from '../../api/client';
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

/** "Affected system: from, until" — the record kind and the fields an audit record touched, in words. */
export function historyText(event: Schemas['AuditEventDto'], t: TFunction): string {
  const lang = language();
  const kind = recordKindLabel(event.entityType, lang);
  const fields = Object.keys(event.changes ?? {})
    .filter((f) => !HIDDEN.has(f))
    .map((f) => fieldLabel(f, lang));
  if (!fields.length) return kind;
  return event.action === 'create'
    ? `${kind}: ${t('reportDimensions.history.createdWith', { fields: fields.join(', ') })}`
    : `${kind}: ${fields.join(', ')}`;
}
