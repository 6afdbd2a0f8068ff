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
import { useState, type FormEvent, type ReactNode } from 'react';
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

/** A column of a directory table: its heading and how a row shows in it. */
interface Column<T> {
  title: string;
  cell: (row: T) => ReactNode;
}

/**
 * One directory as a panel: the filters, a "new" button for those who may write, the table with
 * an edit button per row, and the dialog that creates or edits a record.
 */
function DirectoryPanel<T extends { id: string; name: string }>({
  label,
  filters,
  newLabel,
  query,
  items,
  columns,
  minWidth,
  dialog,
}: {
  label: string;
  filters: ReactNode;
  newLabel: string;
  query: { error: unknown; isPending: boolean };
  items: T[];
  columns: Column<T>[];
  minWidth: number;
  dialog: (record: T | null, onClose: () => void) => ReactNode;
}) {
  const { t } = useTranslation();
  const write = useSession().can('directory.write');
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  return (
    <Stack>
      <Group align="flex-end">
        {filters}
        {write && <Button onClick={() => setEditing('new')}>{newLabel}</Button>}
      </Group>
      <ErrorAlert error={query.error} />
      {query.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('directory.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={minWidth}>
          <Table striped aria-label={label}>
            <Table.Thead>
              <Table.Tr>
                {columns.map((c) => (
                  <Table.Th key={c.title}>{c.title}</Table.Th>
                ))}
                {write && <Table.Th>{t('app.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((row) => (
                <Table.Tr key={row.id}>
                  {columns.map((c) => (
                    <Table.Td key={c.title}>{c.cell(row)}</Table.Td>
                  ))}
                  {write && (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setEditing(row)}
                        aria-label={`${t('directory.edit')}: ${row.name}`}
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
      {editing && dialog(editing === 'new' ? null : editing, () => setEditing(null))}
    </Stack>
  );
}

function SearchField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('directory.search')}
      type="search"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      maw={320}
    />
  );
}

/**
 * Saving a directory record: POST for a new one, PATCH with If-Match for an existing one; the
 * list is reloaded, and field errors of the service land on their fields.
 */
function useSaveRecord<V>(
  queryKey: string,
  form: { setErrors: (errors: Record<string, string>) => void },
  onClose: () => void,
  send: (values: V) => Promise<unknown>,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: [queryKey] });
      onClose();
    },
    onError: (e) => e instanceof ApiError && e.status === 400 && form.setErrors(e.fieldErrors),
  });
}

/** The dialog around a directory form: its fields, the error of a failed save, cancel and save. */
function RecordDialog({
  title,
  onClose,
  onSubmit,
  save,
  children,
}: {
  title: string;
  onClose: () => void;
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
  save: { error: unknown; isPending: boolean };
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Dialog opened onClose={onClose} title={title}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {children}
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

function Authorities() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const [query] = useDebouncedValue(q.trim(), 250);
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
  return (
    <DirectoryPanel<Authority>
      label={t('directory.authorities')}
      newLabel={t('directory.newAuthority')}
      filters={
        <>
          <SearchField value={q} onChange={setQ} />
          <NativeSelect
            label={t('directory.kind')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value)}
            data={[
              { value: '', label: t('directory.allKinds') },
              ...AUTHORITY_KINDS.map((k) => ({ value: k, label: t(`vocab.authorityKind.${k}`) })),
            ]}
          />
        </>
      }
      query={list}
      items={(list.data?.items ?? []) as Authority[]}
      minWidth={640}
      columns={[
        { title: t('directory.name'), cell: (a) => a.name },
        { title: t('directory.kind'), cell: (a) => t(`vocab.authorityKind.${a.kind}`) },
        { title: t('directory.country'), cell: (a) => a.country },
        { title: t('directory.jurisdiction'), cell: (a) => a.jurisdiction },
      ]}
      dialog={(authority, onClose) => <AuthorityDialog authority={authority} onClose={onClose} />}
    />
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
  const form = useForm({
    initialValues: {
      name: authority?.name ?? '',
      kind: authority?.kind ?? 'police',
      country: authority?.country ?? 'DE',
      jurisdiction: authority?.jurisdiction ?? '',
      notes: authority?.notes ?? '',
    },
  });
  const save = useSaveRecord('authorities', form, onClose, (v: typeof form.values) => {
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
  });
  return (
    <RecordDialog
      title={authority ? `${t('directory.edit')}: ${authority.name}` : t('directory.newAuthority')}
      onClose={onClose}
      onSubmit={form.onSubmit((v) => save.mutate(v))}
      save={save}
    >
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
    </RecordDialog>
  );
}

function Inventory() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
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
  return (
    <DirectoryPanel<Item>
      label={t('directory.inventory')}
      newLabel={t('directory.newItem')}
      filters={<SearchField value={q} onChange={setQ} />}
      query={list}
      items={items}
      minWidth={720}
      columns={[
        { title: t('directory.name'), cell: (i) => i.name },
        { title: t('directory.kind'), cell: (i) => t(`directory.inventoryKind.${i.kind}`) },
        { title: t('directory.services'), cell: (i) => (i.services ?? []).join(', ') },
        { title: t('directory.identifiers'), cell: (i) => (i.identifiers ?? []).join(', ') },
        {
          title: t('directory.location'),
          cell: (i) => [i.location, i.provider].filter(Boolean).join(' · '),
        },
      ]}
      dialog={(item, onClose) => <ItemDialog item={item} onClose={onClose} />}
    />
  );
}

function ItemDialog({ item, onClose }: { item: Item | null; onClose: () => void }) {
  const { t } = useTranslation();
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
  const save = useSaveRecord('inventory', form, onClose, (v: typeof form.values) => {
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
  });
  return (
    <RecordDialog
      title={item ? `${t('directory.edit')}: ${item.name}` : t('directory.newItem')}
      onClose={onClose}
      onSubmit={form.onSubmit((v) => save.mutate(v))}
      save={save}
    >
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
    </RecordDialog>
  );
}
