import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, api, must, type Schemas } from '../api/client';
import type { CaseFile } from '../case-file';
import { ErrorAlert, Loading, QueryFailure } from '../components/status';
import { formatDateTime, formatNumber } from '../format';

type Draft = Schemas['StatementDraftDto'];
type Section = Draft['sections'][number];
/** In the order of the API's list; `satisfies` keeps it complete against the generated types. */
const SECTIONS = [
  'summary',
  'timeline',
  'authorities',
  'legal_bases',
  'targets',
  'target_identifiers',
  'affected_systems',
  'downtime',
  'handover',
  'seized_items',
  'unit',
] as const satisfies readonly Section[];
const DEFAULT_SECTIONS: Section[] = [
  'authorities',
  'legal_bases',
  'targets',
  'affected_systems',
  'downtime',
  'handover',
];

/** The statement composer: sections, title and position, a PDF preview, and publishing. */
export default function StatementPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const file = useQuery({
    queryKey: ['case', id],
    queryFn: async () =>
      (await must(api.GET('/cases/{id}', { params: { path: { id } } }))) as CaseFile,
  });
  const form = useForm<Omit<Draft, 'caseId'>>({
    initialValues: {
      language: i18n.language === 'en' ? 'en' : 'de',
      title: '',
      position: '',
      sections: DEFAULT_SECTIONS,
      revisionNote: '',
      fileIds: [],
    },
  });
  const caseFiles = useQuery({
    queryKey: ['files', id],
    queryFn: () => must(api.GET('/cases/{caseId}/files', { params: { path: { caseId: id } } })),
  });
  const copies = (caseFiles.data?.items ?? []).filter((f) => f.redactedFrom);
  const client = useQueryClient();
  const revisions = useQuery({
    queryKey: ['statements', id],
    queryFn: () => must(api.GET('/publications/statements', { params: { query: { caseId: id } } })),
  });
  const [preview, setPreview] = useState<string | null>(null);
  useEffect(
    () => () => {
      if (preview) URL.revokeObjectURL(preview);
    },
    [preview],
  );
  const body = (): Draft => {
    const { revisionNote, ...rest } = form.getValues();
    return { caseId: id, ...rest, revisionNote: revisionNote?.trim() || undefined };
  };
  const language = form.getValues().language;
  const latest = (revisions.data?.items ?? []).find(
    (p) => p.language === language && !p.superseded,
  );
  const fail = (e: unknown) =>
    e instanceof ApiError && e.status === 400 && form.setErrors(e.fieldErrors);

  const previewPdf = useMutation({
    mutationFn: async () => {
      const { data, response, error } = await api.POST('/publications/statements/preview', {
        body: body(),
        parseAs: 'blob',
      });
      if (!response.ok || !data) throw new ApiError(response.status, (error ?? {}) as never);
      return URL.createObjectURL(data as Blob);
    },
    onSuccess: (url) => setPreview(url),
    onError: fail,
  });
  const publish = useMutation({
    mutationFn: () => must(api.POST('/publications/statements', { body: body() })),
    onSuccess: () => {
      form.setFieldValue('revisionNote', '');
      return client.invalidateQueries({ queryKey: ['statements', id] });
    },
    onError: fail,
  });

  if (file.isPending) return <Loading />;
  if (file.isError) return <QueryFailure error={file.error} />;
  return (
    <Stack maw={960}>
      <Text c="dimmed" size="sm">
        {file.data.reference} · {file.data.title}
      </Text>
      <Title order={1}>{t('statement.title')}</Title>
      <Text size="sm">{t('statement.intro')}</Text>
      <form onSubmit={form.onSubmit(() => previewPdf.mutate())}>
        <Stack>
          <NativeSelect
            label={t('statement.language')}
            data={[
              { value: 'de', label: 'Deutsch' },
              { value: 'en', label: 'English' },
            ]}
            {...form.getInputProps('language')}
          />
          <TextInput label={t('statement.heading')} required {...form.getInputProps('title')} />
          <Textarea
            label={t('statement.position')}
            required
            autosize
            minRows={4}
            {...form.getInputProps('position')}
          />
          <Checkbox.Group label={t('statement.sections')} {...form.getInputProps('sections')}>
            <Stack gap={6} mt="xs">
              {SECTIONS.map((s) => (
                <Checkbox key={s} value={s} label={t(`statement.section.${s}`)} />
              ))}
            </Stack>
          </Checkbox.Group>
          <RedactedCopies
            copies={copies}
            pending={caseFiles.isPending}
            error={caseFiles.error}
            value={form.values.fileIds ?? []}
            onChange={(v) => form.setFieldValue('fileIds', v)}
            fieldError={Object.entries(form.errors).find(([k]) => k.startsWith('fileIds'))?.[1]}
          />
          {latest && (
            <Textarea
              label={t('statement.revisionNote')}
              description={t('statement.revisionNoteHint', { revision: latest.revision + 1 })}
              autosize
              minRows={2}
              {...form.getInputProps('revisionNote')}
            />
          )}
          <ErrorAlert error={previewPdf.error ?? publish.error} />
          <Group>
            <Button type="submit" variant="default" loading={previewPdf.isPending}>
              {t('statement.preview')}
            </Button>
            <Button
              loading={publish.isPending}
              onClick={() => {
                if (form.validate().hasErrors) return;
                if (window.confirm(t('statement.confirm'))) publish.mutate();
              }}
            >
              {latest
                ? t('statement.publishRevision', { revision: latest.revision + 1 })
                : t('statement.publish')}
            </Button>
          </Group>
        </Stack>
      </form>
      {publish.isSuccess && (
        <Alert color="green" role="status">
          {t('statement.published')} <Anchor href="/public">/public</Anchor>
        </Alert>
      )}
      {preview && (
        <iframe className="preview-frame" title={t('statement.previewTitle')} src={preview} />
      )}
      <Revisions
        items={revisions.data?.items ?? []}
        pending={revisions.isPending}
        error={revisions.error}
      />
    </Stack>
  );
}

/**
 * The redacted public copies of the case's files, to publish with the statement. Originals are
 * not offered: they stay internal (the API refuses them too).
 */
function RedactedCopies({
  copies,
  pending,
  error,
  value,
  onChange,
  fieldError,
}: {
  copies: Schemas['FileDto'][];
  pending: boolean;
  error: unknown;
  value: string[];
  onChange: (value: string[]) => void;
  fieldError?: ReactNode;
}) {
  const { t } = useTranslation();
  if (pending) return <Loading />;
  if (error) return <ErrorAlert error={error} />;
  return (
    <Checkbox.Group
      label={t('statement.attachments')}
      description={t('statement.attachmentsHint')}
      value={value}
      onChange={onChange}
      error={fieldError}
    >
      {copies.length === 0 ? (
        <Text size="sm" c="dimmed" mt="xs">
          {t('statement.noCopies')}
        </Text>
      ) : (
        <Stack gap={6} mt="xs">
          {copies.map((f) => {
            const v = f.versions[0];
            return (
              <Checkbox
                key={f.id}
                value={f.id}
                label={`${v?.originalName ?? f.id} (${t(`files.kind.${f.kind}`)}, ${formatNumber(Math.max(1, Math.round((v?.size ?? 0) / 1024)))} kB)`}
              />
            );
          })}
        </Stack>
      )}
    </Checkbox.Group>
  );
}

/**
 * Every published revision of this case's statements, per language, newest first: the earlier
 * ones stay published and are marked as superseded. Downloads are the public addresses; while a
 * gag order or an embargo is in force the public does not get them.
 */
function Revisions({
  items,
  pending,
  error,
}: {
  items: Schemas['PublicationDto'][];
  pending: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  return (
    <Stack component="section" aria-labelledby="revisions-heading" gap="sm">
      <Title order={2} size="h3" id="revisions-heading">
        {t('statement.revisions')}
      </Title>
      <ErrorAlert error={error} />
      {pending ? (
        <Loading />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('statement.noRevisions')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table aria-labelledby="revisions-heading" verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('statement.revision')}</Table.Th>
                <Table.Th>{t('statement.heading')}</Table.Th>
                <Table.Th>{t('statement.publishedAt')}</Table.Th>
                <Table.Th>{t('statement.files')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <Table.Tr key={p.id} data-superseded={p.superseded || undefined}>
                  <Table.Td>
                    <Stack gap={4} align="flex-start">
                      <Text size="sm" fw={600}>
                        {p.language.toUpperCase()} · {t('statement.revisionN', { n: p.revision })}
                      </Text>
                      {p.superseded ? (
                        <Badge color="gray.7" variant="outline">
                          {t('statement.superseded')}
                        </Badge>
                      ) : (
                        <Text size="xs" fw={700} tt="uppercase">
                          {t('statement.current')}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lang={p.language}>
                      {p.title}
                    </Text>
                    {p.revisionNote && (
                      <Text size="xs" c="dimmed" lang={p.language}>
                        {p.revisionNote}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{formatDateTime(p.publishedAt)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      {(['pdf', 'json', 'csv'] as const).map((f) => (
                        <Anchor
                          key={f}
                          href={p.files[f].url}
                          size="sm"
                          aria-label={`${f.toUpperCase()}: ${t('statement.revisionN', { n: p.revision })} (${p.language.toUpperCase()})`}
                        >
                          {f.toUpperCase()}
                        </Anchor>
                      ))}
                      <Text size="xs" c="dimmed">
                        {formatNumber(Math.max(1, Math.round(p.files.pdf.bytes / 1024)))} kB
                      </Text>
                    </Group>
                    <Code className="hash">PDF SHA-256 {p.files.pdf.sha256}</Code>
                    {p.attachments.length > 0 && (
                      <Stack gap={2} mt={4}>
                        {p.attachments.map((a) => (
                          <Anchor key={a.fileId} href={a.url} size="sm" download>
                            {a.name}
                          </Anchor>
                        ))}
                      </Stack>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
