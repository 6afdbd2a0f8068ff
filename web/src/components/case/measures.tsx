import { Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REQUEST_TYPES } from '../../../../src/domain/vocabulary.js';
import { ApiError, api, ifMatch, must, type Schemas } from '../../api/client';
import type { CaseFile } from '../../case-file';
import { formatDate } from '../../format';
import { Dialog } from '../dialog';
import { ErrorAlert } from '../status';

type Measure = CaseFile['measures'][number];
type RequestType = Schemas['CreateMeasureDto']['type'];

type Values = {
  type: RequestType;
  legalBasisId: string | null;
  orderedById: string | null;
  executedById: string | null;
  /** yyyy-mm-dd: a measure is ordered on a day. */
  orderedOn: string;
  notes: string;
};

const empty: Values = {
  type: 'search_and_seizure',
  legalBasisId: null,
  orderedById: null,
  executedById: null,
  orderedOn: '',
  notes: '',
};

/** An ISO day of the browser's calendar as noon local time, so it prints as that day anywhere near. */
const dayToIso = (day: string) => {
  const d = new Date(`${day}T12:00:00`);
  return d.toISOString();
};
const isoToDay = (iso: string | null | undefined) => {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

/**
 * The measures of a case: every request or act of an authority in it (a request for mutual legal
 * assistance, a preservation request, a seizure, …), each with its legal basis and the authority
 * that ordered and the one that executed it. The case's request type stays the primary one.
 */
export function CaseMeasures({
  file,
  canWrite,
  onChanged,
}: {
  file: CaseFile;
  canWrite: boolean;
  onChanged: () => unknown;
}) {
  const { t } = useTranslation();
  const title = t('measures.title');
  const [editing, setEditing] = useState<Measure | 'new' | null>(null);
  const [removing, setRemoving] = useState<Measure | null>(null);
  const authorities = useQuery({
    queryKey: ['authorities'],
    queryFn: () => must(api.GET('/authorities')),
    enabled: canWrite,
  });
  const basisLabel = (id: string | null | undefined) => {
    const b = file.legalBases.find((x) => x.id === id);
    if (!b) return '–';
    return b.notStated ? t('measures.notStated') : (b.citation ?? '–');
  };
  const remove = useMutation({
    mutationFn: (m: Measure) =>
      must(
        api.DELETE('/cases/{caseId}/measures/{id}', {
          params: { path: { caseId: file.id, id: m.id }, header: ifMatch(m.version) },
        }),
      ),
    onSuccess: async () => {
      setRemoving(null);
      await onChanged();
    },
  });

  return (
    <Card withBorder component="section" aria-label={title}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3">
          {title}
        </Title>
        {canWrite && (
          <Button size="xs" variant="light" onClick={() => setEditing('new')}>
            {t('measures.add')}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('measures.explanation', { primary: t(`vocab.requestType.${file.requestType}`) })}
      </Text>
      {file.measures.length === 0 ? (
        <Text c="dimmed">{t('caseFile.nothing')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('measures.type')}</Table.Th>
                <Table.Th>{t('measures.legalBasis')}</Table.Th>
                <Table.Th>{t('measures.orderedBy')}</Table.Th>
                <Table.Th>{t('measures.executedBy')}</Table.Th>
                <Table.Th>{t('measures.orderedOn')}</Table.Th>
                {canWrite && <Table.Th>{t('app.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {file.measures.map((m) => {
                const name = t(`vocab.requestType.${m.type}`);
                return (
                  <Table.Tr key={m.id}>
                    <Table.Td>{name}</Table.Td>
                    <Table.Td>{basisLabel(m.legalBasisId)}</Table.Td>
                    <Table.Td>{m.orderedBy?.name ?? '–'}</Table.Td>
                    <Table.Td>
                      {m.executedBy?.name ?? (m.executedById ? '–' : t('measures.unknown'))}
                    </Table.Td>
                    <Table.Td>{formatDate(m.orderedAt)}</Table.Td>
                    {canWrite && (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Button
                            size="xs"
                            variant="default"
                            aria-label={`${t('measures.edit')}: ${name}`}
                            onClick={() => setEditing(m)}
                          >
                            {t('measures.edit')}
                          </Button>
                          <Button
                            size="xs"
                            variant="default"
                            aria-label={`${t('measures.remove')}: ${name}`}
                            onClick={() => setRemoving(m)}
                          >
                            {t('measures.remove')}
                          </Button>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canWrite && editing && (
        <MeasureDialog
          file={file}
          measure={editing === 'new' ? null : editing}
          authorities={authorities.data?.items ?? []}
          basisLabel={basisLabel}
          onClose={() => setEditing(null)}
          onSaved={async () => {
            setEditing(null);
            await onChanged();
          }}
        />
      )}
      <Dialog
        opened={!!removing}
        onClose={() => setRemoving(null)}
        title={t('measures.removeTitle')}
        size="md"
      >
        <Stack>
          <Text>
            {t('measures.removeConfirm', {
              type: removing ? t(`vocab.requestType.${removing.type}`) : '',
            })}
          </Text>
          <ErrorAlert error={remove.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>
              {t('app.cancel')}
            </Button>
            <Button
              color="red.9"
              loading={remove.isPending}
              onClick={() => removing && remove.mutate(removing)}
            >
              {t('measures.remove')}
            </Button>
          </Group>
        </Stack>
      </Dialog>
    </Card>
  );
}

function MeasureDialog({
  file,
  measure,
  authorities,
  basisLabel,
  onClose,
  onSaved,
}: {
  file: CaseFile;
  measure: Measure | null;
  authorities: Schemas['AuthorityDto'][];
  basisLabel: (id: string) => string;
  onClose: () => void;
  onSaved: () => unknown;
}) {
  const { t } = useTranslation();
  const form = useForm<Values>({
    initialValues: measure
      ? {
          type: measure.type,
          legalBasisId: measure.legalBasisId ?? null,
          orderedById: measure.orderedById ?? null,
          executedById: measure.executedById ?? null,
          orderedOn: isoToDay(measure.orderedAt),
          notes: measure.notes ?? '',
        }
      : empty,
  });
  // The authorities of the case first, then the rest of the directory.
  const ofCase = new Set(file.authorities.map((a) => a.authorityId));
  const authorityData = [
    ...authorities.filter((a) => ofCase.has(a.id)),
    ...authorities.filter((a) => !ofCase.has(a.id)),
  ].map((a) => ({ value: a.id, label: a.name }));
  for (const a of file.authorities)
    if (a.authorityId && a.authority && !authorities.some((x) => x.id === a.authorityId))
      authorityData.unshift({ value: a.authorityId, label: a.authority.name });
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        type: v.type,
        legalBasisId: v.legalBasisId || null,
        orderedById: v.orderedById || null,
        executedById: v.executedById || null,
        orderedAt: v.orderedOn ? dayToIso(v.orderedOn) : null,
        notes: v.notes.trim() || null,
      };
      return measure
        ? must(
            api.PATCH('/cases/{caseId}/measures/{id}', {
              params: {
                path: { caseId: file.id, id: measure.id },
                header: ifMatch(measure.version),
              },
              body,
            }),
          )
        : must(
            api.POST('/cases/{caseId}/measures', { params: { path: { caseId: file.id } }, body }),
          );
    },
    onSuccess: onSaved,
    onError: (e) => e instanceof ApiError && form.setErrors(e.fieldErrors),
  });
  return (
    <Dialog
      opened
      onClose={onClose}
      title={measure ? t('measures.editTitle') : t('measures.addTitle')}
    >
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack>
          <Select
            label={t('measures.type')}
            data={REQUEST_TYPES.map((x) => ({ value: x, label: t(`vocab.requestType.${x}`) }))}
            allowDeselect={false}
            searchable
            required
            {...form.getInputProps('type')}
          />
          <Select
            label={t('measures.legalBasis')}
            description={t('measures.legalBasisHint')}
            data={file.legalBases.map((b) => ({ value: b.id, label: basisLabel(b.id) }))}
            clearable
            {...form.getInputProps('legalBasisId')}
          />
          <Select
            label={t('measures.orderedBy')}
            data={authorityData}
            searchable
            clearable
            {...form.getInputProps('orderedById')}
          />
          <Select
            label={t('measures.executedBy')}
            description={t('measures.executedByHint')}
            data={authorityData}
            searchable
            clearable
            {...form.getInputProps('executedById')}
          />
          <TextInput
            type="date"
            label={t('measures.orderedOn')}
            {...form.getInputProps('orderedOn')}
          />
          <TextInput label={t('measures.notes')} {...form.getInputProps('notes')} />
          <ErrorAlert
            error={save.error instanceof ApiError && save.error.status !== 400 ? save.error : null}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('app.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('app.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
