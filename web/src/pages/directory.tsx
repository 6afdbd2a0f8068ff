import {
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { AUTHORITY_KINDS, INVENTORY_KINDS } from '../../../src/domain/vocabulary.js';
import { ApiError, api, ifMatch, must, type Schemas } from '../api/client';
import { Dialog } from '../components/dialog';
import { ErrorAlert, Loading } from '../components/status';
import { useSession } from '../session';

type Authority = Schemas['AuthorityDto'];
type Item = Schemas['InventoryItemDto'];

/** The directories the cases refer to: authorities and the inventory of systems and services. */
export default function DirectoryPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'inventory' ? 'inventory' : 'authorities';
  return (
    <Stack>
      <Title order={1}>{t('directory.title')}</Title>
      <Text size="sm">{t('directory.intro')}</Text>
      <Tabs
        value={tab}
        onChange={(value) => setParams(value === 'inventory' ? { tab: 'inventory' } : {})}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="authorities">{t('directory.authorities')}</Tabs.Tab>
          <Tabs.Tab value="inventory">{t('directory.inventory')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="authorities" pt="md">
          <Authorities />
        </Tabs.Panel>
        <Tabs.Panel value="inventory" pt="md">
          <Inventory />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** A list line "a, b, c" as the API's list of strings; empty parts dropped. */
const toList = (value: string) =>
  value
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
/** An empty optional text is sent as null (cleared), not as "". */
const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

function Authorities() {
  const { t } = useTranslation();
  const session = useSession();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const [query] = useDebouncedValue(q.trim(), 250);
  const [editing, setEditing] = useState<Authority | 'new' | null>(null);
  const list = useQuery({
    queryKey: ['authorities', query, kind],
    queryFn: () =>
      must(
        api.GET('/authorities', {
          params: {
            query: {
              q: query || undefined,
              kind: (kind || undefined) as Authority['kind'] | undefined,
            },
          },
        }),
      ),
  });
  const items = (list.data?.items ?? []) as Authority[];
  const write = session.can('directory.write');
  return (
    <Stack>
      <Group align="flex-end">
        <TextInput
          label={t('directory.search')}
          type="search"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          maw={320}
        />
        <NativeSelect
          label={t('directory.kind')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value)}
          data={[
            { value: '', label: t('directory.allKinds') },
            ...AUTHORITY_KINDS.map((k) => ({ value: k, label: t(`vocab.authorityKind.${k}`) })),
          ]}
        />
        {write && <Button onClick={() => setEditing('new')}>{t('directory.newAuthority')}</Button>}
      </Group>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('directory.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped aria-label={t('directory.authorities')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('directory.name')}</Table.Th>
                <Table.Th>{t('directory.kind')}</Table.Th>
                <Table.Th>{t('directory.country')}</Table.Th>
                <Table.Th>{t('directory.jurisdiction')}</Table.Th>
                {write && <Table.Th>{t('app.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{a.name}</Table.Td>
                  <Table.Td>{t(`vocab.authorityKind.${a.kind}`)}</Table.Td>
                  <Table.Td>{a.country}</Table.Td>
                  <Table.Td>{a.jurisdiction}</Table.Td>
                  {write && (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setEditing(a)}
                        aria-label={`${t('directory.edit')}: ${a.name}`}
                      >
                        {t('directory.edit')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <AuthorityDialog
          authority={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

function AuthorityDialog({
  authority,
  onClose,
}: {
  authority: Authority | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useForm({
    initialValues: {
      name: authority?.name ?? '',
      kind: authority?.kind ?? 'police',
      country: authority?.country ?? 'DE',
      jurisdiction: authority?.jurisdiction ?? '',
      notes: authority?.notes ?? '',
    },
  });
  const save = useMutation({
    mutationFn: (v: typeof form.values) => {
      const body = {
        name: v.name.trim(),
        kind: v.kind,
        country: v.country.trim().toUpperCase(),
        jurisdiction: orNull(v.jurisdiction),
        notes: orNull(v.notes),
      };
      return authority
        ? must(
            api.PATCH('/authorities/{id}', {
              params: { path: { id: authority.id }, header: ifMatch(authority.version) },
              body,
            }),
          )
        : must(api.POST('/authorities', { body }));
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['authorities'] });
      onClose();
    },
    onError: (e) => e instanceof ApiError && e.status === 400 && form.setErrors(e.fieldErrors),
  });
  return (
    <Dialog
      opened
      onClose={onClose}
      title={authority ? `${t('directory.edit')}: ${authority.name}` : t('directory.newAuthority')}
    >
      <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
        <Stack>
          <TextInput
            label={t('directory.name')}
            required
            data-autofocus
            {...form.getInputProps('name')}
          />
          <NativeSelect
            label={t('directory.kind')}
            data={AUTHORITY_KINDS.map((k) => ({ value: k, label: t(`vocab.authorityKind.${k}`) }))}
            {...form.getInputProps('kind')}
          />
          <TextInput
            label={t('directory.country')}
            description={t('directory.countryHint')}
            required
            maxLength={2}
            {...form.getInputProps('country')}
          />
          <TextInput label={t('directory.jurisdiction')} {...form.getInputProps('jurisdiction')} />
          <Textarea
            label={t('directory.notes')}
            autosize
            minRows={2}
            {...form.getInputProps('notes')}
          />
          <ErrorAlert
            error={save.error instanceof ApiError && save.error.status === 400 ? null : save.error}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('app.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('app.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

function Inventory() {
  const { t } = useTranslation();
  const session = useSession();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Item | 'new' | null>(null);
  const list = useQuery({ queryKey: ['inventory'], queryFn: () => must(api.GET('/inventory')) });
  const needle = q.trim().toLocaleLowerCase();
  // The inventory is listed whole (at most 1,000 items), so the search narrows it here.
  const items = ((list.data?.items ?? []) as Item[]).filter(
    (i) =>
      !needle ||
      [i.name, i.location, i.provider, i.owner, ...(i.services ?? []), ...(i.identifiers ?? [])]
        .filter((s): s is string => !!s)
        .some((s) => s.toLocaleLowerCase().includes(needle)),
  );
  const write = session.can('directory.write');
  return (
    <Stack>
      <Group align="flex-end">
        <TextInput
          label={t('directory.search')}
          type="search"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          maw={320}
        />
        {write && <Button onClick={() => setEditing('new')}>{t('directory.newItem')}</Button>}
      </Group>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('directory.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped aria-label={t('directory.inventory')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('directory.name')}</Table.Th>
                <Table.Th>{t('directory.kind')}</Table.Th>
                <Table.Th>{t('directory.services')}</Table.Th>
                <Table.Th>{t('directory.identifiers')}</Table.Th>
                <Table.Th>{t('directory.location')}</Table.Th>
                {write && <Table.Th>{t('app.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>{i.name}</Table.Td>
                  <Table.Td>{t(`directory.inventoryKind.${i.kind}`)}</Table.Td>
                  <Table.Td>{(i.services ?? []).join(', ')}</Table.Td>
                  <Table.Td>{(i.identifiers ?? []).join(', ')}</Table.Td>
                  <Table.Td>{[i.location, i.provider].filter(Boolean).join(' · ')}</Table.Td>
                  {write && (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setEditing(i)}
                        aria-label={`${t('directory.edit')}: ${i.name}`}
                      >
                        {t('directory.edit')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <ItemDialog item={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}

function ItemDialog({ item, onClose }: { item: Item | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useForm({
    initialValues: {
      name: item?.name ?? '',
      kind: item?.kind ?? 'virtual_server',
      services: (item?.services ?? []).join(', '),
      identifiers: (item?.identifiers ?? []).join(', '),
      location: item?.location ?? '',
      provider: item?.provider ?? '',
      owner: item?.owner ?? '',
      usersServed: (item?.usersServed ?? '') as number | '',
      notes: item?.notes ?? '',
    },
  });
  const save = useMutation({
    mutationFn: (v: typeof form.values) => {
      const body = {
        name: v.name.trim(),
        kind: v.kind,
        services: toList(v.services),
        identifiers: toList(v.identifiers),
        location: orNull(v.location),
        provider: orNull(v.provider),
        owner: orNull(v.owner),
        usersServed: v.usersServed === '' ? null : v.usersServed,
        notes: orNull(v.notes),
      };
      return item
        ? must(
            api.PATCH('/inventory/{id}', {
              params: { path: { id: item.id }, header: ifMatch(item.version) },
              body,
            }),
          )
        : must(api.POST('/inventory', { body }));
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['inventory'] });
      onClose();
    },
    onError: (e) => e instanceof ApiError && e.status === 400 && form.setErrors(e.fieldErrors),
  });
  return (
    <Dialog
      opened
      onClose={onClose}
      title={item ? `${t('directory.edit')}: ${item.name}` : t('directory.newItem')}
    >
      <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
        <Stack>
          <TextInput
            label={t('directory.name')}
            required
            data-autofocus
            {...form.getInputProps('name')}
          />
          <NativeSelect
            label={t('directory.kind')}
            data={INVENTORY_KINDS.map((k) => ({
              value: k,
              label: t(`directory.inventoryKind.${k}`),
            }))}
            {...form.getInputProps('kind')}
          />
          <TextInput
            label={t('directory.services')}
            description={t('directory.listHint')}
            {...form.getInputProps('services')}
          />
          <TextInput
            label={t('directory.identifiers')}
            description={t('directory.identifiersHint')}
            {...form.getInputProps('identifiers')}
          />
          <TextInput label={t('directory.location')} {...form.getInputProps('location')} />
          <TextInput label={t('directory.provider')} {...form.getInputProps('provider')} />
          <TextInput label={t('directory.owner')} {...form.getInputProps('owner')} />
          <NumberInput
            label={t('directory.usersServed')}
            min={0}
            allowDecimal={false}
            {...form.getInputProps('usersServed')}
          />
          <Textarea
            label={t('directory.notes')}
            autosize
            minRows={2}
            {...form.getInputProps('notes')}
          />
          <ErrorAlert
            error={save.error instanceof ApiError && save.error.status === 400 ? null : save.error}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('app.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('app.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
