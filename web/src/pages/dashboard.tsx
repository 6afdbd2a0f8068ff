import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, must } from '../api/client';
import { ErrorAlert, Loading } from '../components/status';
import { formatDateTime } from '../format';
import { useSession } from '../session';

const OPEN = ['received', 'under_review', 'responded', 'challenged'] as const;
const SHOWN = 8;

/** The landing page: open cases, cases under a gag, open and overdue deadlines, recent activity. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const session = useSession();
  const readsCases = session.can('cases.read');
  return (
    <Stack>
      <Title order={1}>{t('dashboard.title')}</Title>
      {!readsCases && <Text>{t('dashboard.noCases')}</Text>}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {readsCases && <Deadlines />}
        {readsCases && <OpenCases />}
        {readsCases && <GaggedCases />}
        {session.can('audit.read') && <RecentActivity />}
      </SimpleGrid>
    </Stack>
  );
}

function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Stack gap="xs">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

function Deadlines() {
  const { t } = useTranslation();
  const deadlines = useQuery({
    queryKey: ['deadlines'],
    queryFn: () => must(api.GET('/deadlines')),
  });
  const items = deadlines.data?.items ?? [];
  const overdue = items.filter((d) => d.overdue).length;
  return (
    <Panel id="dash-deadlines" title={t('dashboard.deadlines')}>
      {deadlines.isPending ? (
        <Loading />
      ) : deadlines.error ? (
        <ErrorAlert error={deadlines.error} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('dashboard.noDeadlines')}
        </Text>
      ) : (
        <>
          <Text size="sm" data-testid="deadline-summary">
            {t('dashboard.deadlineSummary', { count: items.length, overdue })}
          </Text>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dashboard.due')}</Table.Th>
                <Table.Th>{t('dashboard.case')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.slice(0, SHOWN).map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      {formatDateTime(d.dueAt)}
                      {d.overdue && (
                        <Badge color="red.9" size="sm">
                          {t('dashboard.overdue')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/cases/${d.caseId ?? ''}`}>
                      {d.caseReference} · {d.caseTitle}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {t(`dashboard.deadlineKind.${d.kind}`, { defaultValue: d.kind ?? '' })}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Panel>
  );
}

function CaseLinks(props: {
  query: Record<string, unknown>;
  id: string;
  title: string;
  empty: string;
  more: string;
}) {
  const { t } = useTranslation();
  const cases = useQuery({
    queryKey: ['cases', 'dashboard', props.query],
    queryFn: () =>
      must(
        api.GET('/cases', {
          params: { query: { limit: SHOWN, sort: '-updatedAt', ...props.query } },
        }),
      ),
  });
  const items = cases.data?.items ?? [];
  return (
    <Panel id={props.id} title={props.title}>
      {cases.isPending ? (
        <Loading />
      ) : cases.error ? (
        <ErrorAlert error={cases.error} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {props.empty}
        </Text>
      ) : (
        <Stack gap={6}>
          {items.map((c) => (
            <Group key={c.id} gap="xs" wrap="nowrap" justify="space-between">
              <Anchor component={Link} to={`/cases/${c.id}`} lineClamp={1}>
                {c.reference} · {c.title}
              </Anchor>
              <Badge variant="filled" color="gray.7" style={{ flexShrink: 0 }}>
                {t(`vocab.status.${c.status}`)}
              </Badge>
            </Group>
          ))}
          {cases.data?.nextCursor && (
            <Anchor component={Link} to={props.more} size="sm">
              {t('dashboard.all')}
            </Anchor>
          )}
        </Stack>
      )}
    </Panel>
  );
}

function OpenCases() {
  const { t } = useTranslation();
  return (
    <CaseLinks
      id="dash-open"
      title={t('dashboard.open')}
      empty={t('dashboard.noOpen')}
      query={{ status: [...OPEN] }}
      more={`/cases?status=${OPEN.join(',')}`}
    />
  );
}

function GaggedCases() {
  const { t } = useTranslation();
  return (
    <CaseLinks
      id="dash-gagged"
      title={t('dashboard.gagged')}
      empty={t('dashboard.noGagged')}
      query={{ hasGag: true }}
      more="/cases?hasGag=true"
    />
  );
}

function RecentActivity() {
  const { t } = useTranslation();
  const events = useQuery({
    queryKey: ['audit', 'recent'],
    queryFn: () => must(api.GET('/audit/events', { params: { query: { limit: SHOWN } } })),
  });
  const items = events.data?.items ?? [];
  return (
    <Panel id="dash-activity" title={t('dashboard.activity')}>
      {events.isPending ? (
        <Loading />
      ) : events.error ? (
        <ErrorAlert error={events.error} />
      ) : (
        <Stack gap={6}>
          {items.map((e) => (
            <Text key={e.id} size="sm">
              <Text span c="dimmed" size="xs">
                {formatDateTime(e.occurredAt)}
              </Text>{' '}
              {t(`vocab.auditAction.${e.action}`, { defaultValue: e.action })} · {e.actorLabel}
              {e.caseId && (
                <>
                  {' · '}
                  <Anchor component={Link} to={`/cases/${e.caseId}`} size="sm">
                    {t('dashboard.case')}
                  </Anchor>
                </>
              )}
            </Text>
          ))}
        </Stack>
      )}
    </Panel>
  );
}
