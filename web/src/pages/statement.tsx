import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, api, must, type Schemas } from '../api/client';
import type { CaseFile } from '../case-file';
import { ErrorAlert, Loading, QueryFailure } from '../components/status';

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
    },
  });
  const [preview, setPreview] = useState<string | null>(null);
  useEffect(
    () => () => {
      if (preview) URL.revokeObjectURL(preview);
    },
    [preview],
  );
  const body = (): Draft => ({ caseId: id, ...form.getValues() });
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
              {t('statement.publish')}
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
    </Stack>
  );
}
