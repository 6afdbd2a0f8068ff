import {
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/dialog';
import { ROLES, type Role } from '../../../src/access/permissions.js';
import { ApiError, api, ifMatch, must, type Schemas } from '../api/client';
import { ErrorAlert, Loading } from '../components/status';
import { useSession } from '../session';

type User = Schemas['UserListItemDto'];

/** Accounts (admins): create; change role; see second factors; reset a password; disable or enable. */
export default function UsersPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const session = useSession();
  const users = useQuery({ queryKey: ['users'], queryFn: () => must(api.GET('/users')) });
  const refresh = () => client.invalidateQueries({ queryKey: ['users'] });
  const [resetting, setResetting] = useState<User | null>(null);
  const update = useMutation({
    mutationFn: ({ user, body }: { user: User; body: Schemas['UpdateUserDto'] }) =>
      must(
        api.PATCH('/users/{id}', {
          params: { path: { id: user.id }, header: ifMatch(user.version) },
          body,
        }),
      ),
    onSettled: refresh,
  });
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`vocab.role.${r}`) }));
  return (
    <Stack>
      <Title order={1}>{t('users.title')}</Title>
      <ErrorAlert error={update.error} />
      {users.isPending ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped aria-label={t('users.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users.email')}</Table.Th>
                <Table.Th>{t('users.name')}</Table.Th>
                <Table.Th>{t('users.role')}</Table.Th>
                <Table.Th>{t('admin.secondFactor')}</Table.Th>
                <Table.Th>{t('users.status')}</Table.Th>
                <Table.Th>{t('admin.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(users.data?.items ?? []).map((u) => {
                const self = u.id === session.me?.id;
                return (
                  <Table.Tr key={u.id}>
                    <Table.Td>{u.email}</Table.Td>
                    <Table.Td>{u.displayName}</Table.Td>
                    <Table.Td>
                      <NativeSelect
                        size="xs"
                        aria-label={`${t('users.role')}: ${u.email}`}
                        data={roleOptions}
                        value={u.role}
                        disabled={self}
                        onChange={(e) =>
                          update.mutate({ user: u, body: { role: e.currentTarget.value as Role } })
                        }
                      />
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        variant="filled"
                        color={u.secondFactorEnrolled ? 'green.9' : 'gray.7'}
                        data-testid="second-factor-state"
                      >
                        {u.secondFactorEnrolled ? t('admin.enrolled') : t('admin.notEnrolled')}
                      </Badge>
                    </Table.Td>
                    <Table.Td fw={u.disabledAt ? 700 : undefined}>
                      {u.disabledAt ? t('users.disabled') : t('users.active')}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => setResetting(u)}
                          aria-label={`${t('admin.reset')}: ${u.email}`}
                        >
                          {t('admin.reset')}
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          disabled={self}
                          onClick={() =>
                            update.mutate({ user: u, body: { disabled: !u.disabledAt } })
                          }
                          aria-label={`${u.disabledAt ? t('users.enable') : t('users.disable')}: ${u.email}`}
                        >
                          {u.disabledAt ? t('users.enable') : t('users.disable')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ResetPassword user={resetting} onClose={() => setResetting(null)} onDone={refresh} />
      <CreateUser onCreated={refresh} />
    </Stack>
  );
}

/** An admin's reset: a new password, the second factor removed, every session ended. */
function ResetPassword(props: { user: User | null; onClose: () => void; onDone: () => unknown }) {
  const { t } = useTranslation();
  const form = useForm({ initialValues: { password: '' } });
  const reset = useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) =>
      must(api.PUT('/users/{id}/password', { params: { path: { id } }, body: { password } })),
    onSuccess: () => {
      form.reset();
      props.onClose();
      return props.onDone();
    },
    onError: (e) => e instanceof ApiError && form.setErrors(e.fieldErrors),
  });
  const user = props.user;
  return (
    <Dialog
      opened={!!user}
      onClose={() => {
        form.reset();
        reset.reset();
        props.onClose();
      }}
      title={user ? t('admin.resetTitle', { email: user.email }) : ''}
      size="md"
    >
      {user && (
        <form
          onSubmit={form.onSubmit((v) => reset.mutate({ id: user.id, password: v.password }))}
          noValidate
        >
          <Stack>
            <Text size="sm">{t('admin.resetIntro')}</Text>
            <PasswordInput
              label={t('admin.newPassword')}
              autoComplete="new-password"
              required
              data-autofocus
              {...form.getInputProps('password')}
            />
            <ErrorAlert
              error={
                reset.error instanceof ApiError && reset.error.status !== 400 ? reset.error : null
              }
            />
            <Button type="submit" color="red.9" w="fit-content" loading={reset.isPending}>
              {t('admin.resetConfirm')}
            </Button>
          </Stack>
        </form>
      )}
    </Dialog>
  );
}

function CreateUser({ onCreated }: { onCreated: () => unknown }) {
  const { t } = useTranslation();
  const form = useForm<Schemas['CreateUserDto']>({
    initialValues: { email: '', displayName: '', role: 'board', password: '' },
  });
  const create = useMutation({
    mutationFn: (body: Schemas['CreateUserDto']) => must(api.POST('/users', { body })),
    onSuccess: () => {
      form.reset();
      return onCreated();
    },
    onError: (e) => e instanceof ApiError && form.setErrors(e.fieldErrors),
  });
  return (
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
              create.error instanceof ApiError && create.error.status !== 400 ? create.error : null
            }
          />
          <Button type="submit" w="fit-content" loading={create.isPending}>
            {t('users.create')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
