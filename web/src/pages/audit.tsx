import { Alert, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, must } from '../api/client';
import { ErrorAlert, Loading } from '../components/status';
import { formatDateTime, formatNumber } from '../format';

/** The audit trail, newest records as the API pages them, and verification on demand. */
export default function AuditPage() {
  const { t } = useTranslation();
  const events = useInfiniteQuery({
    queryKey: ['audit'],
    queryFn: ({ pageParam }) =>
      must(api.GET('/audit/events', { params: { query: { limit: 50, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const verify = useMutation({ mutationFn: () => must(api.GET('/audit/verify')) });
  const rows = events.data?.pages.flatMap((p) => p.items) ?? [];
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
              : t('audit.broken')}
          </Alert>
        )}
      </div>
      <ErrorAlert error={verify.error ?? events.error} />
      {events.isPending ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped aria-label={t('audit.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.at')}</Table.Th>
                <Table.Th>{t('audit.actor')}</Table.Th>
                <Table.Th>{t('audit.action')}</Table.Th>
                <Table.Th>{t('audit.entity')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{formatDateTime(e.occurredAt)}</Table.Td>
                  <Table.Td>{e.actorLabel}</Table.Td>
                  <Table.Td>{t(`vocab.auditAction.${e.action}`)}</Table.Td>
                  <Table.Td>
                    {e.entityType}
                    {e.details && 'withheld' in e.details && (
                      <Text span c="dimmed">
                        {' '}
                        · {t('audit.withheld')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
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
    </Stack>
  );
}
