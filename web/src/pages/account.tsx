import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Group,
  List,
  PasswordInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { QRCodeSVG } from 'qrcode.react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PASSWORD_MIN } from '../../../src/domain/password-rules.js';
import { ApiError, api, must, type Schemas } from '../api/client';
import { ErrorAlert, Loading } from '../components/status';
import { formatDate, formatDateTime, toLocalInput } from '../format';
import { groupedSecret } from '../second-factor';

/** The signed-in user's own account: second factor, personal API tokens, sign out everywhere. */
export default function AccountPage() {
  const { t } = useTranslation();
  const me = useQuery({ queryKey: ['me', 'account'], queryFn: () => must(api.GET('/auth/me')) });
  return (
    <Stack>
      <Title order={1}>{t('account.title')}</Title>
      {me.isPending ? (
        <Loading />
      ) : me.data ? (
        <>
          <Text>
            {me.data.displayName} · {me.data.email} · {t(`vocab.role.${me.data.role}`)}
          </Text>
          <PasswordCard required={(me.data.requiredActions ?? []).includes('change_password')} />
          <SecondFactorCard me={me.data} />
          <ApiTokensCard />
          <SignOutEverywhereCard />
        </>
      ) : (
        <ErrorAlert error={me.error} />
      )}
    </Stack>
  );
}

function SecondFactorCard({ me }: { me: Schemas['MeDto'] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [enrolment, setEnrolment] = useState<Schemas['SecondFactorEnrolmentDto'] | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const form = useForm({ initialValues: { code: '' } });
  const start = useMutation({
    mutationFn: () => must(api.POST('/auth/second-factor')),
    onSuccess: setEnrolment,
  });
  const confirm = useMutation({
    mutationFn: (code: string) =>
      must(api.POST('/auth/second-factor/confirm', { body: { code: code.trim() } })),
    onSuccess: (result) => {
      setRecoveryCodes(result.recoveryCodes);
      setEnrolment(null);
      form.reset();
      void client.invalidateQueries({ queryKey: ['me'] });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 400)
        form.setErrors({ code: t('account.codeWrong') });
    },
  });
  const enrolled = me.secondFactor.enrolled;
  return (
    <Card withBorder component="section" aria-labelledby="second-factor-heading">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h3" id="second-factor-heading">
            {t('account.secondFactor')}
          </Title>
          <Badge color={enrolled ? 'green.9' : 'gray.7'} variant="filled">
            {enrolled ? t('account.enrolled') : t('account.notEnrolled')}
          </Badge>
        </Group>
        {!enrolled && me.secondFactor.required && (
          <Alert color="orange" role="status">
            {t('account.required')}
          </Alert>
        )}
        <Text size="sm">{t('account.secondFactorIntro')}</Text>
        {recoveryCodes && (
          <Alert color="green" title={t('account.recoveryTitle')} role="status">
            <Text size="sm" mb="xs">
              {t('account.recoveryIntro')}
            </Text>
            <List size="sm" data-testid="recovery-codes" spacing={2}>
              {recoveryCodes.map((c) => (
                <List.Item key={c}>
                  <Code>{c}</Code>
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        {!enrolled && !enrolment && (
          <Button w="fit-content" onClick={() => start.mutate()} loading={start.isPending}>
            {t('account.startEnrolment')}
          </Button>
        )}
        <ErrorAlert error={start.error} />
        {enrolment && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('account.scan')}</Text>
              <QRCodeSVG
                value={enrolment.otpauthUri}
                size={176}
                marginSize={2}
                role="img"
                aria-label={t('account.qrLabel')}
              />
              <Text size="sm">{t('account.orType')}</Text>
              <Code data-testid="totp-secret" style={{ wordBreak: 'break-all' }}>
                {groupedSecret(enrolment.secret)}
              </Code>
            </Stack>
            <form onSubmit={form.onSubmit((v) => confirm.mutate(v.code))} noValidate>
              <Stack>
                <TextInput
                  label={t('account.firstCode')}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  required
                  {...form.getInputProps('code')}
                />
                <ErrorAlert
                  error={
                    confirm.error instanceof ApiError && confirm.error.status !== 400
                      ? confirm.error
                      : null
                  }
                />
                <Button type="submit" w="fit-content" loading={confirm.isPending}>
                  {t('account.confirm')}
                </Button>
              </Stack>
            </form>
          </SimpleGrid>
        )}
      </Stack>
    </Card>
  );
}

/**
 * Changing the password: the current one, the new one twice. The service applies its strength
 * rules and names the field it refuses; a change ends every session of the user (this one too),
 * so the page signs in again afterwards.
 */
function PasswordCard({ required }: { required: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', repeat: '' },
    validate: {
      // The service's rule, checked here too so the form answers at once.
      newPassword: (value) => (value.length >= PASSWORD_MIN ? null : t('password.tooShort')),
      repeat: (value, values) => (value === values.newPassword ? null : t('password.mismatch')),
    },
  });
  /** The service's reason in the user's language; the estimator's hints exist in English only. */
  const newPasswordError = (e: ApiError) => {
    const message = e.fieldErrors.newPassword;
    switch (e.fieldErrorCode('newPassword')) {
      case 'password_too_short':
        return t('password.tooShort');
      case 'password_unchanged':
        return t('password.same');
      case 'password_too_weak': {
        const hint = (message ?? '').split(': ').slice(1).join(': ');
        return i18n.language === 'en' && hint
          ? `${t('password.tooWeak')} ${hint}`
          : t('password.tooWeak');
      }
      default:
        return message;
    }
  };
  const change = useMutation({
    mutationFn: (v: { currentPassword: string; newPassword: string }) =>
      must(api.POST('/auth/password', { body: v })),
    onSuccess: async () => {
      // Every session of the user has ended. Leave this page first (its guard would otherwise send
      // the forgotten user to a sign-in page without the notice), then forget the user.
      await navigate('/sign-in?notice=password-changed', { replace: true });
      client.clear();
      client.setQueryData(['me'], null);
    },
    onError: (e) => {
      if (!(e instanceof ApiError) || e.status !== 400) return;
      form.setErrors({
        currentPassword: e.fieldErrors.currentPassword && t('password.currentWrong'),
        newPassword: newPasswordError(e),
      });
    },
  });
  return (
    <Card withBorder component="section" aria-labelledby="password-heading">
      <form
        onSubmit={form.onSubmit((v) =>
          change.mutate({ currentPassword: v.currentPassword, newPassword: v.newPassword }),
        )}
        noValidate
      >
        <Stack>
          <Title order={2} size="h3" id="password-heading">
            {t('password.title')}
          </Title>
          {required && (
            <Alert color="orange" role="status">
              {t('password.required')}
            </Alert>
          )}
          <Text size="sm">{t('password.intro')}</Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <PasswordInput
              label={t('password.current')}
              autoComplete="current-password"
              required
              {...form.getInputProps('currentPassword')}
            />
            <PasswordInput
              label={t('password.new')}
              autoComplete="new-password"
              required
              {...form.getInputProps('newPassword')}
            />
            <PasswordInput
              label={t('password.repeat')}
              autoComplete="new-password"
              required
              {...form.getInputProps('repeat')}
            />
          </SimpleGrid>
          <ErrorAlert
            error={
              change.error instanceof ApiError && change.error.status === 400 ? null : change.error
            }
          />
          <Button type="submit" w="fit-content" loading={change.isPending}>
            {t('password.submit')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

/** One year ahead, the longest a token may live; the user shortens it. */
const inAYear = () => toLocalInput(new Date(Date.now() + 365 * 86_400_000)).slice(0, 10);

function ApiTokensCard() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: () => must(api.GET('/auth/tokens')) });
  const refresh = () => client.invalidateQueries({ queryKey: ['tokens'] });
  const [issued, setIssued] = useState<Schemas['NewApiTokenDto'] | null>(null);
  const form = useForm({ initialValues: { name: '', expiresOn: inAYear() } });
  const create = useMutation({
    mutationFn: (v: { name: string; expiresOn: string }) =>
      must(
        api.POST('/auth/tokens', {
          body: { name: v.name, expiresAt: new Date(`${v.expiresOn}T23:59:00`).toISOString() },
        }),
      ),
    onSuccess: (token) => {
      setIssued(token);
      form.reset();
      return refresh();
    },
    onError: (e) => e instanceof ApiError && form.setErrors(e.fieldErrors),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => must(api.DELETE('/auth/tokens/{id}', { params: { path: { id } } })),
    onSuccess: refresh,
  });
  const items = tokens.data?.items ?? [];
  return (
    <Card withBorder component="section" aria-labelledby="tokens-heading">
      <Stack>
        <Title order={2} size="h3" id="tokens-heading">
          {t('account.tokens')}
        </Title>
        <Text size="sm">{t('account.tokensIntro')}</Text>
        {issued && (
          <Alert
            color="green"
            role="status"
            title={t('account.tokenIssued', { name: issued.name })}
          >
            <Code block data-testid="new-token" style={{ wordBreak: 'break-all' }}>
              {issued.token}
            </Code>
          </Alert>
        )}
        <ErrorAlert error={revoke.error} />
        {tokens.isPending ? (
          <Loading />
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('account.noTokens')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table aria-labelledby="tokens-heading">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('account.tokenName')}</Table.Th>
                  <Table.Th>{t('account.expires')}</Table.Th>
                  <Table.Th>{t('account.lastUsed')}</Table.Th>
                  <Table.Th>{t('account.state')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((token) => (
                  <Table.Tr key={token.id}>
                    <Table.Td>{token.name}</Table.Td>
                    <Table.Td>{formatDate(token.expiresAt)}</Table.Td>
                    <Table.Td>{formatDateTime(token.lastUsedAt)}</Table.Td>
                    <Table.Td>
                      {token.revokedAt ? (
                        t('account.revoked')
                      ) : (
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => revoke.mutate(token.id)}
                          aria-label={`${t('account.revoke')}: ${token.name}`}
                        >
                          {t('account.revoke')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <form onSubmit={form.onSubmit((v) => create.mutate(v))} noValidate>
          <Group align="flex-end">
            <TextInput
              label={t('account.tokenName')}
              required
              maw={260}
              {...form.getInputProps('name')}
            />
            <TextInput
              label={t('account.expires')}
              type="date"
              required
              {...form.getInputProps('expiresOn')}
              error={form.errors.expiresOn ?? form.errors.expiresAt}
            />
            <Button type="submit" loading={create.isPending}>
              {t('account.createToken')}
            </Button>
          </Group>
        </form>
      </Stack>
    </Card>
  );
}

function SignOutEverywhereCard() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const out = useMutation({
    mutationFn: () => must(api.DELETE('/auth/session/all')),
    onSuccess: () => {
      client.clear();
      client.setQueryData(['me'], null);
      void navigate('/sign-in');
    },
  });
  return (
    <Card withBorder component="section" aria-labelledby="everywhere-heading">
      <Stack align="flex-start">
        <Title order={2} size="h3" id="everywhere-heading">
          {t('account.everywhere')}
        </Title>
        <Text size="sm">{t('account.everywhereIntro')}</Text>
        <ErrorAlert error={out.error} />
        <Button color="red.9" onClick={() => out.mutate()} loading={out.isPending}>
          {t('account.everywhereButton')}
        </Button>
      </Stack>
    </Card>
  );
}
