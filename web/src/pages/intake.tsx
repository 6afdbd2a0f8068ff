import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Stepper,
  Text,
  TextInput,
  Title,
  List,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  AUTHORITY_KINDS,
  AUTHORITY_ROLES,
  CHANNELS,
  IMPACTS,
  ISSUERS,
  LEGAL_DOCUMENT_TYPES,
  REQUEST_TYPES,
  TARGET_EXISTENCE,
  TARGET_KINDS,
} from '../../../src/domain/vocabulary.js';
import { ApiError, api, must, type Schemas } from '../api/client';
import { ErrorAlert } from '../components/status';
import {
  EndStateSelect,
  PrecisionSelect,
  endNeedsTime,
  type EndState,
  type TimePrecision,
  useMoment,
} from '../components/case/case-time';
import { UnitSelect, useUnits } from '../components/units/unit-select';
import { parseDataVolume } from '../data-volume';
import { fromLocalInput, toLocalInput } from '../format';
import { useSession } from '../session';

type Impact = Schemas['AffectedSystemDto']['impact'];
interface SystemChoice {
  checked: boolean;
  impact: Impact;
  since: string;
  sincePrecision: TimePrecision;
  endState: EndState;
  until: string;
  untilPrecision: TimePrecision;
  /** "5 TB", "269 GB"; empty: not known. */
  dataVolume: string;
}
interface Values {
  title: string;
  requestType: Schemas['CreateCaseDto']['requestType'];
  channel: NonNullable<Schemas['CreateCaseDto']['channel']>;
  receivedAt: string;
  receivedAtPrecision: TimePrecision;
  emergency: boolean;
  authorityId: string;
  authorityName: string;
  authorityKind: Schemas['CreateAuthorityDto']['kind'];
  country: string;
  authorityRole: Schemas['CreateCaseAuthorityDto']['role'];
  fileNumber: string;
  citation: string;
  /** The document names no provision: recorded as "not stated", not as a made-up citation. */
  notStated: boolean;
  jurisdiction: string;
  documentType: Schemas['CreateLegalBasisDto']['documentType'];
  issuedBy: '' | NonNullable<Schemas['CreateLegalBasisDto']['issuedBy']>;
  targets: {
    kind: Schemas['CreateTargetDto']['kind'];
    value: string;
    existence: NonNullable<Schemas['CreateTargetDto']['existence']>;
  }[];
  systems: Record<string, SystemChoice>;
  newSystem: string;
  /** Owner or customer of a system added here, when not the organisation's own. */
  newSystemOwner: string;
  unitId: string | null;
}

/** Which step shows a field, so that an API field error takes the user to it. */
const STEP_OF: Record<string, number> = {
  title: 0,
  requestType: 0,
  channel: 0,
  receivedAt: 0,
  authorityName: 1,
  country: 1,
  fileNumber: 1,
  citation: 2,
  jurisdiction: 2,
};

/** The intake on the day: the order in which a person learns things, one step at a time; works with a keyboard and on a phone. */
export default function IntakePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const moment = useMoment();
  const [savedWithGap, setSavedWithGap] = useState<string | null>(null);
  const [owners, setOwners] = useState<Record<string, string>>({});
  const units = useUnits(session.can('directory.read'));
  const narrow = useMediaQuery('(max-width: 48em)');
  const [step, setStep] = useState(0);
  const [partError, setPartError] = useState<string | null>(null);
  const now = toLocalInput(new Date());
  const authorities = useQuery({
    queryKey: ['authorities'],
    queryFn: () => must(api.GET('/authorities')),
  });
  const inventory = useQuery({
    queryKey: ['inventory'],
    queryFn: () => must(api.GET('/inventory')),
  });
  const form = useForm<Values>({
    initialValues: {
      title: '',
      requestType: 'search_and_seizure',
      channel: 'phone',
      receivedAt: now,
      receivedAtPrecision: 'minute',
      emergency: false,
      authorityId: '',
      authorityName: '',
      authorityKind: 'police',
      country: 'DE',
      authorityRole: 'executing',
      fileNumber: '',
      citation: '',
      notStated: false,
      jurisdiction: 'DE',
      documentType: 'order',
      issuedBy: '',
      targets: [],
      systems: {},
      newSystem: '',
      newSystemOwner: '',
      unitId: null,
    },
    validate: (values) => {
      if (step === 0 && !values.title.trim()) return { title: t('intake.titleRequired') };
      if (step === 4) {
        const errors: Record<string, string> = {};
        for (const [id, c] of Object.entries(values.systems)) {
          if (!c.checked) continue;
          // "At least until" says nothing without its time; "ended" without one is recorded as
          // ended at an unknown time (below), never as ongoing.
          if (c.endState === 'at_least_until' && !c.until)
            errors[`systems.${id}.until`] = t('caseTime.endNeedsTime');
          if (Number.isNaN(parseDataVolume(c.dataVolume)))
            errors[`systems.${id}.dataVolume`] = t('inventoryFacts.dataVolumeInvalid');
        }
        return errors;
      }
      return {};
    },
  });
  const v = form.values;

  const save = useMutation({
    mutationFn: async (values: Values) => {
      let authorityId = values.authorityId;
      if (!authorityId && values.authorityName.trim()) {
        authorityId = (
          await must(
            api.POST('/authorities', {
              body: {
                name: values.authorityName.trim(),
                kind: values.authorityKind,
                country: values.country.trim().toUpperCase(),
              },
            }),
          )
        ).id;
      }
      const created = await must(
        api.POST('/cases', {
          body: {
            title: values.title.trim(),
            requestType: values.requestType,
            channel: values.channel,
            receivedAt: fromLocalInput(values.receivedAt),
            receivedAtPrecision: values.receivedAtPrecision,
            emergency: values.emergency,
            unitId: values.unitId,
            authorities: authorityId
              ? [
                  {
                    authorityId,
                    role: values.authorityRole,
                    fileNumber: values.fileNumber.trim() || null,
                  },
                ]
              : undefined,
          },
        }),
      );
      // The case exists from here on; a failing part is reported on its page, not lost.
      const caseId = created.id;
      try {
        let legalBasisId: string | null = null;
        if (values.citation.trim() || values.notStated) {
          legalBasisId = (
            await must(
              api.POST('/cases/{caseId}/legal-bases', {
                params: { path: { caseId } },
                body: {
                  ...(values.notStated
                    ? { notStated: true }
                    : { citation: values.citation.trim() }),
                  jurisdiction: values.jurisdiction.trim(),
                  documentType: values.documentType,
                  issuedBy: values.issuedBy || null,
                },
              }),
            )
          ).id;
        }
        // The primary type is also the case's first measure, with its basis and authority, so that
        // the case file does not say "no measures" beside the type of the request.
        const orders = ['issuing', 'court', 'requesting'].includes(values.authorityRole);
        await must(
          api.POST('/cases/{caseId}/measures', {
            params: { path: { caseId } },
            body: {
              type: values.requestType,
              legalBasisId,
              orderedById: orders ? authorityId || null : null,
              executedById: values.authorityRole === 'executing' ? authorityId || null : null,
            },
          }),
        );
        for (const target of values.targets.filter((x) => x.value.trim())) {
          await must(
            api.POST('/cases/{caseId}/targets', {
              params: { path: { caseId } },
              body: { ...target, value: target.value.trim() },
            }),
          );
        }
        const systems = { ...values.systems };
        for (const [itemId, choice] of Object.entries(systems)) {
          if (!choice.checked) continue;
          let inventoryItemId = itemId;
          if (itemId.startsWith('new:')) {
            inventoryItemId = (
              await must(
                api.POST('/inventory', {
                  body: {
                    name: itemId.slice(4),
                    kind: 'virtual_server',
                    owner: owners[itemId]?.trim() || null,
                  },
                }),
              )
            ).id;
          }
          await must(
            api.POST('/cases/{caseId}/affected-systems', {
              params: { path: { caseId } },
              body: {
                inventoryItemId,
                impact: choice.impact,
                startedAt: fromLocalInput(choice.since),
                startedAtPrecision: choice.sincePrecision,
                dataVolumeBytes: parseDataVolume(choice.dataVolume),
                // An end state that takes a time sends it; "ended" without one is ended at an
                // unknown time (never ongoing); "ongoing" and "ended, time unknown" send none.
                ...(endNeedsTime(choice.endState) && choice.until
                  ? {
                      endState: choice.endState,
                      endedAt: fromLocalInput(choice.until),
                      endedAtPrecision: choice.untilPrecision,
                    }
                  : {
                      endState:
                        choice.endState === 'ended' ? ('ended_unknown' as const) : choice.endState,
                    }),
              },
            }),
          );
        }
      } catch (e) {
        // The case is saved; stay here so that the person reads what is missing, with a link to it.
        setPartError(e instanceof Error ? e.message : String(e));
        setSavedWithGap(caseId);
        return null;
      }
      return caseId;
    },
    onSuccess: (caseId) => {
      if (caseId) void navigate(`/cases/${caseId}`);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.fieldErrors) {
        form.setErrors(error.fieldErrors);
        const first = Object.keys(error.fieldErrors)[0];
        if (first && STEP_OF[first] !== undefined) setStep(STEP_OF[first]);
      }
    },
  });

  // A system ticked or added after the first takes the first one's impact, start and end: in the
  // seed cases every system went dark at the same time, and five systems should not mean five
  // times entering the same moments. Each row can still be changed on its own.
  const firstChecked = Object.values(v.systems).find((c) => c.checked);
  const choice = (id: string): SystemChoice =>
    v.systems[id] ??
    (firstChecked
      ? { ...firstChecked, dataVolume: '' }
      : {
          checked: false,
          impact: 'offline',
          since: v.receivedAt,
          sincePrecision: 'minute',
          endState: 'ended',
          until: '',
          untilPrecision: 'minute',
          dataVolume: '',
        });
  const setChoice = (id: string, patch: Partial<SystemChoice>) =>
    form.setFieldValue('systems', {
      ...form.getValues().systems,
      [id]: { ...choice(id), ...patch },
    });
  const stepper = useRef<HTMLDivElement>(null);
  // The first system added sets the moments the later ones take: the focus goes to its start.
  const [focusStartOf, setFocusStartOf] = useState<string | null>(null);
  useEffect(() => {
    if (!focusStartOf) return;
    stepper.current
      ?.querySelector<HTMLElement>(
        `input[aria-label="${CSS.escape(`${t('intake.since')}: ${focusStartOf}`)}"]`,
      )
      ?.focus();
    setFocusStartOf(null);
  }, [focusStartOf]);
  const addSystem = () => {
    const name = v.newSystem.trim();
    if (!name) return;
    if (!firstChecked) setFocusStartOf(name);
    setOwners((o) => ({ ...o, [`new:${name}`]: v.newSystemOwner }));
    setChoice(`new:${name}`, { checked: true });
    form.setFieldValue('newSystem', '');
    form.setFieldValue('newSystemOwner', '');
  };
  const systemList = [
    ...(inventory.data?.items ?? []).map((i) => ({ id: i.id, name: i.name })),
    ...Object.keys(v.systems)
      .filter((k) => k.startsWith('new:'))
      .map((k) => ({ id: k, name: k.slice(4) })),
  ];
  const last = 5;
  // Each new step starts at its first field, so that keyboard and screen-reader users land in it.
  const shownStep = useRef(step);
  useEffect(() => {
    if (shownStep.current === step) return;
    shownStep.current = step;
    // The review has no field: its one action, saving, takes the focus.
    (
      stepper.current?.querySelector<HTMLElement>(
        '.mantine-Stepper-content :is(input, select, textarea, button)',
      ) ?? stepper.current?.parentElement?.querySelector<HTMLElement>('button[type="submit"]')
    )?.focus();
  }, [step]);
  const next = () => {
    if (form.validate().hasErrors) return;
    setStep((s) => Math.min(last, s + 1));
  };
  const opts = <T extends string>(values: readonly T[], prefix: string) =>
    values.map((x) => ({ value: x, label: t(`${prefix}.${x}`) }));

  return (
    <Stack maw={860}>
      <Title order={1}>{t('intake.title')}</Title>
      <Text c="dimmed">{t('intake.intro')}</Text>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => (step === last ? save.mutate(values) : next()))}
      >
        <div ref={stepper}>
          <Stepper
            active={step}
            onStepClick={setStep}
            orientation={narrow ? 'vertical' : 'horizontal'}
            size="sm"
            allowNextStepsSelect={false}
          >
            <Stepper.Step label={t('intake.steps.arrived')}>
              <Stack>
                <TextInput
                  label={t('intake.caseTitle')}
                  description={t('intake.caseTitleHint')}
                  required
                  autoFocus
                  {...form.getInputProps('title')}
                />
                <NativeSelect
                  label={t('cases.requestType')}
                  data={opts(REQUEST_TYPES, 'vocab.requestType')}
                  {...form.getInputProps('requestType')}
                />
                <NativeSelect
                  label={t('caseFile.channel')}
                  data={opts(CHANNELS, 'vocab.channel')}
                  {...form.getInputProps('channel')}
                />
                <Group align="flex-end">
                  <TextInput
                    type="datetime-local"
                    label={t('intake.receivedAt')}
                    required
                    {...form.getInputProps('receivedAt')}
                  />
                  <PrecisionSelect
                    of={t('intake.receivedAt')}
                    value={v.receivedAtPrecision}
                    onChange={(p) => form.setFieldValue('receivedAtPrecision', p)}
                  />
                </Group>
                <Checkbox
                  label={t('caseFile.emergency')}
                  {...form.getInputProps('emergency', { type: 'checkbox' })}
                />
                {session.can('directory.read') && (
                  <UnitSelect
                    label={t('units.caseUnit')}
                    description={t('intake.unitHint')}
                    placeholder={t('units.noUnit')}
                    value={v.unitId}
                    onChange={(u) => form.setFieldValue('unitId', u)}
                  />
                )}
              </Stack>
            </Stepper.Step>
            <Stepper.Step label={t('intake.steps.from')}>
              <Stack>
                <NativeSelect
                  label={t('intake.authority')}
                  data={[
                    { value: '', label: t('intake.noAuthority') },
                    ...(authorities.data?.items ?? []).map((a) => ({ value: a.id, label: a.name })),
                  ]}
                  {...form.getInputProps('authorityId')}
                />
                {!v.authorityId && (
                  <>
                    <TextInput
                      label={t('intake.authorityNew')}
                      {...form.getInputProps('authorityName')}
                    />
                    <NativeSelect
                      label={t('intake.authorityKind')}
                      data={opts(AUTHORITY_KINDS, 'vocab.authorityKind')}
                      {...form.getInputProps('authorityKind')}
                    />
                    <TextInput
                      label={t('intake.country')}
                      maxLength={2}
                      {...form.getInputProps('country')}
                    />
                  </>
                )}
                <NativeSelect
                  label={t('intake.role')}
                  data={opts(AUTHORITY_ROLES, 'vocab.authorityRole')}
                  {...form.getInputProps('authorityRole')}
                />
                <TextInput
                  label={t('caseFile.fileNumber')}
                  description={t('app.optional')}
                  {...form.getInputProps('fileNumber')}
                />
              </Stack>
            </Stepper.Step>
            <Stepper.Step label={t('intake.steps.basis')}>
              <Stack>
                <TextInput
                  label={t('caseFile.citation')}
                  placeholder="StPO §103"
                  disabled={v.notStated}
                  {...form.getInputProps('citation')}
                />
                <Checkbox
                  label={t('intake.notStated')}
                  description={t('intake.notStatedHint')}
                  {...form.getInputProps('notStated', { type: 'checkbox' })}
                />
                <TextInput
                  label={t('intake.country')}
                  maxLength={40}
                  {...form.getInputProps('jurisdiction')}
                />
                <NativeSelect
                  label={t('caseFile.documentType')}
                  data={opts(LEGAL_DOCUMENT_TYPES, 'vocab.documentType')}
                  {...form.getInputProps('documentType')}
                />
                <NativeSelect
                  label={t('caseFile.issuedBy')}
                  data={[{ value: '', label: '–' }, ...opts(ISSUERS, 'vocab.issuer')]}
                  {...form.getInputProps('issuedBy')}
                />
              </Stack>
            </Stepper.Step>
            <Stepper.Step label={t('intake.steps.names')}>
              <Stack>
                {v.targets.length === 0 && <Text c="dimmed">{t('intake.noTargets')}</Text>}
                {v.targets.map((_, i) => (
                  <Card
                    key={i}
                    withBorder
                    component="fieldset"
                    aria-label={t('intake.target', { n: i + 1 })}
                  >
                    <Group align="flex-end">
                      <NativeSelect
                        label={t('caseFile.what')}
                        data={opts(TARGET_KINDS, 'vocab.targetKind')}
                        {...form.getInputProps(`targets.${i}.kind`)}
                      />
                      <TextInput
                        label={t('caseFile.value')}
                        style={{ flex: 1, minWidth: 180 }}
                        {...form.getInputProps(`targets.${i}.value`)}
                      />
                      <NativeSelect
                        label={t('caseFile.existence')}
                        data={opts(TARGET_EXISTENCE, 'vocab.existence')}
                        {...form.getInputProps(`targets.${i}.existence`)}
                      />
                      <Button variant="default" onClick={() => form.removeListItem('targets', i)}>
                        {t('app.remove')}
                      </Button>
                    </Group>
                  </Card>
                ))}
                <Button
                  variant="light"
                  w="fit-content"
                  onClick={() =>
                    form.insertListItem('targets', {
                      kind: 'account',
                      value: '',
                      existence: 'unknown',
                    })
                  }
                >
                  {t('intake.addTarget')}
                </Button>
              </Stack>
            </Stepper.Step>
            <Stepper.Step label={t('intake.steps.systems')}>
              <Stack>
                <Text size="sm">{t('intake.systemsHint')}</Text>
                {systemList.map((s) => {
                  const c = choice(s.id);
                  return (
                    <Card key={s.id} withBorder padding="sm">
                      <Checkbox
                        label={s.name}
                        checked={c.checked}
                        onChange={(e) => setChoice(s.id, { checked: e.currentTarget.checked })}
                      />
                      {c.checked && (
                        <Group mt="xs" align="flex-end">
                          <NativeSelect
                            label={t('caseFile.impactKind')}
                            aria-label={`${t('caseFile.impactKind')}: ${s.name}`}
                            data={opts(IMPACTS, 'vocab.impact')}
                            value={c.impact}
                            onChange={(e) =>
                              setChoice(s.id, { impact: e.currentTarget.value as Impact })
                            }
                          />
                          <TextInput
                            type="datetime-local"
                            label={t('intake.since')}
                            aria-label={`${t('intake.since')}: ${s.name}`}
                            value={c.since}
                            onChange={(e) => setChoice(s.id, { since: e.currentTarget.value })}
                          />
                          <PrecisionSelect
                            of={`${t('intake.since')}: ${s.name}`}
                            value={c.sincePrecision}
                            onChange={(p) => setChoice(s.id, { sincePrecision: p })}
                          />
                          <TextInput
                            label={t('inventoryFacts.dataVolume')}
                            aria-label={`${t('inventoryFacts.dataVolume')}: ${s.name}`}
                            placeholder="269 GB"
                            w={150}
                            value={c.dataVolume}
                            error={form.errors[`systems.${s.id}.dataVolume`]}
                            onChange={(e) => setChoice(s.id, { dataVolume: e.currentTarget.value })}
                          />
                          <EndStateSelect
                            of={s.name}
                            value={c.endState}
                            onChange={(endState) => setChoice(s.id, { endState })}
                          />
                          {endNeedsTime(c.endState) && (
                            <>
                              <TextInput
                                type="datetime-local"
                                label={t('intake.until')}
                                aria-label={`${t('intake.until')}: ${s.name}`}
                                value={c.until}
                                required={c.endState === 'at_least_until'}
                                error={form.errors[`systems.${s.id}.until`]}
                                onChange={(e) => setChoice(s.id, { until: e.currentTarget.value })}
                              />
                              <PrecisionSelect
                                of={`${t('intake.until')}: ${s.name}`}
                                value={c.untilPrecision}
                                onChange={(p) => setChoice(s.id, { untilPrecision: p })}
                              />
                            </>
                          )}
                        </Group>
                      )}
                    </Card>
                  );
                })}
                <Group align="flex-end">
                  <TextInput
                    label={t('intake.newSystem')}
                    description={t('intake.newSystemHint')}
                    {...form.getInputProps('newSystem')}
                    onKeyDown={(e) => {
                      // Enter adds the system named and stays here for the next one; in an
                      // empty field it submits the step as everywhere else.
                      if (e.key !== 'Enter' || !v.newSystem.trim()) return;
                      e.preventDefault();
                      addSystem();
                    }}
                  />
                  <TextInput
                    label={t('inventoryFacts.owner')}
                    description={t('inventoryFacts.ownerHint')}
                    {...form.getInputProps('newSystemOwner')}
                  />
                  <Button variant="light" onClick={addSystem}>
                    {t('app.add')}
                  </Button>
                </Group>
              </Stack>
            </Stepper.Step>
            <Stepper.Step label={t('intake.steps.review')}>
              <Stack>
                <Text>{t('intake.review')}</Text>
                <List>
                  <List.Item>
                    {v.title || '–'} · {t(`vocab.requestType.${v.requestType}`)} ·{' '}
                    {v.receivedAt
                      ? moment(fromLocalInput(v.receivedAt), v.receivedAtPrecision)
                      : '–'}
                  </List.Item>
                  {v.unitId && (
                    <List.Item>
                      {t('units.caseUnit')}:{' '}
                      {units.options.find((o) => o.value === v.unitId)?.label}
                    </List.Item>
                  )}
                  <List.Item>
                    {t('intake.authority')}:{' '}
                    {v.authorityId
                      ? authorities.data?.items?.find((a) => a.id === v.authorityId)?.name
                      : v.authorityName || '–'}
                  </List.Item>
                  <List.Item>
                    {t('caseFile.citation')}:{' '}
                    {v.notStated ? t('measures.notStated') : v.citation || '–'}
                  </List.Item>
                  <List.Item>
                    {t('caseFile.targets')}:{' '}
                    {v.targets
                      .filter((x) => x.value.trim())
                      .map((x) => x.value)
                      .join(', ') || '–'}
                  </List.Item>
                  <List.Item>
                    {t('caseFile.affectedSystems')}:{' '}
                    {systemList
                      .filter((s) => choice(s.id).checked)
                      .map((s) => {
                        const c = choice(s.id);
                        const since = c.since
                          ? moment(fromLocalInput(c.since), c.sincePrecision)
                          : '–';
                        const end =
                          endNeedsTime(c.endState) && c.until
                            ? `${c.endState === 'at_least_until' ? `${t('caseTime.endStates.at_least_until')} ` : ''}${moment(fromLocalInput(c.until), c.untilPrecision)}`
                            : t(
                                `caseTime.endStates.${c.endState === 'ended' ? 'ended_unknown' : c.endState}`,
                              );
                        return `${s.name} (${since} – ${end})`;
                      })
                      .join('; ') || t('intake.noSystems')}
                  </List.Item>
                </List>
              </Stack>
            </Stepper.Step>
          </Stepper>
        </div>
        {partError && (
          <Alert color="orange" mt="md" role="alert">
            {t('intake.failedPart', { message: partError })}
            {savedWithGap && (
              <>
                {' '}
                <Link to={`/cases/${savedWithGap}`}>{t('intake.openSaved')}</Link>
              </>
            )}
          </Alert>
        )}
        <ErrorAlert error={save.error} />
        <Group mt="lg">
          {step > 0 && (
            <Button variant="default" onClick={() => setStep(step - 1)}>
              {t('intake.back')}
            </Button>
          )}
          <Button type="submit" loading={save.isPending}>
            {step === last ? t('intake.finish') : t('intake.next')}
          </Button>
        </Group>
      </form>
    </Stack>
  );
}
