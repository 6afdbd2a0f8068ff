import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { STATUS_TRANSITIONS } from '../../../src/cases/case-status.js';
import {
  CaseVoid,
  EndStateSelect,
  PrecisionSelect,
  endNeedsTime,
  useEndText,
  useFigureMinutes,
  useMoment,
  type EndState,
  type TimePrecision,
} from '../components/case/case-time';
import { CaseMeasures } from '../components/case/measures';
import { AddCaseAuthority, AddGagOrder } from '../components/case/case-parties';
import { PreservationExtension } from '../components/case/preservation-extension';
import { UnitSelect } from '../components/units/unit-select';
import { formatDataVolume, parseDataVolume } from '../data-volume';
import {
  IMPACTS,
  LEGAL_NOTE_TOPICS,
  OUTCOMES,
  TIMELINE_EVENT_TYPES,
} from '../../../src/domain/vocabulary.js';
import { ApiError, api, ifMatch, must, type Schemas } from '../api/client';
import type { CaseFile } from '../case-file';
import { historyText, timelineText } from '../components/case/event-words';
import { RequestDefects } from '../components/case/request-defects';
import { CaseMembers } from '../components/case/members';
import { CaseFiles } from '../components/case/files';
import { ConflictDialog, type Conflict } from '../components/conflict';
import { Dialog } from '../components/dialog';
import { ErrorAlert, Loading, QueryFailure } from '../components/status';
import { formatDate, formatDateTime, formatNumber, fromLocalInput, toLocalInput } from '../format';
import { useSession } from '../session';

const DowntimeChart = lazy(() => import('../components/downtime-chart'));

type Editable = {
  title: string;
  summary: string;
  outcome: CaseFile['outcome'];
  nothingHandedOver: boolean;
  unitId: string | null;
};

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-label={title}>
      <Title order={2} size="h3" mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

/** A header cell: its text, or `{ hidden }` for a column whose name only assistive technology needs. */
type Head = string | { hidden: string };

function Rows({ head, rows, empty }: { head: Head[]; rows: ReactNode[][]; empty: string }) {
  if (rows.length === 0) return <Text c="dimmed">{empty}</Text>;
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            {head.map((h) =>
              typeof h === 'string' ? (
                <Table.Th key={h}>{h}</Table.Th>
              ) : (
                <Table.Th key={h.hidden}>
                  <VisuallyHidden>{h.hidden}</VisuallyHidden>
                </Table.Th>
              ),
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => (
            <Table.Tr key={i}>
              {r.map((c, j) => (
                <Table.Td key={j}>{c}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The case file on one page: every part, the impact, the status moves the case allows, the history. */
export default function CasePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const moment = useMoment();
  const endText = useEndText();
  const figureMinutes = useFigureMinutes();
  const session = useSession();
  const client = useQueryClient();
  const key = ['case', id];
  const file = useQuery({
    queryKey: key,
    queryFn: async () =>
      (await must(api.GET('/cases/{id}', { params: { path: { id } } }))) as CaseFile,
  });
  const inventory = useQuery({
    queryKey: ['inventory'],
    queryFn: () => must(api.GET('/inventory')),
    enabled: session.can('cases.write'),
  });
  const refresh = () => client.invalidateQueries({ queryKey: key });

  const move = useMutation({
    mutationFn: (status: Schemas['ChangeStatusDto']['status']) =>
      must(api.POST('/cases/{id}/status', { params: { path: { id } }, body: { status } })),
    onSuccess: refresh,
  });
  const stop = useMutation({
    mutationFn: (s: Schemas['AffectedSystemDto']) =>
      must(
        api.PATCH('/cases/{caseId}/affected-systems/{id}', {
          params: { path: { caseId: id, id: s.id }, header: ifMatch(s.version) },
          body: { endedAt: new Date().toISOString() },
        }),
      ),
    onSuccess: refresh,
  });
  const restart = useMutation({
    mutationFn: (s: { inventoryItemId: string; impact: Schemas['AffectedSystemDto']['impact'] }) =>
      must(
        api.POST('/cases/{caseId}/affected-systems', {
          params: { path: { caseId: id } },
          body: {
            inventoryItemId: s.inventoryItemId,
            impact: s.impact,
            startedAt: new Date().toISOString(),
          },
        }),
      ),
    onSuccess: refresh,
  });

  // Editing the case's own fields, with the 412 dialog when someone else was faster.
  const [editing, setEditing] = useState(false);
  const [conflict, setConflict] = useState<Conflict<Editable> | null>(null);
  const edit = useForm<Editable>({
    initialValues: {
      title: '',
      summary: '',
      outcome: 'pending',
      nothingHandedOver: false,
      unitId: null,
    },
  });
  const save = useMutation({
    mutationFn: ({ changes, version }: { changes: Partial<Editable>; version: number }) =>
      must(
        api.PATCH('/cases/{id}', {
          params: { path: { id }, header: ifMatch(version) },
          body: changes,
        }),
      ),
    onSuccess: async () => {
      setEditing(false);
      setConflict(null);
      await refresh();
    },
    onError: async (error, { changes }) => {
      if (error instanceof ApiError && error.status === 412) {
        const current = (await must(
          api.GET('/cases/{id}', { params: { path: { id } } }),
        )) as CaseFile;
        client.setQueryData(key, current);
        setEditing(false);
        setConflict({ mine: changes, current: current as unknown as Editable });
      } else if (error instanceof ApiError && error.status === 400) {
        edit.setErrors(error.fieldErrors);
      }
    },
  });

  if (file.isPending) return <Loading />;
  if (file.isError) return <QueryFailure error={file.error} />;
  const c = file.data;
  const canWrite = session.can('cases.write');
  const moves = STATUS_TRANSITIONS[c.status].filter(
    (s): s is Schemas['ChangeStatusDto']['status'] => s !== 'void',
  );
  const names = new Map(c.impact.downtime.systems.map((s) => [s.inventoryItemId, s.name]));
  for (const item of inventory.data?.items ?? []) names.set(item.id, item.name);
  const systemName = (itemId: string) => names.get(itemId) ?? itemId.slice(0, 8);
  const unitText = c.unit ? c.unit.path.join(' › ') : t('units.noUnit');
  const editLabels = {
    title: t('cases.caseTitle'),
    summary: t('caseFile.summary'),
    outcome: t('caseFile.outcome'),
    nothingHandedOver: t('caseFile.handover'),
    unitId: t('units.caseUnit'),
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Text c="dimmed" size="sm">
            {c.reference} · {t(`vocab.requestType.${c.requestType}`)}
          </Text>
          <Title order={1}>{c.title}</Title>
          <Group gap="xs" mt={4}>
            <Badge size="lg" variant="filled" color="dark">
              {t(`vocab.status.${c.status}`)}
            </Badge>
            {c.restricted && (
              <Badge size="lg" color="red.9" variant="outline">
                {t('caseFile.restricted')}
              </Badge>
            )}
            {c.emergency && (
              <Badge size="lg" color="orange.9" variant="outline">
                {t('caseFile.emergency')}
              </Badge>
            )}
          </Group>
        </div>
        <Group>
          <Button
            component="a"
            variant="default"
            href={`/cases/${c.id}/case-file.pdf?lang=${i18n.language === 'en' ? 'en' : 'de'}`}
          >
            {t('caseFile.caseFilePdf')}
          </Button>
          {session.can('publications.publish') && (
            <Button component={Link} variant="default" to={`/cases/${c.id}/statement`}>
              {t('caseFile.statement')}
            </Button>
          )}
          {canWrite && (
            <Button
              variant="default"
              onClick={() => {
                edit.setValues({
                  title: c.title,
                  summary: c.summary ?? '',
                  outcome: c.outcome ?? 'pending',
                  nothingHandedOver: !!c.nothingHandedOver,
                  unitId: c.unitId ?? null,
                });
                edit.resetDirty();
                setEditing(true);
              }}
            >
              {t('caseFile.edit')}
            </Button>
          )}
        </Group>
      </Group>

      {canWrite && (
        <Group gap="xs" role="group" aria-label={t('caseFile.moveTo')}>
          <Text size="sm" fw={500}>
            {t('caseFile.moveTo')}:
          </Text>
          {moves.length === 0 && <Text size="sm">{t('caseFile.noMoves')}</Text>}
          {moves.map((s) => (
            <Button
              key={s}
              size="xs"
              variant="light"
              loading={move.isPending && move.variables === s}
              onClick={() => move.mutate(s)}
            >
              {t(`vocab.status.${s}`)}
            </Button>
          ))}
        </Group>
      )}
      <CaseVoid file={c} canWrite={canWrite} onChanged={() => void refresh()} />
      <PreservationExtension file={c} canWrite={canWrite} onChanged={refresh} />
      <ErrorAlert error={move.error ?? stop.error ?? restart.error} />

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section title={t('caseFile.overview')}>
          <Table variant="vertical" layout="fixed">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={180}>{t('caseFile.received')}</Table.Th>
                <Table.Td>{moment(c.receivedAt, c.receivedAtPrecision)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('units.caseUnit')}</Table.Th>
                <Table.Td data-testid="case-unit">{unitText}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('caseFile.channel')}</Table.Th>
                <Table.Td>{c.channel ? t(`vocab.channel.${c.channel}`) : '–'}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('caseFile.outcome')}</Table.Th>
                <Table.Td>{t(`vocab.outcome.${c.outcome ?? 'pending'}`)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('caseFile.summary')}</Table.Th>
                <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{c.summary || '–'}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Section>
        <Section title={t('caseFile.impact')}>
          <Table variant="vertical" layout="fixed">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={200}>{t('caseFile.downtime')}</Table.Th>
                <Table.Td data-testid="downtime">
                  {figureMinutes(c.impact.downtime.totalMinutes, c.impact.downtime)}
                  {c.impact.downtime.ongoing && ` (${t('caseFile.downtimeOngoing')})`}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('caseFile.systemsAffected')}</Table.Th>
                <Table.Td>{formatNumber(c.impact.collateral.systemsAffected)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('caseFile.targetsNamed')}</Table.Th>
                <Table.Td>{formatNumber(c.impact.collateral.targetsNamed)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('caseFile.collateral')}</Table.Th>
                <Table.Td>{formatNumber(c.impact.collateral.ratio, 2)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('caseFile.handover')}</Table.Th>
                <Table.Td data-testid="handover">
                  {t(`caseFile.handoverState.${c.impact.handover}`)}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          {canWrite && c.impact.handover === 'not_recorded' && (
            <Button
              mt="sm"
              size="xs"
              variant="light"
              loading={save.isPending}
              onClick={() =>
                save.mutate({ changes: { nothingHandedOver: true }, version: c.version })
              }
            >
              {t('caseFile.markNothingHandedOver')}
            </Button>
          )}
        </Section>
      </SimpleGrid>
      <ErrorAlert
        error={
          !editing && save.error instanceof ApiError && save.error.status !== 412
            ? save.error
            : null
        }
      />

      {/* Nothing to draw while every duration is unknown (an end not known, no lower bound). */}
      {c.impact.downtime.totalMinutes > 0 && (
        <Section title={t('caseFile.chart')}>
          <Suspense fallback={<Loading />}>
            <DowntimeChart downtime={c.impact.downtime} />
          </Suspense>
        </Section>
      )}

      <Section title={t('caseFile.affectedSystems')}>
        <Rows
          empty={t('caseFile.nothing')}
          head={[
            t('caseFile.system'),
            t('caseFile.impactKind'),
            t('caseFile.start'),
            t('caseFile.end'),
            t('inventoryFacts.dataVolume'),
            { hidden: t('app.actions') },
          ]}
          rows={c.affectedSystems.map((s) => [
            <>
              {systemName(s.inventoryItemId)}
              {s.owner && (
                <Text size="xs" c="dimmed">
                  {t('inventoryFacts.owner')}: {s.owner}
                </Text>
              )}
            </>,
            t(`vocab.impact.${s.impact}`),
            moment(s.startedAt, s.startedAtPrecision),
            endText(s) ?? (
              <Badge color="red.9" variant="outline">
                {t('caseFile.ongoing')}
              </Badge>
            ),
            formatDataVolume(s.dataVolumeBytes, i18n.language),
            canWrite ? (
              (s.endState ?? (s.endedAt ? 'ended' : 'ongoing')) !== 'ongoing' ? (
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => restart.mutate(s)}
                  aria-label={`${t('caseFile.startAgain')}: ${systemName(s.inventoryItemId)}`}
                >
                  {t('caseFile.startAgain')}
                </Button>
              ) : (
                <Button
                  size="xs"
                  color="teal.9"
                  onClick={() => stop.mutate(s)}
                  aria-label={`${t('caseFile.stop')}: ${systemName(s.inventoryItemId)}`}
                >
                  {t('caseFile.stop')}
                </Button>
              )
            ) : null,
          ])}
        />
        {canWrite && (
          <AddSystem caseId={c.id} inventory={inventory.data?.items ?? []} onDone={refresh} />
        )}
      </Section>

      <Section title={t('caseFile.timeline')}>
        <Rows
          empty={t('caseFile.nothing')}
          head={[t('caseFile.when'), t('caseFile.eventType'), t('caseFile.eventText')]}
          rows={c.timeline.map((e) => [
            moment(e.occurredAt, e.occurredAtPrecision),
            t(`vocab.timeline.${e.type}`),
            timelineText(e, t),
          ])}
        />
        {canWrite && <AddTimelineEvent caseId={c.id} onDone={refresh} />}
      </Section>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section title={t('caseFile.authorities')}>
          <Rows
            empty={t('caseFile.nothing')}
            head={[t('intake.authority'), t('intake.role'), t('caseFile.fileNumber')]}
            rows={c.authorities.map((a) => [
              a.authority?.name ?? '–',
              t(`vocab.authorityRole.${a.role}`),
              a.fileNumber ?? '–',
            ])}
          />
          {canWrite && <AddCaseAuthority caseId={c.id} onDone={refresh} />}
        </Section>
        <Section title={t('caseFile.legalBases')}>
          <Rows
            empty={t('caseFile.nothing')}
            head={[t('caseFile.citation'), t('caseFile.documentType'), t('caseFile.issuedBy')]}
            rows={c.legalBases.map((b) => [
              b.notStated ? t('measures.notStated') : (b.citation ?? '–'),
              t(`vocab.documentType.${b.documentType}`),
              b.issuedBy ? t(`vocab.issuer.${b.issuedBy}`) : '–',
            ])}
          />
        </Section>
        <Section title={t('caseFile.targets')}>
          <Rows
            empty={t('caseFile.nothing')}
            head={[t('caseFile.what'), t('caseFile.value'), t('caseFile.existence')]}
            rows={c.targets.map((x) => [
              t(`vocab.targetKind.${x.kind}`),
              x.value,
              t(`vocab.existence.${x.existence ?? 'unknown'}`),
            ])}
          />
        </Section>
        <Section title={t('caseFile.disclosures')}>
          <Rows
            empty={t('caseFile.nothing')}
            head={[t('caseFile.what'), t('caseFile.when'), t('inventoryFacts.dataVolume')]}
            rows={c.disclosures.map((d) => [
              d.description ?? d.dataCategory,
              moment(d.handedOverAt, d.handedOverAtPrecision),
              formatDataVolume(d.dataVolumeBytes, i18n.language),
            ])}
          />
        </Section>
        <Section title={t('caseFile.seizedItems')}>
          <Rows
            empty={t('caseFile.nothing')}
            head={[t('caseFile.what'), t('caseFile.when')]}
            rows={c.seizedItems.map((s) => [
              s.description,
              moment(s.seizedAt, s.seizedAtPrecision),
            ])}
          />
        </Section>
        <Section title={t('caseFile.deadlines')}>
          <Rows
            empty={t('caseFile.nothing')}
            head={[t('caseFile.what'), t('caseFile.due'), t('caseFile.state')]}
            rows={c.deadlines.map((d) => [
              t(`dashboard.deadlineKind.${d.kind}`, { defaultValue: d.kind }),
              moment(d.dueAt, d.dueAtPrecision),
              d.doneAt ? (
                t('caseFile.done')
              ) : d.overdue ? (
                <Badge color="red.9" variant="outline">
                  {t('caseFile.overdue')}
                </Badge>
              ) : (
                ''
              ),
            ])}
          />
        </Section>
        <Section title={t('caseFile.gagOrders')}>
          <Rows
            empty={t('caseFile.nothing')}
            head={[t('caseFile.citation'), t('caseFile.until'), t('caseFile.state')]}
            rows={c.gagOrders.map((g) => [
              g.legalBasis ?? '–',
              g.until ? moment(g.until, g.untilPrecision) : t('caseFile.untilLifted'),
              g.active ? t('caseFile.active') : t('caseFile.lifted'),
            ])}
          />
          {canWrite && <AddGagOrder caseId={c.id} onDone={refresh} />}
        </Section>
        <Section title={t('caseFile.remedies')}>
          <Rows
            empty={t('caseFile.nothing')}
            head={[t('caseFile.what'), t('caseFile.when')]}
            rows={c.remedies.map((r) => [r.kind, formatDate(r.filedAt)])}
          />
        </Section>
      </SimpleGrid>

      <CaseMeasures file={c} canWrite={canWrite} onChanged={refresh} />

      {c.legalNotes && (
        <Section title={t('caseFile.legalNotes')}>
          <Rows
            empty={t('caseFile.nothing')}
            head={[t('caseFile.legalNoteTopic'), t('caseFile.legalNoteText'), t('caseFile.when')]}
            rows={c.legalNotes.map((n) => [
              t(`vocab.noteTopic.${n.topic}`),
              <span style={{ whiteSpace: 'pre-wrap' }}>{n.body}</span>,
              formatDateTime(n.createdAt),
            ])}
          />
          {session.can('legal.write') && <AddLegalNote caseId={c.id} onDone={refresh} />}
        </Section>
      )}

      <RequestDefects file={c} canWrite={canWrite} />

      {c.restricted && <CaseMembers caseId={c.id} />}
      <CaseFiles caseId={c.id} />

      <History caseId={c.id} />

      <Dialog opened={editing} onClose={() => setEditing(false)} title={t('caseFile.edit')}>
        <form
          onSubmit={edit.onSubmit((values) => {
            const changes = Object.fromEntries(
              Object.entries(values).filter(([k]) => edit.isDirty(k)),
            ) as Partial<Editable>;
            save.mutate({ changes, version: c.version });
          })}
        >
          <Stack>
            <TextInput label={t('cases.caseTitle')} {...edit.getInputProps('title')} />
            <Textarea
              label={t('caseFile.summary')}
              autosize
              minRows={3}
              {...edit.getInputProps('summary')}
            />
            <Select
              label={t('caseFile.outcome')}
              data={OUTCOMES.map((o) => ({ value: o, label: t(`vocab.outcome.${o}`) }))}
              allowDeselect={false}
              {...edit.getInputProps('outcome')}
            />
            <UnitSelect
              label={t('units.caseUnit')}
              placeholder={t('units.noUnit')}
              value={edit.values.unitId}
              onChange={(v) => edit.setFieldValue('unitId', v)}
            />
            <Checkbox
              label={t('caseFile.handoverState.nothing_handed_over')}
              {...edit.getInputProps('nothingHandedOver', { type: 'checkbox' })}
            />
            <ErrorAlert
              error={
                save.error instanceof ApiError && save.error.status !== 400 ? save.error : null
              }
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setEditing(false)}>
                {t('app.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('app.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Dialog>
      <ConflictDialog
        conflict={conflict}
        labels={editLabels}
        onDiscard={() => setConflict(null)}
        onReapply={() =>
          conflict &&
          save.mutate({
            changes: conflict.mine,
            version: (conflict.current as unknown as CaseFile).version,
          })
        }
      />
    </Stack>
  );
}

function AddSystem({
  caseId,
  inventory,
  onDone,
}: {
  caseId: string;
  inventory: Schemas['InventoryItemDto'][];
  onDone: () => unknown;
}) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: {
      inventoryItemId: '',
      impact: 'offline',
      startedAt: toLocalInput(new Date()),
      startedAtPrecision: 'minute' as TimePrecision,
      endState: 'ongoing' as EndState,
      endedAt: '',
      endedAtPrecision: 'minute' as TimePrecision,
      dataVolume: '',
    },
    validate: {
      dataVolume: (v) =>
        Number.isNaN(parseDataVolume(v)) ? t('inventoryFacts.dataVolumeInvalid') : null,
      endedAt: (v, values) =>
        endNeedsTime(values.endState) && !v ? t('caseTime.endNeedsTime') : null,
    },
  });
  const add = useMutation({
    mutationFn: (v: typeof form.values) =>
      must(
        api.POST('/cases/{caseId}/affected-systems', {
          params: { path: { caseId } },
          body: {
            inventoryItemId: v.inventoryItemId,
            impact: v.impact as Schemas['AffectedSystemDto']['impact'],
            startedAt: fromLocalInput(v.startedAt),
            startedAtPrecision: v.startedAtPrecision,
            endState: v.endState,
            ...(endNeedsTime(v.endState)
              ? { endedAt: fromLocalInput(v.endedAt), endedAtPrecision: v.endedAtPrecision }
              : {}),
            dataVolumeBytes: parseDataVolume(v.dataVolume),
          },
        }),
      ),
    onSuccess: () => {
      form.reset();
      return onDone();
    },
    onError: (e) => e instanceof ApiError && form.setErrors(e.fieldErrors),
  });
  const system = t('caseFile.system');
  return (
    <form onSubmit={form.onSubmit((v) => add.mutate(v))}>
      <Group align="flex-end" mt="md" gap="sm">
        <Select
          label={system}
          data={inventory.map((i) => ({
            value: i.id,
            label: i.owner ? `${i.name} (${i.owner})` : i.name,
          }))}
          searchable
          required
          w={240}
          {...form.getInputProps('inventoryItemId')}
        />
        <Select
          label={t('caseFile.impactKind')}
          data={IMPACTS.map((i) => ({ value: i, label: t(`vocab.impact.${i}`) }))}
          allowDeselect={false}
          w={160}
          {...form.getInputProps('impact')}
        />
        <TextInput
          label={t('inventoryFacts.dataVolume')}
          placeholder={t('inventoryFacts.dataVolumeHint')}
          w={170}
          {...form.getInputProps('dataVolume')}
        />
      </Group>
      <Group align="flex-end" mt="sm" gap="sm">
        <TextInput
          type="datetime-local"
          label={t('caseFile.start')}
          {...form.getInputProps('startedAt')}
        />
        <PrecisionSelect
          of={t('caseFile.start')}
          value={form.values.startedAtPrecision}
          onChange={(v) => form.setFieldValue('startedAtPrecision', v)}
        />
        <EndStateSelect
          of={system}
          value={form.values.endState}
          onChange={(v) => form.setFieldValue('endState', v)}
        />
        {endNeedsTime(form.values.endState) && (
          <>
            <TextInput
              type="datetime-local"
              label={t('caseFile.end')}
              required
              {...form.getInputProps('endedAt')}
            />
            <PrecisionSelect
              of={t('caseFile.end')}
              value={form.values.endedAtPrecision}
              onChange={(v) => form.setFieldValue('endedAtPrecision', v)}
            />
          </>
        )}
        <Button type="submit" variant="light" loading={add.isPending}>
          {t('caseFile.addSystem')}
        </Button>
      </Group>
    </form>
  );
}

function AddTimelineEvent({ caseId, onDone }: { caseId: string; onDone: () => unknown }) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: {
      type: 'note',
      description: '',
      occurredAt: toLocalInput(new Date()),
      occurredAtPrecision: 'minute' as TimePrecision,
    },
  });
  const add = useMutation({
    mutationFn: (v: typeof form.values) =>
      must(
        api.POST('/cases/{caseId}/timeline', {
          params: { path: { caseId } },
          body: {
            type: v.type as Schemas['TimelineEventDto']['type'],
            description: v.description,
            occurredAt: fromLocalInput(v.occurredAt),
            occurredAtPrecision: v.occurredAtPrecision,
          },
        }),
      ),
    onSuccess: () => {
      form.setValues({
        description: '',
        occurredAt: toLocalInput(new Date()),
        occurredAtPrecision: 'minute',
      });
      return onDone();
    },
    onError: (e) => e instanceof ApiError && form.setErrors(e.fieldErrors),
  });
  return (
    <form onSubmit={form.onSubmit((v) => add.mutate(v))}>
      <Group align="flex-end" mt="md" gap="sm">
        <Select
          label={t('caseFile.eventType')}
          data={TIMELINE_EVENT_TYPES.filter((x) => x !== 'status_changed').map((x) => ({
            value: x,
            label: t(`vocab.timeline.${x}`),
          }))}
          allowDeselect={false}
          w={220}
          {...form.getInputProps('type')}
        />
        <TextInput
          label={t('caseFile.eventText')}
          required
          style={{ flex: 1, minWidth: 200 }}
          {...form.getInputProps('description')}
        />
        <TextInput
          type="datetime-local"
          label={t('caseFile.eventAt')}
          {...form.getInputProps('occurredAt')}
        />
        <PrecisionSelect
          of={t('caseFile.eventAt')}
          value={form.values.occurredAtPrecision}
          onChange={(v) => form.setFieldValue('occurredAtPrecision', v)}
        />
        <Button
          variant="default"
          onClick={() => {
            form.setFieldValue('occurredAt', toLocalInput(new Date()));
            form.setFieldValue('occurredAtPrecision', 'minute');
          }}
        >
          {t('caseFile.now')}
        </Button>
        <Button type="submit" variant="light" loading={add.isPending}>
          {t('caseFile.addEvent')}
        </Button>
      </Group>
    </form>
  );
}

function AddLegalNote({ caseId, onDone }: { caseId: string; onDone: () => unknown }) {
  const { t } = useTranslation();
  const form = useForm({ initialValues: { topic: 'proportionality', body: '' } });
  const add = useMutation({
    mutationFn: (v: typeof form.values) =>
      must(
        api.POST('/cases/{caseId}/legal-notes', {
          params: { path: { caseId } },
          body: { topic: v.topic as Schemas['CreateLegalNoteDto']['topic'], body: v.body },
        }),
      ),
    onSuccess: () => {
      form.reset();
      return onDone();
    },
    onError: (e) => e instanceof ApiError && form.setErrors(e.fieldErrors),
  });
  return (
    <form onSubmit={form.onSubmit((v) => add.mutate(v))}>
      <Stack mt="md" gap="sm">
        <Select
          label={t('caseFile.legalNoteTopic')}
          data={LEGAL_NOTE_TOPICS.map((x) => ({ value: x, label: t(`vocab.noteTopic.${x}`) }))}
          allowDeselect={false}
          w={260}
          {...form.getInputProps('topic')}
        />
        <Textarea
          label={t('caseFile.legalNoteText')}
          autosize
          minRows={3}
          required
          {...form.getInputProps('body')}
        />
        <Button type="submit" variant="light" w="fit-content" loading={add.isPending}>
          {t('caseFile.addLegalNote')}
        </Button>
      </Stack>
    </form>
  );
}

function History({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const history = useQuery({
    queryKey: ['case', caseId, 'history'],
    queryFn: () => must(api.GET('/cases/{caseId}/history', { params: { path: { caseId } } })),
  });
  return (
    <Section title={t('caseFile.history')}>
      {history.isPending ? (
        <Loading />
      ) : history.isError ? (
        <Alert color="gray">{t('caseFile.nothing')}</Alert>
      ) : (
        <Rows
          empty={t('caseFile.nothing')}
          head={[t('audit.at'), t('audit.actor'), t('audit.action'), t('audit.entity')]}
          rows={history.data.items.map((e) => [
            formatDateTime(e.occurredAt),
            e.actorLabel,
            t(`vocab.auditAction.${e.action}`),
            historyText(e),
          ])}
        />
      )}
    </Section>
  );
}
