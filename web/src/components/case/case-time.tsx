import { Alert, Badge, Button, Group, NativeSelect, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { END_STATES, TIME_PRECISIONS } from '../../../../src/domain/vocabulary.js';
import { api, must, type Schemas } from '../../api/client';
import { ErrorAlert } from '../status';
import { formatMinutes } from '../../format';

export type TimePrecision = NonNullable<Schemas['CreateTimelineEventDto']['occurredAtPrecision']>;
export type EndState = NonNullable<Schemas['CreateAffectedSystemDto']['endState']>;

/** How precisely a time is known, beside its input: minute, hour, day or approximate. */
export function PrecisionSelect({
  value,
  onChange,
  of,
}: {
  value: TimePrecision;
  onChange: (value: TimePrecision) => void;
  /** What the time is, for the accessible name ("Precision: When did it reach us?"). */
  of: string;
}) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('caseTime.precision')}
      aria-label={`${t('caseTime.precision')}: ${of}`}
      data={TIME_PRECISIONS.map((p) => ({ value: p, label: t(`caseTime.precisions.${p}`) }))}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value as TimePrecision)}
    />
  );
}

/** How an impact ended: ended, still ongoing, ended at an unknown time, or at least until a time. */
export function EndStateSelect({
  value,
  onChange,
  of,
}: {
  value: EndState;
  onChange: (value: EndState) => void;
  of: string;
}) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('caseTime.endState')}
      aria-label={`${t('caseTime.endState')}: ${of}`}
      data={END_STATES.map((s) => ({ value: s, label: t(`caseTime.endStates.${s}`) }))}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value as EndState)}
    />
  );
}

/** Whether an end state takes a time (ended, at least until). */
export const endNeedsTime = (state: EndState) => state === 'ended' || state === 'at_least_until';

type CaseFile = Schemas['CaseFileDto'];

/**
 * A case recorded in error: the void badge and reason on the case page, and for the board the
 * action that voids it, with a reason (not the authority's withdrawal).
 */
export function CaseVoid({
  file,
  canWrite,
  onChanged,
}: {
  file: CaseFile;
  canWrite: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const voidIt = useMutation({
    mutationFn: () =>
      must(
        api.POST('/cases/{id}/void', {
          params: { path: { id: file.id } },
          body: { reason: reason.trim() },
        }),
      ),
    onSuccess: () => {
      setOpen(false);
      onChanged();
    },
  });
  if (file.status === 'void')
    return (
      <Alert color="gray" variant="outline" title={t('caseTime.voidTitle')} role="note">
        <Group gap="xs">
          <Badge color="dark" variant="filled">
            {t('caseTime.voidBadge')}
          </Badge>
          {file.voidReason}
        </Group>
        {t('caseTime.voidExplained')}
      </Alert>
    );
  if (!canWrite) return null;
  if (!open)
    return (
      <Group>
        <Button variant="subtle" color="red" size="xs" onClick={() => setOpen(true)}>
          {t('caseTime.voidAction')}
        </Button>
      </Group>
    );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) voidIt.mutate();
      }}
    >
      <Textarea
        label={t('caseTime.voidReason')}
        description={t('caseTime.voidHint')}
        required
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
      <Group mt="xs">
        <Button type="submit" color="red" loading={voidIt.isPending} disabled={!reason.trim()}>
          {t('caseTime.voidConfirm')}
        </Button>
        <Button variant="default" onClick={() => setOpen(false)}>
          {t('caseTime.cancel')}
        </Button>
      </Group>
      <ErrorAlert error={voidIt.error} />
    </form>
  );
}

const locale = (language: string) => (language === 'en' ? 'en-GB' : 'de-DE');

/** A time as precisely as it is known: "3 Jul 2020" for a day, "about 11:20" for a rough time. */
export function useMoment() {
  const { t, i18n } = useTranslation();
  return (iso: string | null | undefined, precision: TimePrecision | undefined) => {
    if (!iso) return '–';
    const date = new Date(iso);
    const lang = locale(i18n.language);
    if (precision === 'day')
      return new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(date);
    const day = new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(date);
    const time = new Intl.DateTimeFormat(lang, { timeStyle: 'short' }).format(date);
    if (precision === 'hour')
      return `${day}, ${new Intl.NumberFormat(lang, { style: 'unit', unit: 'hour', unitDisplay: 'narrow' }).format(date.getHours())}`;
    if (precision === 'approximate') return `${day}, ${t('caseTime.about')} ${time}`;
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  };
}

/** How an affected system's impact ended, in words; null while ongoing (the page shows its badge). */
export function useEndText() {
  const { t } = useTranslation();
  const moment = useMoment();
  return (s: Schemas['AffectedSystemDto']) => {
    const state = s.endState ?? (s.endedAt ? 'ended' : 'ongoing');
    if (state === 'ongoing') return null;
    if (state === 'ended_unknown') return t('caseTime.endStates.ended_unknown');
    const at = moment(s.endedAt, s.endedAtPrecision);
    return state === 'at_least_until' ? `${t('caseTime.endStates.at_least_until')} ${at}` : at;
  };
}

/**
 * A computed duration with what it rests on: "at least", "approx." before it when it rests on
 * unknown ends or rough times, and "unknown (end not known)" when all it could say is "at least 0".
 */
export function useFigureMinutes() {
  const { t } = useTranslation();
  return (minutes: number, q: { lowerBound?: boolean; approximate?: boolean }) =>
    q.lowerBound && minutes === 0
      ? t('caseTime.unknownDuration')
      : [
          q.lowerBound ? t('caseTime.atLeast') : '',
          q.approximate ? t('caseTime.approx') : '',
          formatMinutes(minutes),
        ]
          .filter(Boolean)
          .join(' ');
}
