import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Radio,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, must, type Schemas } from '../api/client';
import { ErrorAlert, Loading } from '../components/status';
import { formatDateTime } from '../format';
import { useSession } from '../session';

type Mode = Schemas['SetReminderModeDto']['mode'];

/** Deadlines across cases, the user's reminder setting and calendar feed, and (for those who may) the canary and the outbox. */
export default function DeadlinesPage() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <Stack gap="xl">
      <Title order={1}>{t('deadlines.title')}</Title>
      {session.can('cases.read') && <UpcomingDeadlines />}
      <ReminderSettings />
      <CalendarFeed />
      {(session.can('publications.publish') || session.can('users.manage')) && (
        <CanaryStatus canRenew={session.can('publications.publish')} />
      )}
      {session.can('users.manage') && <Outbox />}
    </Stack>
  );
}

function UpcomingDeadlines() {
  const { t, i18n } = useTranslation();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const list = useQuery({
    queryKey: ['deadlines', overdueOnly],
    queryFn: () => must(api.GET('/deadlines', { params: { query: { overdue: overdueOnly } } })),
  });
  const rules = useQuery({
    queryKey: ['deadline-rules'],
    queryFn: () => must(api.GET('/deadline-rules')),
  });
  const labelOf = (rule: string | null | undefined, kind: string) => {
    const found = rule ? rules.data?.items.find((r) => r.id === rule) : undefined;
    if (found) return i18n.language === 'de' ? found.label.de : found.label.en;
    return t(`deadlines.kind.${kind}`, { defaultValue: kind });
  };
  return (
    <Stack component="section" aria-labelledby="upcoming-title">
      <Group justify="space-between">
        <Title order={2} id="upcoming-title">
          {t('deadlines.upcoming')}
        </Title>
        <Switch
          label={t('deadlines.overdueOnly')}
          checked={overdueOnly}
          onChange={(e) => setOverdueOnly(e.currentTarget.checked)}
        />
      </Group>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : (list.data?.items ?? []).length === 0 ? (
        <Text c="dimmed">{t('deadlines.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped aria-label={t('deadlines.upcoming')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('deadlines.due')}</Table.Th>
                <Table.Th>{t('deadlines.case')}</Table.Th>
                <Table.Th>{t('deadlines.what')}</Table.Th>
                <Table.Th>{t('deadlines.state')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(list.data?.items ?? []).map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>{formatDateTime(d.dueAt)}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/cases/${d.caseId}`}>
                      {d.caseReference}
                    </Anchor>{' '}
                    <Text span c="dimmed" size="sm">
                      {d.caseTitle}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {labelOf(d.rule, d.kind ?? 'other')}
                    {d.rule && (
                      <Badge ml="xs" variant="light" size="sm">
                        {t('deadlines.byRule')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {d.overdue ? (
                      <Badge color="red">{t('deadlines.overdue')}</Badge>
                    ) : (
                      <Badge color="gray" variant="outline">
                        {t('deadlines.open')}
                      </Badge>
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

function ReminderSettings() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const prefs = useQuery({
    queryKey: ['reminder-preferences'],
    queryFn: () => must(api.GET('/me/reminder-preferences')),
  });
  const save = useMutation({
    mutationFn: (mode: Mode) => must(api.PUT('/me/reminder-preferences', { body: { mode } })),
    // Shown chosen at once; the answer (or a refetch after an error) settles it.
    onMutate: (mode) =>
      client.setQueryData(['reminder-preferences'], (prev: typeof prefs.data) =>
        prev ? { ...prev, mode } : prev,
      ),
    onSuccess: (data) => client.setQueryData(['reminder-preferences'], data),
    onError: () => void client.invalidateQueries({ queryKey: ['reminder-preferences'] }),
  });
  const reminders = useQuery({
    queryKey: ['my-reminders'],
    queryFn: () => must(api.GET('/me/reminders')),
  });
  return (
    <Stack component="section" aria-labelledby="reminders-title">
      <Title order={2} id="reminders-title">
        {t('deadlines.reminders')}
      </Title>
      {prefs.data && !prefs.data.mailEnabled && (
        <Alert color="yellow" role="status">
          {t('deadlines.mailOff')}
        </Alert>
      )}
      <ErrorAlert error={prefs.error ?? save.error} />
      {prefs.data && (
        <Radio.Group
          label={t('deadlines.modeLabel')}
          value={prefs.data.mode}
          onChange={(value) => save.mutate(value as Mode)}
        >
          <Stack gap="xs" mt="xs">
            <Radio value="immediate" label={t('deadlines.mode.immediate')} />
            <Radio value="digest" label={t('deadlines.mode.digest')} />
            <Radio value="none" label={t('deadlines.mode.none')} />
          </Stack>
        </Radio.Group>
      )}
      {reminders.data && reminders.data.items.length > 0 && (
        <Table aria-label={t('deadlines.recentReminders')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('deadlines.remindedAt')}</Table.Th>
              <Table.Th>{t('deadlines.case')}</Table.Th>
              <Table.Th>{t('deadlines.due')}</Table.Th>
              <Table.Th>{t('deadlines.delivery')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {reminders.data.items.slice(0, 20).map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{formatDateTime(r.createdAt)}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/cases/${r.caseId}`}>
                    {r.caseReference}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {formatDateTime(r.dueAt)}
                  {r.overdue && (
                    <Badge ml="xs" color="red" size="sm">
                      {t('deadlines.overdue')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{t(`deadlines.deliveryState.${r.delivery}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function CalendarFeed() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const prefs = useQuery({
    queryKey: ['reminder-preferences'],
    queryFn: () => must(api.GET('/me/reminder-preferences')),
  });
  const [url, setUrl] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => must(api.POST('/me/calendar-feed')),
    onSuccess: (data) => {
      setUrl(data.url);
      void client.invalidateQueries({ queryKey: ['reminder-preferences'] });
    },
  });
  const revoke = useMutation({
    mutationFn: () => must(api.DELETE('/me/calendar-feed')),
    onSuccess: () => {
      setUrl(null);
      void client.invalidateQueries({ queryKey: ['reminder-preferences'] });
    },
  });
  const active = prefs.data?.calendarFeed.active ?? false;
  return (
    <Stack component="section" aria-labelledby="calendar-title">
      <Title order={2} id="calendar-title">
        {t('deadlines.calendar')}
      </Title>
      <Text size="sm">{t('deadlines.calendarHelp')}</Text>
      <ErrorAlert error={create.error ?? revoke.error} />
      <Text role="status">
        {active
          ? t('deadlines.calendarActive', {
              date: formatDateTime(prefs.data?.calendarFeed.createdAt),
            })
          : t('deadlines.calendarInactive')}
      </Text>
      {url && (
        <TextInput
          label={t('deadlines.calendarUrl')}
          description={t('deadlines.calendarOnce')}
          value={url}
          readOnly
          onFocus={(e) => e.currentTarget.select()}
        />
      )}
      <Group>
        <Button onClick={() => create.mutate()} loading={create.isPending}>
          {active ? t('deadlines.calendarReplace') : t('deadlines.calendarCreate')}
        </Button>
        {active && (
          <Button
            color="red"
            variant="light"
            onClick={() => revoke.mutate()}
            loading={revoke.isPending}
          >
            {t('deadlines.calendarRevoke')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function CanaryStatus({ canRenew }: { canRenew: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const status = useQuery({ queryKey: ['canary'], queryFn: () => must(api.GET('/canary')) });
  const renew = useMutation({
    mutationFn: () => must(api.POST('/canary/renewals')),
    onSettled: () => void client.invalidateQueries({ queryKey: ['canary'] }),
  });
  const current = status.data?.current;
  return (
    <Stack component="section" aria-labelledby="canary-title">
      <Title order={2} id="canary-title">
        {t('deadlines.canary')}
      </Title>
      <Text size="sm">{t('deadlines.canaryHelp')}</Text>
      <ErrorAlert error={status.error ?? renew.error} />
      {status.isPending ? (
        <Loading />
      ) : (
        <>
          <Text role="status">
            {!current
              ? t('deadlines.canaryNone')
              : current.expired
                ? t('deadlines.canaryExpired', { date: formatDateTime(current.expiresAt) })
                : t('deadlines.canaryValid', { date: formatDateTime(current.expiresAt) })}
          </Text>
          {status.data && !status.data.renewable && (
            <Alert color="orange">{t('deadlines.canaryBlocked')}</Alert>
          )}
          {canRenew && (
            <Button
              w="fit-content"
              onClick={() => renew.mutate()}
              loading={renew.isPending}
              disabled={!status.data?.renewable}
            >
              {t('deadlines.canaryRenew', { days: status.data?.validDays ?? 30 })}
            </Button>
          )}
          <Anchor href="/public/canary.txt" target="_blank">
            {t('deadlines.canaryPublic')}
          </Anchor>
        </>
      )}
    </Stack>
  );
}

function Outbox() {
  const { t } = useTranslation();
  const outbox = useQuery({ queryKey: ['outbox'], queryFn: () => must(api.GET('/admin/outbox')) });
  return (
    <Stack component="section" aria-labelledby="outbox-title">
      <Title order={2} id="outbox-title">
        {t('deadlines.outbox')}
      </Title>
      <ErrorAlert error={outbox.error} />
      {outbox.data && outbox.data.items.length === 0 ? (
        <Text c="dimmed">{t('deadlines.outboxEmpty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped aria-label={t('deadlines.outbox')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('deadlines.outboxCreated')}</Table.Th>
                <Table.Th>{t('deadlines.outboxTo')}</Table.Th>
                <Table.Th>{t('deadlines.outboxStatus')}</Table.Th>
                <Table.Th>{t('deadlines.outboxWhy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {outbox.data?.items.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{formatDateTime(m.createdAt)}</Table.Td>
                  <Table.Td>{m.recipient}</Table.Td>
                  <Table.Td>
                    {t(`deadlines.outboxState.${m.status}`)} ({m.attempts})
                  </Table.Td>
                  <Table.Td>{m.lastError ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
