import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  NativeSelect,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, must, type Schemas } from '../api/client';
import { ErrorAlert, Loading } from '../components/status';
import { formatDateTime, formatNumber } from '../format';
import { isExact, periodQuery, type PeriodChoice, type PeriodQuery } from '../report-period';
import { useSession } from '../session';

const ReportChart = lazy(() => import('../components/report-chart'));

/** The transparency report of a period: figures, charts, downloads, and publishing (board). */
export default function ReportsPage() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const lastYear = new Date().getFullYear() - 1;
  const [kind, setKind] = useState<PeriodChoice['kind']>('year');
  const [year, setYear] = useState<number>(lastYear);
  const [half, setHalf] = useState<1 | 2>(1);
  const [from, setFrom] = useState(`${lastYear}-01-01`);
  const [to, setTo] = useState(`${lastYear}-12-31`);
  const choice: PeriodChoice =
    kind === 'year' ? { kind, year } : kind === 'half' ? { kind, year, half } : { kind, from, to };
  const query = periodQuery(choice);
  const report = useQuery({
    queryKey: ['report', query, lang],
    queryFn: () =>
      must(
        api.GET('/reports/transparency', {
          params: { query: { ...query, lang, format: 'json' } },
        }),
      ) as Promise<Schemas['TransparencyReportDto']>,
    enabled: !!query,
  });
  const download = (format: 'csv' | 'pdf') =>
    `/reports/transparency?${new URLSearchParams({ ...(query ?? {}), lang, format }).toString()}`;
  return (
    <Stack>
      <Title order={1}>{t('reports.title')}</Title>
      <Card withBorder component="section" aria-labelledby="period-heading">
        <Stack>
          <Title order={2} size="h4" id="period-heading">
            {t('reports.period')}
          </Title>
          <SegmentedControl
            w="fit-content"
            aria-label={t('reports.periodKind')}
            value={kind}
            onChange={(v) => setKind(v as PeriodChoice['kind'])}
            data={[
              { value: 'year', label: t('reports.year') },
              { value: 'half', label: t('reports.half') },
              { value: 'range', label: t('reports.range') },
            ]}
          />
          <Group align="flex-end">
            {kind !== 'range' && (
              <NumberInput
                label={t('reports.year')}
                value={year}
                onChange={(v) => setYear(Number(v))}
                min={1990}
                max={2100}
                allowDecimal={false}
                thousandSeparator={false}
                w={120}
              />
            )}
            {kind === 'half' && (
              <NativeSelect
                label={t('reports.half')}
                value={String(half)}
                onChange={(e) => setHalf(e.currentTarget.value === '2' ? 2 : 1)}
                data={[
                  { value: '1', label: t('reports.h1') },
                  { value: '2', label: t('reports.h2') },
                ]}
              />
            )}
            {kind === 'range' && (
              <>
                <TextInput
                  type="date"
                  label={t('reports.from')}
                  value={from}
                  onChange={(e) => setFrom(e.currentTarget.value)}
                />
                <TextInput
                  type="date"
                  label={t('reports.to')}
                  value={to}
                  onChange={(e) => setTo(e.currentTarget.value)}
                />
              </>
            )}
          </Group>
          {!query && (
            <Text size="sm" c="red.9" role="alert">
              {t('reports.incomplete')}
            </Text>
          )}
          {query && (
            <Group gap="sm">
              <Button component="a" variant="default" href={download('pdf')}>
                {t('reports.pdf')}
              </Button>
              <Button component="a" variant="default" href={download('csv')}>
                {t('reports.csv')}
              </Button>
            </Group>
          )}
        </Stack>
      </Card>
      {query && session.can('publications.publish') && <Publish query={query} lang={lang} />}
      {report.isFetching && !report.data ? (
        <Loading />
      ) : report.error ? (
        <ErrorAlert error={report.error} />
      ) : report.data ? (
        <Figures report={report.data} />
      ) : null}
    </Stack>
  );
}

function Figures({ report }: { report: Schemas['TransparencyReportDto'] }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('reports.generated', {
          label: report.period.label,
          at: formatDateTime(report.generatedAt),
        })}
      </Text>
      <Text size="sm">{report.counts.rule}</Text>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {report.sections.map((section) => (
          <Card
            key={section.key}
            withBorder
            component="section"
            aria-labelledby={`s-${section.key}`}
          >
            <Stack gap="xs">
              <Title order={2} size="h4" id={`s-${section.key}`}>
                {section.title}
              </Title>
              <Text size="sm" c="dimmed">
                {section.explanation}
              </Text>
              {isExact(section.rows) ? (
                <Suspense fallback={null}>
                  <ReportChart section={section} />
                </Suspense>
              ) : (
                <Text size="xs" c="dimmed">
                  {t('reports.banded')}
                </Text>
              )}
              <Table aria-labelledby={`s-${section.key}`} data-testid={`section-${section.key}`}>
                <Table.Tbody>
                  {section.rows.map((row) => (
                    <Table.Tr key={row.key}>
                      <Table.Th fw={400}>{row.label}</Table.Th>
                      <Table.Td ta="right">
                        {typeof row.value === 'number'
                          ? formatNumber(row.value, 1)
                          : (row.value ?? '–')}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function Publish({ query, lang }: { query: PeriodQuery; lang: 'de' | 'en' }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const publish = useMutation({
    mutationFn: () =>
      must(
        api.POST('/publications/reports', {
          body: { ...query, language: lang, revisionNote: note.trim() || undefined },
        }),
      ),
  });
  const done = publish.data;
  return (
    <Card withBorder component="section" aria-labelledby="publish-heading">
      <Stack>
        <Title order={2} size="h4" id="publish-heading">
          {t('reports.publish')}
        </Title>
        <Text size="sm">{t('reports.publishIntro')}</Text>
        <TextInput
          label={t('reports.revisionNote')}
          description={t('reports.revisionNoteHint')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          maw={560}
        />
        <ErrorAlert error={publish.error} />
        {done && (
          <Alert color="green" role="status" title={t('reports.published', { n: done.revision })}>
            <Group gap="md">
              <Anchor href={done.files.pdf.url}>PDF</Anchor>
              <Anchor href={done.files.csv.url}>CSV</Anchor>
              <Anchor href={done.files.json.url}>JSON</Anchor>
              <Anchor href="/public">{t('reports.portal')}</Anchor>
            </Group>
          </Alert>
        )}
        <Button
          w="fit-content"
          onClick={() => publish.mutate()}
          loading={publish.isPending}
          disabled={!!done}
        >
          {t('reports.publishButton', { lang: lang.toUpperCase() })}
        </Button>
      </Stack>
    </Card>
  );
}
