import {
  Button,
  Card,
  NativeSelect,
  PasswordInput,
  Stack,
  Table,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../../src/access/permissions.js';
import { ApiError, api, ifMatch, must, type Schemas } from '../api/client';
import { ErrorAlert, Loading } from '../components/status';

/** Accounts (admins): create, and disable or enable. */
export default function UsersPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: () => must(api.GET('/users')) });
  const refresh = () => client.invalidateQueries({ queryKey: ['users'] });
  const form = useForm<Schemas['CreateUserDto']>({
    initialValues: { email: '', displayName: '', role: 'board', password: '' },
  });
  const create = useMutation({
    mutationFn: (body: Schemas['CreateUserDto']) => must(api.POST('/users', { body })),
    onSuccess: () => {
      form.reset();
      return refresh();
    },
    onError: (e) => e instanceof ApiError && form.setErrors(e.fieldErrors),
  });
  const toggle = useMutation({
    mutationFn: (u: Schemas['UserDto']) =>
      must(
        api.PATCH('/users/{id}', {
          params: { path: { id: u.id }, header: ifMatch(u.version) },
          body: { disabled: !u.disabledAt },
        }),
      ),
    onSuccess: refresh,
  });
  return (
    <Stack>
      <Title order={1}>{t('users.title')}</Title>
      <ErrorAlert error={toggle.error} />
      {users.isPending ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table striped aria-label={t('users.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users.email')}</Table.Th>
                <Table.Th>{t('users.name')}</Table.Th>
                <Table.Th>{t('users.role')}</Table.Th>
                <Table.Th>{t('users.status')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('app.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(users.data?.items ?? []).map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>{u.email}</Table.Td>
                  <Table.Td>{u.displayName}</Table.Td>
                  <Table.Td>{t(`vocab.role.${u.role}`)}</Table.Td>
                  <Table.Td fw={u.disabledAt ? 700 : undefined}>
                    {u.disabledAt ? t('users.disabled') : t('users.active')}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => toggle.mutate(u)}
                      aria-label={`${u.disabledAt ? t('users.enable') : t('users.disable')}: ${u.email}`}
                    >
                      {u.disabledAt ? t('users.enable') : t('users.disable')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Card withBorder maw={560} component="section" aria-label={t('users.create')}>
        <form onSubmit={form.onSubmit((v) => create.mutate(v))}>
          <Stack>
            <Title order={2} size="h3">
              {t('users.create')}
            </Title>
            <TextInput
              label={t('users.email')}
              type="email"
              required
              {...form.getInputProps('email')}
            />
            <TextInput label={t('users.name')} required {...form.getInputProps('displayName')} />
            <NativeSelect
              label={t('users.role')}
              data={ROLES.map((r) => ({ value: r, label: t(`vocab.role.${r}`) }))}
              {...form.getInputProps('role')}
            />
            <PasswordInput
              label={t('users.password')}
              required
              autoComplete="new-password"
              {...form.getInputProps('password')}
            />
            <ErrorAlert
              error={
                create.error instanceof ApiError && create.error.status !== 400
                  ? create.error
                  : null
              }
            />
            <Button type="submit" w="fit-content" loading={create.isPending}>
              {t('users.create')}
            </Button>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
