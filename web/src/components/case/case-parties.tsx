import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  AUTHORITY_KINDS,
  AUTHORITY_ROLES,
  GAG_BINDING,
} from '../../../../src/domain/vocabulary.js';
import { ApiError, api, must, type Schemas } from '../../api/client';
import { fromLocalInput } from '../../format';
import { ErrorAlert } from '../status';
import { PrecisionSelect, type TimePrecision } from './case-time';

/**
 * A further authority of a case in its role (the foreign authority that requests, the prosecutor
 * that executes, the court), from the directory or new to it.
 */
export function AddCaseAuthority({ caseId, onDone }: { caseId: string; onDone: () => unknown }) {
  const { t } = useTranslation();
  const directory = useQuery({
    queryKey: ['authorities'],
    queryFn: () => must(api.GET('/authorities')),
  });
  const form = useForm({
    initialValues: {
      authorityId: '',
      name: '',
      kind: 'prosecutor' as Schemas['CreateAuthorityDto']['kind'],
      country: 'DE',
      role: 'executing' as Schemas['CreateCaseAuthorityDto']['role'],
      fileNumber: '',
    },
    validate: {
      name: (v, values) => (!values.authorityId && !v.trim() ? t('caseParties.nameOrPick') : null),
    },
  });
  const add = useMutation({
    mutationFn: async (v: typeof form.values) => {
      const authorityId =
        v.authorityId ||
        (
          await must(
            api.POST('/authorities', {
              body: { name: v.name.trim(), kind: v.kind, country: v.country.trim().toUpperCase() },
            }),
          )
        ).id;
      return must(
        api.POST('/cases/{caseId}/authorities', {
          params: { path: { caseId } },
          body: { authorityId, role: v.role, fileNumber: v.fileNumber.trim() || null },
        }),
      );
    },
    onSuccess: async () => {
      form.reset();
      await directory.refetch();
      return onDone();
    },
    onError: (e) => e instanceof ApiError && form.setErrors(e.fieldErrors),
  });
  return (
    <form onSubmit={form.onSubmit((v) => add.mutate(v))}>
      <Group align="flex-end" mt="md" gap="sm">
        <NativeSelect
          label={t('intake.authority')}
          data={[
            { value: '', label: t('caseParties.newAuthority') },
            ...(directory.data?.items ?? []).map((a) => ({ value: a.id, label: a.name })),
          ]}
          {...form.getInputProps('authorityId')}
        />
        {!form.values.authorityId && (
          <>
            <TextInput label={t('intake.authorityNew')} {...form.getInputProps('name')} />
            <NativeSelect
              label={t('intake.authorityKind')}
              data={AUTHORITY_KINDS.map((k) => ({
                value: k,
                label: t(`vocab.authorityKind.${k}`),
              }))}
              {...form.getInputProps('kind')}
            />
            <TextInput
              label={t('intake.country')}
              maxLength={2}
              w={120}
              {...form.getInputProps('country')}
            />
          </>
        )}
        <NativeSelect
          label={t('intake.role')}
          data={AUTHORITY_ROLES.map((r) => ({ value: r, label: t(`vocab.authorityRole.${r}`) }))}
          {...form.getInputProps('role')}
        />
        <TextInput label={t('caseFile.fileNumber')} {...form.getInputProps('fileNumber')} />
        <Button type="submit" variant="light" loading={add.isPending}>
          {t('caseParties.addAuthority')}
        </Button>
      </Group>
      <ErrorAlert error={add.error} />
    </form>
  );
}

/** A gag order: the provider may not tell the customer (StPO §95a or a foreign equivalent). */
export function AddGagOrder({ caseId, onDone }: { caseId: string; onDone: () => unknown }) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: {
      legalBasis: '',
      binding: 'yes' as (typeof GAG_BINDING)[number],
      until: '',
      untilPrecision: 'day' as TimePrecision,
    },
    validate: {
      legalBasis: (v) => (v.trim() ? null : t('caseParties.gagBasisRequired')),
    },
  });
  const add = useMutation({
    mutationFn: (v: typeof form.values) =>
      must(
        api.POST('/cases/{caseId}/gag-orders', {
          params: { path: { caseId } },
          body: {
            legalBasis: v.legalBasis.trim(),
            binding: v.binding,
            ...(v.until
              ? { until: fromLocalInput(v.until), untilPrecision: v.untilPrecision }
              : {}),
          },
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
      <Group align="flex-end" mt="md" gap="sm">
        <TextInput
          label={t('caseParties.gagBasis')}
          placeholder="StPO §95a"
          required
          {...form.getInputProps('legalBasis')}
        />
        <NativeSelect
          label={t('caseParties.binding')}
          data={GAG_BINDING.map((b) => ({ value: b, label: t(`caseParties.bindingValue.${b}`) }))}
          {...form.getInputProps('binding')}
        />
        <TextInput
          type="datetime-local"
          label={t('caseParties.gagUntil')}
          description={t('caseParties.gagUntilHint')}
          {...form.getInputProps('until')}
        />
        <PrecisionSelect
          of={t('caseParties.gagUntil')}
          value={form.values.untilPrecision}
          onChange={(p) => form.setFieldValue('untilPrecision', p)}
        />
        <Button type="submit" variant="light" loading={add.isPending}>
          {t('caseParties.addGag')}
        </Button>
      </Group>
      <ErrorAlert error={add.error} />
    </form>
  );
}
