import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Code,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { AUDIT_ACTIONS, type AuditAction } from '../../../src/audit/audit-entry.js';
import { fieldLabel, recordKindLabel } from '../../../src/i18n/field-labels.js';
import { api, must, type Schemas } from '../api/client';
import { capital } from '../components/case/event-words';
import { ErrorAlert, Loading } from '../components/status';
import { formatDateTime, formatNumber } from '../format';
import { useSession } from '../session';

type Event = Schemas['AuditEventDto'];

/** A day of the date field ("2026-12-01") as the start of that local day, in UTC. */
const dayStart = (day: string, plusDays = 0) => {
  const d = new Date(`${day}T00:00:00`);
  d.setDate(d.getDate() + plusDays);
  return d.toISOString();
};

/**
 * The audit trail with the API's filters (action, time, and by a click on a row: who, which case),
 * kept in the address; verification on demand; the signed checkpoints. What the reader may not see
 * is not listed at all; what is privileged (legal notes, for auditors) is shown as withheld.
 */
export default function AuditPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const filter = {
    action: params.get('action') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    actorId: params.get('actor') ?? '',
    actorLabel: params.get('actorLabel') ?? '',
    caseId: params.get('case') ?? '',
  };
  const set = (changes: Record<string, string>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );
  const query = {
    limit: 50,
    action: (filter.action || undefined) as AuditAction | undefined,
    from: filter.from ? dayStart(filter.from) : undefined,
    // The "to" day is included: events before the start of the next day.
    to: filter.to ? dayStart(filter.to, 1) : undefined,
    actorId: filter.actorId || undefined,
    caseId: filter.caseId || undefined,
  };
  const events = useInfiniteQuery({
    queryKey: ['audit', query],
    queryFn: ({ pageParam }) =>
      must(api.GET('/audit/events', { params: { query: { ...query, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const verify = useMutation({ mutationFn: () => must(api.GET('/audit/verify')) });
  const rows = events.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.values(query).filter(Boolean).length > 1;
  const readsCases = session.can('cases.read');
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('audit.title')}</Title>
        <Button onClick={() => verify.mutate()} loading={verify.isPending}>
          {t('audit.verify')}
        </Button>
      </Group>
      <div aria-live="polite">
        {verify.data && (
          <Alert color={verify.data.valid ? 'green' : 'red'} role="status">
            {verify.data.valid
              ? t('audit.verified', { count: formatNumber(verify.data.size) })
              : t('audit.broken')}{' '}
            {t('audit.checkpointsChecked', {
              count: verify.data.checkpointsChecked,
              n: formatNumber(verify.data.checkpointsChecked),
            })}
            {verify.data.firstBroken && (
              <Text size="sm" mt="xs">
                {t('audit.firstBroken', {
                  seq: verify.data.firstBroken.seq,
                  reason: verify.data.firstBroken.reason,
                })}{' '}
                {verify.data.firstBroken.detail}
              </Text>
            )}
          </Alert>
        )}
      </div>
      <ErrorAlert error={verify.error} />

      <Card withBorder component="section" aria-labelledby="audit-filters">
        <Stack gap="sm">
          <Title order={2} size="h4" id="audit-filters">
            {t('audit.filters')}
          </Title>
          <Group align="flex-end">
            <NativeSelect
              label={t('audit.action')}
              value={filter.action}
              onChange={(e) => set({ action: e.currentTarget.value })}
              data={[
                { value: '', label: t('audit.anyAction') },
                ...AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`vocab.auditAction.${a}`) })),
              ]}
            />
            <TextInput
              type="date"
              label={t('audit.from')}
              value={filter.from}
              onChange={(e) => set({ from: e.currentTarget.value })}
            />
            <TextInput
              type="date"
              label={t('audit.to')}
              value={filter.to}
              onChange={(e) => set({ to: e.currentTarget.value })}
            />
            {filtered && (
              <Button
                variant="default"
                onClick={() =>
                  set({ action: '', from: '', to: '', actor: '', actorLabel: '', case: '' })
                }
              >
                {t('audit.clear')}
              </Button>
            )}
          </Group>
          {(filter.actorId || filter.caseId) && (
            <Group gap="xs">
              {filter.actorId && (
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => set({ actor: '', actorLabel: '' })}
                  aria-label={t('audit.removeFilter', {
                    what: `${t('audit.actor')}: ${filter.actorLabel || filter.actorId}`,
                  })}
                >
                  {t('audit.actor')}: {filter.actorLabel || filter.actorId} ✕
                </Button>
              )}
              {filter.caseId && (
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => set({ case: '' })}
                  aria-label={t('audit.removeFilter', { what: t('audit.oneCase') })}
                >
                  {t('audit.oneCase')} ✕
                </Button>
              )}
            </Group>
          )}
          <Text size="xs" c="dimmed">
            {t('audit.filterHint')}
          </Text>
        </Stack>
      </Card>

      <ErrorAlert error={events.error} />
      {events.isPending ? (
        <Loading />
      ) : rows.length === 0 ? (
        <Text c="dimmed">{t('audit.noEvents')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped aria-label={t('audit.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.seq')}</Table.Th>
                <Table.Th>{t('audit.at')}</Table.Th>
                <Table.Th>{t('audit.actor')}</Table.Th>
                <Table.Th>{t('audit.action')}</Table.Th>
                <Table.Th>{t('audit.entity')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((e, i) => {
                // Unfiltered, a gap in the numbers is what this reader may not see.
                const gap = filtered ? 0 : e.seq - (rows[i - 1]?.seq ?? 0) - 1;
                return (
                  <Fragment key={e.id}>
                    {gap > 0 && (
                      <Table.Tr data-testid="withheld-gap">
                        <Table.Td colSpan={5}>
                          <Text size="sm" c="dimmed" fs="italic">
                            {t('audit.gap', { count: gap, n: formatNumber(gap) })}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    )}
                    <EventRow
                      event={e}
                      readsCases={readsCases}
                      onActor={() => set({ actor: e.actorId ?? '', actorLabel: e.actorLabel })}
                      onCase={() => set({ case: e.caseId ?? '' })}
                    />
                  </Fragment>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {events.hasNextPage && (
        <Button
          variant="default"
          w="fit-content"
          onClick={() => void events.fetchNextPage()}
          loading={events.isFetchingNextPage}
        >
          {t('audit.loadMore')}
        </Button>
      )}
      <Checkpoints />
    </Stack>
  );
}

function EventRow({
  event: e,
  readsCases,
  onActor,
  onCase,
}: {
  event: Event;
  readsCases: boolean;
  onActor: () => void;
  onCase: () => void;
}) {
  const { t, i18n } = useTranslation();
  const withheld = !!e.details && 'withheld' in e.details;
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const changed = e.changes ? Object.keys(e.changes).map((f) => fieldLabel(f, lang)) : [];
  return (
    <Table.Tr>
      <Table.Td>{e.seq}</Table.Td>
      <Table.Td>{formatDateTime(e.occurredAt)}</Table.Td>
      <Table.Td>
        {e.actorId ? (
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={onActor}
            aria-label={t('audit.onlyActor', { actor: e.actorLabel })}
          >
            {e.actorLabel}
          </Anchor>
        ) : (
          e.actorLabel
        )}
      </Table.Td>
      <Table.Td>{t(`vocab.auditAction.${e.action}`, { defaultValue: e.action })}</Table.Td>
      <Table.Td>
        <Stack gap={2}>
          <Group gap={6}>
            <Text size="sm" span>
              {capital(recordKindLabel(e.entityType, lang))}
            </Text>
            {withheld && (
              <Badge color="gray.7" variant="outline" size="sm">
                {t('audit.withheld')}
              </Badge>
            )}
          </Group>
          {changed.length > 0 && !withheld && (
            <Text size="xs" c="dimmed">
              {t('audit.fields')}: {changed.join(', ')}
            </Text>
          )}
          {e.caseId && (
            <Group gap="xs">
              <Anchor
                component="button"
                type="button"
                size="xs"
                onClick={onCase}
                aria-label={t('audit.onlyCase', { seq: e.seq })}
              >
                {t('audit.sameCase')}
              </Anchor>
              {readsCases && (
                <Anchor
                  component={Link}
                  to={`/cases/${e.caseId}`}
                  size="xs"
                  aria-label={t('audit.openCase', { seq: e.seq })}
                >
                  {t('audit.toCase')}
                </Anchor>
              )}
            </Group>
          )}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

/** The signed checkpoints, newest first, with what a verifier needs: the note, the signature, the key. */
function Checkpoints() {
  const { t } = useTranslation();
  const list = useInfiniteQuery({
    queryKey: ['audit', 'checkpoints'],
    queryFn: ({ pageParam }) =>
      must(api.GET('/audit/checkpoints', { params: { query: { limit: 10, before: pageParam } } })),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const key = useQuery({
    queryKey: ['audit', 'public-key'],
    queryFn: () => must(api.GET('/audit/public-key')),
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card withBorder component="section" aria-labelledby="checkpoints-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="checkpoints-heading">
          {t('audit.checkpoints')}
        </Title>
        <Text size="sm">{t('audit.checkpointsIntro')}</Text>
        {key.data && (
          <Text size="sm">
            {t('audit.publicKey')}: <Code>{key.data.keyId}</Code> ({key.data.algorithm}) ·{' '}
            <Anchor href="/audit/public-key">/audit/public-key</Anchor>
          </Text>
        )}
        <ErrorAlert error={list.error} />
        {list.isPending ? (
          <Loading />
        ) : items.length === 0 ? (
          <Text c="dimmed">{t('audit.noCheckpoints')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table aria-labelledby="checkpoints-heading" verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audit.size')}</Table.Th>
                  <Table.Th>{t('audit.signedAt')}</Table.Th>
                  <Table.Th>{t('audit.rootHash')}</Table.Th>
                  <Table.Th>{t('audit.signature')}</Table.Th>
                  <Table.Th>{t('audit.keyId')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((cp) => (
                  <Table.Tr key={cp.size}>
                    <Table.Td>
                      <Anchor href={`/audit/checkpoints/${cp.size}`}>
                        {formatNumber(cp.size)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{formatDateTime(cp.signedAt)}</Table.Td>
                    <Table.Td>
                      <Code className="hash">{cp.rootHash}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Code className="hash">{cp.signature}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Code>{cp.keyId}</Code>
                      {!cp.publicKey && (
                        <Text size="xs" c="dimmed">
                          {t('audit.olderKey')}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {list.hasNextPage && (
          <Button
            variant="default"
            w="fit-content"
            onClick={() => void list.fetchNextPage()}
            loading={list.isFetchingNextPage}
          >
            {t('audit.olderCheckpoints')}
          </Button>
        )}
        <Text size="xs" c="dimmed">
          {t('audit.howToVerify')}
        </Text>
      </Stack>
    </Card>
  );
}
