import { Alert, Button, Card, Checkbox, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFECT_OUTCOMES, REQUEST_DEFECTS } from '../../../../src/domain/vocabulary.js';
import { ApiError, api, ifMatch, must, type Schemas } from '../../api/client';
import type { CaseFile } from '../../case-file';
import { ErrorAlert } from '../status';

type Defect = Schemas['CaseFileDto']['defects'] extends (infer D)[] | undefined ? D : never;
type Outcome = NonNullable<Schemas['CaseFileDto']['defectOutcome']>;

/**
 * Whether the request was defective or unlawful (no or a wrong legal basis, sent unencrypted, to
 * the wrong addressee) and what became of it: the board records it here, the transparency report
 * counts it.
 */
export function RequestDefects({ file, canWrite }: { file: CaseFile; canWrite: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [defects, setDefects] = useState<Defect[]>((file.defects ?? []) as Defect[]);
  const [outcome, setOutcome] = useState<Outcome | null>(file.defectOutcome ?? null);
  const [saved, setSaved] = useState(false);
  // A newer version of the case (this save, or someone else's) brings its values; the note that
  // this save succeeded stays until the user changes something again.
  const [shownVersion, setShownVersion] = useState(file.version);
  if (file.version !== shownVersion) {
    setShownVersion(file.version);
    setDefects((file.defects ?? []) as Defect[]);
    setOutcome(file.defectOutcome ?? null);
  }
  const save = useMutation({
    mutationFn: () =>
      must(
        api.PATCH('/cases/{id}', {
          params: { path: { id: file.id }, header: ifMatch(file.version) },
          body: { defects, defectOutcome: defects.length ? outcome : null },
        }),
      ),
    onSuccess: async () => {
      setSaved(true);
      await client.invalidateQueries({ queryKey: ['case', file.id] });
    },
  });
  const title = t('reportDimensions.defects.title');
  return (
    <Card withBorder component="section" aria-label={title}>
      <Title order={2} size="h3" mb="xs">
        {title}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('reportDimensions.defects.explanation')}
      </Text>
      {canWrite ? (
        <Stack gap="sm">
          <Checkbox.Group
            label={t('reportDimensions.defects.defects')}
            value={defects}
            onChange={(v) => {
              setSaved(false);
              setDefects(v as Defect[]);
            }}
          >
            <Group mt="xs">
              {REQUEST_DEFECTS.map((d) => (
                <Checkbox key={d} value={d} label={t(`reportDimensions.defects.defect.${d}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Select
            label={t('reportDimensions.defects.outcome')}
            disabled={defects.length === 0}
            clearable
            value={outcome}
            onChange={(v) => {
              setSaved(false);
              setOutcome(v as Outcome | null);
            }}
            data={DEFECT_OUTCOMES.map((o) => ({
              value: o,
              label: t(`reportDimensions.defects.defectOutcome.${o}`),
            }))}
            maw={360}
          />
          <Group>
            <Button
              variant="default"
              w="fit-content"
              loading={save.isPending}
              onClick={() => save.mutate()}
            >
              {t('reportDimensions.defects.save')}
            </Button>
            {saved && (
              <Text size="sm" role="status">
                {t('reportDimensions.defects.saved')}
              </Text>
            )}
          </Group>
          {save.isError && save.error instanceof ApiError && <ErrorAlert error={save.error} />}
        </Stack>
      ) : (file.defects ?? []).length === 0 ? (
        <Text c="dimmed">{t('reportDimensions.defects.none')}</Text>
      ) : (
        <Alert color="orange" variant="light">
          {(file.defects ?? []).map((d) => t(`reportDimensions.defects.defect.${d}`)).join(', ')}
          {file.defectOutcome
            ? ` · ${t(`reportDimensions.defects.defectOutcome.${file.defectOutcome}`)}`
            : ''}
        </Alert>
      )}
    </Card>
  );
}
