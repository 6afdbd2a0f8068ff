import { Button, Card, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, must } from '../../api/client';
import { formatDateTime } from '../../format';
import { useSession } from '../../session';
import { ErrorAlert, Loading } from '../status';

/** Who may see a restricted case; the board adds and removes members. */
export function CaseMembers({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const manage = session.can('members.manage');
  const members = useQuery({
    queryKey: ['case', caseId, 'members'],
    queryFn: () => must(api.GET('/cases/{caseId}/members', { params: { path: { caseId } } })),
  });
  const candidates = useQuery({
    queryKey: ['case', caseId, 'members', 'candidates'],
    queryFn: () =>
      must(api.GET('/cases/{caseId}/members/candidates', { params: { path: { caseId } } })),
    enabled: manage,
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['case', caseId, 'members'] });
  const [chosen, setChosen] = useState('');
  const add = useMutation({
    mutationFn: (userId: string) =>
      must(api.POST('/cases/{caseId}/members', { params: { path: { caseId } }, body: { userId } })),
    onSuccess: () => {
      setChosen('');
      return refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (userId: string) =>
      must(
        api.DELETE('/cases/{caseId}/members/{userId}', {
          params: { path: { caseId, userId } },
        }),
      ),
    onSuccess: refresh,
  });
  const items = members.data?.items ?? [];
  const options = candidates.data?.items ?? [];
  return (
    <Card withBorder component="section" aria-labelledby="members-heading">
      <Stack>
        <Title order={2} size="h3" id="members-heading">
          {t('members.title')}
        </Title>
        <Text size="sm">{t('members.intro')}</Text>
        <ErrorAlert error={members.error ?? add.error ?? remove.error} />
        {members.isPending ? (
          <Loading />
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('members.none')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={480}>
            <Table aria-labelledby="members-heading">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('members.person')}</Table.Th>
                  <Table.Th>{t('members.role')}</Table.Th>
                  <Table.Th>{t('members.since')}</Table.Th>
                  {manage && <Table.Th>{t('members.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((m) => (
                  <Table.Tr key={m.userId}>
                    <Table.Td>
                      {m.displayName}{' '}
                      <Text span size="xs" c="dimmed">
                        {m.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>{t(`vocab.role.${m.role}`, { defaultValue: m.role ?? '' })}</Table.Td>
                    <Table.Td>{formatDateTime(m.addedAt)}</Table.Td>
                    {manage && (
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={`${t('members.remove')}: ${m.email}`}
                          loading={remove.isPending && remove.variables === m.userId}
                          disabled={m.userId === session.me?.id}
                          onClick={() => m.userId && remove.mutate(m.userId)}
                        >
                          {t('members.remove')}
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {manage && (
          <Group align="flex-end">
            <NativeSelect
              label={t('members.add')}
              value={chosen}
              onChange={(e) => setChosen(e.currentTarget.value)}
              data={[
                { value: '', label: t('members.choose') },
                ...options.map((o) => ({
                  value: o.userId ?? '',
                  label: `${o.displayName} (${o.email}, ${t(`vocab.role.${o.role}`, { defaultValue: o.role ?? '' })})`,
                })),
              ]}
            />
            <Button disabled={!chosen} loading={add.isPending} onClick={() => add.mutate(chosen)}>
              {t('members.addButton')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
