import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Code,
  FileInput,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FILE_KINDS } from '../../../../src/domain/vocabulary.js';
import { ApiError, api, must, type Schemas } from '../../api/client';
import { formatDateTime, formatNumber } from '../../format';
import { useSession } from '../../session';
import { ErrorAlert, Loading } from '../status';

type CaseFileItem = Schemas['FileDto'];
type Kind = CaseFileItem['kind'];

/** The body of an upload: the file alone, streamed by the service (metadata in the query). */
const asForm = (file: File) => () => {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
};

/** What the redaction screen can show page by page (as the API redacts). */
const REDACTABLE = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/tiff']);

const contentUrl = (caseId: string, fileId: string, version: number) =>
  `/cases/${caseId}/files/${fileId}/content?version=${version}`;

/** Documents in the case file: upload with kind, every version with its SHA-256, download. */
export function CaseFiles({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const key = ['case', caseId, 'files'];
  const files = useQuery({
    queryKey: key,
    queryFn: () => must(api.GET('/cases/{caseId}/files', { params: { path: { caseId } } })),
  });
  const mayUpload = session.can('cases.write') || session.can('legal.write');
  return (
    <Card withBorder component="section" aria-label={t('files.title')}>
      <Group justify="space-between" align="flex-start" mb="sm">
        <Title order={2} size="h3">
          {t('files.title')}
        </Title>
        {session.can('cases.read') && (
          <Button
            component="a"
            variant="default"
            href={`/cases/${caseId}/bundle?lang=${i18n.language === 'en' ? 'en' : 'de'}`}
            title={t('files.bundleHint')}
          >
            {t('files.bundle')}
          </Button>
        )}
      </Group>
      {files.isPending ? (
        <Loading />
      ) : files.isError ? (
        <ErrorAlert error={files.error} />
      ) : files.data.items.length === 0 ? (
        <Text c="dimmed">{t('files.none')}</Text>
      ) : (
        <Stack gap="md">
          {files.data.items.map((f) => (
            <FileEntry
              key={f.id}
              caseId={caseId}
              file={f}
              source={files.data.items.find((s) => s.id === f.redactedFrom?.fileId)}
              mayUpload={mayUpload}
              mayRedact={session.can('cases.write')}
            />
          ))}
        </Stack>
      )}
      {mayUpload && <UploadFile caseId={caseId} />}
    </Card>
  );
}

function FileEntry({
  caseId,
  file,
  source,
  mayUpload,
  mayRedact,
}: {
  caseId: string;
  file: CaseFileItem;
  /** The file a redacted copy was made from. */
  source: CaseFileItem | undefined;
  mayUpload: boolean;
  mayRedact: boolean;
}) {
  const { t } = useTranslation();
  const latest = file.versions[file.versions.length - 1];
  if (!latest) return null;
  const sourceName = source?.versions[source.versions.length - 1]?.originalName;
  return (
    <div aria-label={latest.originalName} role="group" id={`file-${file.id}`}>
      <Group gap="xs" mb={4}>
        <Text fw={600}>{latest.originalName}</Text>
        <Badge variant="light">{t(`files.kind.${file.kind}`)}</Badge>
        {file.privileged && <Badge color="grape">{t('files.privileged')}</Badge>}
        {file.redactedFrom && <Badge color="dark">{t('files.redactedCopy')}</Badge>}
        {mayRedact && !file.privileged && REDACTABLE.has(latest.mediaType) && (
          <Button
            component={Link}
            to={`/cases/${caseId}/files/${file.id}/redact`}
            size="compact-sm"
            variant="default"
            aria-label={t('files.redactName', { name: latest.originalName })}
          >
            {t('files.redact')}
          </Button>
        )}
      </Group>
      {file.redactedFrom && (
        <Text size="sm" mb={4}>
          {t('files.redactedFrom')}{' '}
          <Anchor href={`#file-${file.redactedFrom.fileId}`}>
            {t('files.sourceVersion', {
              name: sourceName ?? file.redactedFrom.fileId,
              version: file.redactedFrom.version,
            })}
          </Anchor>
        </Text>
      )}
      <Table.ScrollContainer minWidth={640}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('files.version')}</Table.Th>
              <Table.Th>{t('files.uploaded')}</Table.Th>
              <Table.Th>{t('files.size')}</Table.Th>
              <Table.Th>SHA-256</Table.Th>
              <Table.Th>{t('files.download')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {file.versions.map((v) => (
              <Table.Tr key={v.version}>
                <Table.Td>{v.version}</Table.Td>
                <Table.Td>
                  {formatDateTime(v.uploadedAt)}
                  <Text size="xs" c="dimmed">
                    {v.uploadedBy}
                  </Text>
                </Table.Td>
                <Table.Td>{t('files.bytes', { count: v.size, n: formatNumber(v.size) })}</Table.Td>
                <Table.Td>
                  <Code style={{ wordBreak: 'break-all' }}>{v.sha256}</Code>
                </Table.Td>
                <Table.Td>
                  <Anchor href={contentUrl(caseId, file.id, v.version)} download={v.originalName}>
                    {t('files.downloadVersion', { version: v.version })}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {mayUpload && <AddVersion caseId={caseId} fileId={file.id} name={latest.originalName} />}
    </div>
  );
}

function AddVersion({ caseId, fileId, name }: { caseId: string; fileId: string; name: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const add = useMutation({
    mutationFn: (chosen: File) =>
      must(
        api.POST('/cases/{caseId}/files/{fileId}/versions', {
          params: { path: { caseId, fileId } },
          body: { file: '' },
          bodySerializer: asForm(chosen),
        }),
      ),
    onSuccess: () => {
      setFile(null);
      return client.invalidateQueries({ queryKey: ['case', caseId] });
    },
  });
  return (
    <Group align="end" gap="xs" mt={4}>
      <FileInput
        size="xs"
        w={260}
        label={t('files.newVersionOf', { name })}
        value={file}
        onChange={setFile}
        clearable
        clearButtonProps={{ 'aria-label': t('files.clear') }}
      />
      <Button
        size="xs"
        variant="default"
        disabled={!file}
        loading={add.isPending}
        onClick={() => file && add.mutate(file)}
      >
        {t('files.addVersion')}
      </Button>
      {add.error && <ErrorAlert error={add.error} />}
    </Group>
  );
}

function UploadFile({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const onlyPrivileged = !session.can('cases.write');
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<Kind>('order');
  const [privileged, setPrivileged] = useState(onlyPrivileged);
  const upload = useMutation({
    mutationFn: (chosen: File) =>
      must(
        api.POST('/cases/{caseId}/files', {
          params: {
            path: { caseId },
            query: { kind, privileged: privileged || onlyPrivileged ? 'true' : 'false' },
          },
          body: { file: '' },
          bodySerializer: asForm(chosen),
        }),
      ),
    onSuccess: () => {
      setFile(null);
      return client.invalidateQueries({ queryKey: ['case', caseId] });
    },
  });
  const fieldError = upload.error instanceof ApiError ? upload.error.fieldErrors.file : undefined;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (file) upload.mutate(file);
      }}
    >
      <Stack mt="md" gap="sm">
        <Group align="end">
          <FileInput
            label={t('files.file')}
            description={t('files.accepted')}
            w={320}
            value={file}
            onChange={setFile}
            error={fieldError}
            clearable
            clearButtonProps={{ 'aria-label': t('files.clear') }}
            required
          />
          <Select
            label={t('files.kindLabel')}
            data={FILE_KINDS.map((k) => ({ value: k, label: t(`files.kind.${k}`) }))}
            value={kind}
            onChange={(v) => v && setKind(v as Kind)}
            allowDeselect={false}
            w={200}
          />
        </Group>
        {session.can('legal.read') && (
          <Checkbox
            label={t('files.markPrivileged')}
            checked={privileged || onlyPrivileged}
            disabled={onlyPrivileged}
            onChange={(e) => setPrivileged(e.currentTarget.checked)}
          />
        )}
        {upload.error && !fieldError && <ErrorAlert error={upload.error} />}
        <Button type="submit" variant="light" w="fit-content" loading={upload.isPending}>
          {t('files.upload')}
        </Button>
      </Stack>
    </form>
  );
}
