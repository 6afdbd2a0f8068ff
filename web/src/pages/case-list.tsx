import {
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Anchor,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CASE_STATUSES, REQUEST_TYPES } from '../../../src/domain/vocabulary.js';
import { caseListFilters, caseListQuery } from '../case-list-query';
import { ErrorAlert, Loading } from '../components/status';
import { formatDateTime } from '../format';
import { useSession } from '../session';
import { UnitSelect } from '../components/units/unit-select';

/** The case list: the API's filters and full-text search, kept in the URL; pages follow the keyset cursor as you scroll. */
export function CaseListPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debouncedQ] = useDebouncedValue(q, 300);
  const { filters, status, requestType, hasGag, overdue, includeVoid, unit, sort } =
    caseListFilters(params);

  const update = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  useEffect(() => {
    if ((params.get('q') ?? '') !== debouncedQ) update('q', debouncedQ.trim() || null);
  }, [debouncedQ]);

  // Every navigation here asks afresh in the route's loader; the page takes that answer as it is.
  const cases = useInfiniteQuery({ ...caseListQuery(filters), staleTime: 30_000 });
  const rows = cases.data?.pages.flatMap((p) => p.items) ?? [];

  // Scrolling near the end loads the next page; the button does the same for the keyboard.
  const sentinel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = sentinel.current;
    if (!el) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries[0]?.isIntersecting && cases.hasNextPage && !cases.isFetchingNextPage)
        void cases.fetchNextPage();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [cases]);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('cases.title')}</Title>
        {session.can('cases.write') && (
          <Button component={Link} to="/cases/new">
            {t('cases.newCase')}
          </Button>
        )}
      </Group>
      <Group align="flex-end" gap="sm">
        <TextInput
          label={t('cases.search')}
          description={t('cases.searchHint')}
          type="search"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={280}
        />
        <MultiSelect
          label={t('cases.status')}
          placeholder={status.length ? undefined : t('cases.any')}
          data={CASE_STATUSES.map((s) => ({ value: s, label: t(`vocab.status.${s}`) }))}
          value={status}
          onChange={(v) => update('status', v.join(',') || null)}
          clearable
          w={220}
        />
        <MultiSelect
          label={t('cases.requestType')}
          placeholder={requestType.length ? undefined : t('cases.any')}
          data={REQUEST_TYPES.map((s) => ({ value: s, label: t(`vocab.requestType.${s}`) }))}
          value={requestType}
          onChange={(v) => update('requestType', v.join(',') || null)}
          clearable
          searchable
          w={260}
        />
        <UnitSelect
          label={t('units.filter')}
          placeholder={t('cases.any')}
          value={unit}
          onChange={(v) => update('unit', v)}
          w={260}
        />
        <Select
          label={t('cases.sort')}
          data={[
            { value: '-receivedAt', label: t('cases.sortNewest') },
            { value: 'receivedAt', label: t('cases.sortOldest') },
            { value: '-updatedAt', label: t('cases.sortUpdated') },
          ]}
          value={sort}
          onChange={(v) => update('sort', v === '-receivedAt' ? null : v)}
          allowDeselect={false}
          w={180}
        />
        <Stack gap={6} pb={4}>
          <Checkbox
            label={t('cases.hasGag')}
            checked={hasGag}
            onChange={(e) => update('hasGag', e.currentTarget.checked ? 'true' : null)}
          />
          <Checkbox
            label={t('cases.overdue')}
            checked={overdue}
            onChange={(e) => update('overdue', e.currentTarget.checked ? 'true' : null)}
          />
          <Checkbox
            label={t('caseTime.showVoid')}
            checked={includeVoid}
            onChange={(e) => update('includeVoid', e.currentTarget.checked ? 'true' : null)}
          />
        </Stack>
      </Group>
      {cases.isPending ? (
        <Loading />
      ) : cases.isError ? (
        <ErrorAlert error={cases.error} />
      ) : rows.length === 0 ? (
        <Text>{t('cases.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover aria-label={t('cases.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cases.reference')}</Table.Th>
                <Table.Th>{t('cases.caseTitle')}</Table.Th>
                <Table.Th>{t('cases.requestType')}</Table.Th>
                <Table.Th>{t('cases.status')}</Table.Th>
                <Table.Th>{t('cases.receivedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.reference}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/cases/${c.id}`}>
                      {c.title}
                    </Anchor>
                    {c.matchedInFiles ? (
                      <Text size="sm" c="dimmed">
                        {t('cases.matchedInFiles')}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{t(`vocab.requestType.${c.requestType}`)}</Table.Td>
                  <Table.Td>{t(`vocab.status.${c.status}`)}</Table.Td>
                  <Table.Td>{formatDateTime(c.receivedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <div ref={sentinel} />
      {cases.hasNextPage ? (
        <Button
          variant="default"
          onClick={() => void cases.fetchNextPage()}
          loading={cases.isFetchingNextPage}
          w="fit-content"
        >
          {t('cases.loadMore')}
        </Button>
      ) : (
        rows.length > 0 && (
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('cases.allLoaded', { count: rows.length })}
          </Text>
        )
      )}
    </Stack>
  );
}
