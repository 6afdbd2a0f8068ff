import { Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORG_UNIT_KINDS } from '../../../src/domain/vocabulary.js';
import { ApiError, api, ifMatch, must, type Schemas } from '../api/client';
import { Dialog } from '../components/dialog';
import { ErrorAlert, Loading, QueryFailure } from '../components/status';
import { UnitSelect, useUnits, type OrgUnit } from '../components/units/unit-select';
import { useSession } from '../session';

type Kind = Schemas['CreateOrgUnitDto']['kind'];
type Values = { name: string; kind: Kind; parentId: string | null; notes: string };

/**
 * The organisation's units (admins): a tree such as federal level, state associations and
 * customers. Cases belong to one; reports and the case list filter by it, sub-units included.
 */
export default function UnitsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const units = useUnits();
  const [editing, setEditing] = useState<OrgUnit | null>(null);
  const [removing, setRemoving] = useState<OrgUnit | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: ['units'] });
  const canManage = session.can('units.manage');
  const remove = useMutation({
    mutationFn: (u: OrgUnit) =>
      must(
        api.DELETE('/units/{id}', { params: { path: { id: u.id }, header: ifMatch(u.version) } }),
      ),
    onSuccess: async () => {
      setRemoving(null);
      await refresh();
    },
  });

  // Depth-first: every unit under its parent, indented by its depth.
  const children = new Map<string | null, OrgUnit[]>();
  for (const u of units.items) {
    const parent = u.parentId && units.items.some((p) => p.id === u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const rows: { unit: OrgUnit; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const u of (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name))) {
      rows.push({ unit: u, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);

  return (
    <Stack>
      <Title order={1}>{t('units.title')}</Title>
      <Text c="dimmed">{t('units.explanation')}</Text>
      {units.query.isPending ? (
        <Loading />
      ) : units.query.isError ? (
        <QueryFailure error={units.query.error} />
      ) : rows.length === 0 ? (
        <Text>{t('units.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped aria-label={t('units.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('units.name')}</Table.Th>
                <Table.Th>{t('units.kind')}</Table.Th>
                <Table.Th>{t('units.notes')}</Table.Th>
                {canManage && <Table.Th>{t('app.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(({ unit, depth }) => (
                <Table.Tr key={unit.id}>
                  <Table.Td style={{ paddingLeft: `${0.75 + depth * 1.5}rem` }}>
                    {depth > 0 && <span aria-hidden>└ </span>}
                    {unit.name}
                  </Table.Td>
                  <Table.Td>{t(`units.kinds.${unit.kind}`)}</Table.Td>
                  <Table.Td>{unit.notes || '–'}</Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={`${t('units.edit')}: ${unit.name}`}
                          onClick={() => setEditing(unit)}
                        >
                          {t('units.edit')}
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={`${t('units.remove')}: ${unit.name}`}
                          onClick={() => {
                            remove.reset();
                            setRemoving(unit);
                          }}
                        >
                          {t('units.remove')}
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canManage && <UnitForm key="new" unit={null} onDone={refresh} />}
      {editing && (
        <Dialog opened onClose={() => setEditing(null)} title={t('units.editTitle')}>
          <UnitForm
            unit={editing}
            all={units.items}
            onDone={async () => {
              setEditing(null);
              await refresh();
            }}
          />
        </Dialog>
      )}
      <Dialog
        opened={!!removing}
        onClose={() => setRemoving(null)}
        title={t('units.removeTitle')}
        size="md"
      >
        <Stack>
          <Text>{t('units.removeConfirm', { name: removing?.name ?? '' })}</Text>
          <ErrorAlert error={remove.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>
              {t('app.cancel')}
            </Button>
            <Button
              color="red.9"
              loading={remove.isPending}
              onClick={() => removing && remove.mutate(removing)}
            >
              {t('units.remove')}
            </Button>
          </Group>
        </Stack>
      </Dialog>
    </Stack>
  );
}

/** Add a unit, or (in the dialog) rename, re-kind or move one. */
function UnitForm({
  unit,
  all = [],
  onDone,
}: {
  unit: OrgUnit | null;
  all?: OrgUnit[];
  onDone: () => unknown;
}) {
  const { t } = useTranslation();
  const form = useForm<Values>({
    initialValues: unit
      ? {
          name: unit.name,
          kind: unit.kind,
          parentId: unit.parentId ?? null,
          notes: unit.notes ?? '',
        }
      : { name: '', kind: 'state', parentId: null, notes: '' },
  });
  // A unit cannot move below itself or one of its own sub-units.
  const below = new Set<string>();
  if (unit) {
    below.add(unit.id);
    let grew = true;
    while (grew) {
      grew = false;
      for (const u of all)
        if (u.parentId && below.has(u.parentId) && !below.has(u.id)) {
          below.add(u.id);
          grew = true;
        }
    }
  }
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        name: v.name.trim(),
        kind: v.kind,
        parentId: v.parentId || null,
        notes: v.notes.trim() || null,
      };
      return unit
        ? must(
            api.PATCH('/units/{id}', {
              params: { path: { id: unit.id }, header: ifMatch(unit.version) },
              body,
            }),
          )
        : must(api.POST('/units', { body }));
    },
    onSuccess: async () => {
      if (!unit) form.reset();
      await onDone();
    },
    onError: (e) => e instanceof ApiError && form.setErrors(e.fieldErrors),
  });
  const fields = (
    <>
      <TextInput label={t('units.name')} required {...form.getInputProps('name')} />
      <Select
        label={t('units.kind')}
        data={ORG_UNIT_KINDS.map((k) => ({ value: k, label: t(`units.kinds.${k}`) }))}
        allowDeselect={false}
        {...form.getInputProps('kind')}
      />
      <UnitSelect
        label={t('units.parent')}
        placeholder={t('units.topLevel')}
        value={form.values.parentId}
        onChange={(v) => form.setFieldValue('parentId', v)}
        exclude={below}
      />
      <TextInput label={t('units.notes')} {...form.getInputProps('notes')} />
    </>
  );
  const error = (
    <ErrorAlert
      error={save.error instanceof ApiError && save.error.status !== 400 ? save.error : null}
    />
  );
  if (unit)
    return (
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack>
          {fields}
          {error}
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t('app.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    );
  return (
    <Card withBorder component="section" aria-label={t('units.add')}>
      <Title order={2} size="h3" mb="sm">
        {t('units.add')}
      </Title>
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack>
          <Group align="flex-end" grow>
            {fields}
          </Group>
          {error}
          <Button type="submit" w="fit-content" loading={save.isPending}>
            {t('units.add')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
