import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Dialog } from './dialog';

export interface Conflict<T extends Record<string, unknown>> {
  mine: Partial<T>;
  current: T;
}

/** A 412: shows the user's change next to the current version, field by field, and lets them re-apply it. */
export function ConflictDialog<T extends Record<string, unknown>>({
  conflict,
  labels,
  onReapply,
  onDiscard,
}: {
  conflict: Conflict<T> | null;
  labels: Record<string, string>;
  onReapply: () => void;
  onDiscard: () => void;
}) {
  const { t } = useTranslation();
  const show = (v: unknown) =>
    v === undefined || v === null || v === ''
      ? '–'
      : typeof v === 'boolean'
        ? t(v ? 'app.yes' : 'app.no')
        : String(v);
  return (
    <Dialog opened={!!conflict} onClose={onDiscard} title={t('conflict.title')}>
      {conflict && (
        <Stack>
          <Text size="sm">{t('conflict.intro')}</Text>
          <Table aria-label={t('conflict.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('conflict.field')}</Table.Th>
                <Table.Th>{t('conflict.yours')}</Table.Th>
                <Table.Th>{t('conflict.theirs')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {Object.keys(conflict.mine).map((field) => (
                <Table.Tr key={field}>
                  <Table.Th scope="row">{labels[field] ?? field}</Table.Th>
                  <Table.Td>{show(conflict.mine[field])}</Table.Td>
                  <Table.Td>{show(conflict.current[field])}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group justify="flex-end">
            <Button variant="default" onClick={onDiscard}>
              {t('conflict.discard')}
            </Button>
            <Button onClick={onReapply}>{t('conflict.reapply')}</Button>
          </Group>
        </Stack>
      )}
    </Dialog>
  );
}
