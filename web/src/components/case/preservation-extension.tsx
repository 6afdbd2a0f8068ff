import { Alert, Button, Group, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, ifMatch, must } from '../../api/client';
import type { CaseFile } from '../../case-file';
import { formatDateTime, fromLocalInput, toLocalInput } from '../../format';
import { ErrorAlert } from '../status';

/**
 * A preservation order (EPOC-PR) ends after 60 days unless the issuing authority extends it, once,
 * by 30 days (Regulation (EU) 2023/1543 Art. 11(1)). The board records the extension here; the
 * deadline moves to day 90 and the audit trail keeps who recorded it and why.
 */
export function PreservationExtension({
  file,
  canWrite,
  onChanged,
}: {
  file: CaseFile;
  canWrite: boolean;
  onChanged: () => unknown;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [at, setAt] = useState(toLocalInput(new Date()));
  const extend = useMutation({
    mutationFn: () =>
      must(
        api.POST('/cases/{id}/preservation-extension', {
          params: { path: { id: file.id }, header: ifMatch(file.version) },
          body: { reason: reason.trim(), extendedAt: fromLocalInput(at) },
        }),
      ),
    onSuccess: async () => {
      setOpen(false);
      await onChanged();
    },
  });
  if (file.requestType !== 'e_evidence_preservation_order') return null;
  if (file.preservationExtendedAt)
    return (
      <Alert color="blue" variant="light" title={t('preservation.extendedTitle')} role="note">
        {t('preservation.extendedOn', { at: formatDateTime(file.preservationExtendedAt) })}{' '}
        {file.preservationExtensionReason}
      </Alert>
    );
  if (!canWrite) return null;
  if (!open)
    return (
      <Group>
        <Button variant="light" size="xs" onClick={() => setOpen(true)}>
          {t('preservation.extend')}
        </Button>
        <Text size="sm" c="dimmed">
          {t('preservation.hint')}
        </Text>
      </Group>
    );
  const fieldErrors = extend.error instanceof ApiError ? extend.error.fieldErrors : {};
  return (
    <form
      aria-label={t('preservation.extend')}
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) extend.mutate();
      }}
    >
      <Text size="sm" mb="xs">
        {t('preservation.hint')}
      </Text>
      <Group align="flex-end">
        <TextInput
          type="datetime-local"
          label={t('preservation.at')}
          value={at}
          onChange={(e) => setAt(e.currentTarget.value)}
          error={fieldErrors.extendedAt}
          required
        />
        <Textarea
          label={t('preservation.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={fieldErrors.reason}
          required
          autosize
          style={{ flex: 1, minWidth: 260 }}
        />
      </Group>
      <Group mt="xs">
        <Button type="submit" loading={extend.isPending} disabled={!reason.trim()}>
          {t('preservation.confirm')}
        </Button>
        <Button variant="default" onClick={() => setOpen(false)}>
          {t('app.cancel')}
        </Button>
      </Group>
      <ErrorAlert
        error={
          extend.error instanceof ApiError && extend.error.status !== 400 ? extend.error : null
        }
      />
    </form>
  );
}
