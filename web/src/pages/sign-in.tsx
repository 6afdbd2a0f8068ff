import {
  Alert,
  Anchor,
  Button,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api, must, type Schemas } from '../api/client';
import { secondFactorChallenge, secondFactorProof } from '../second-factor';
import { useSession } from '../session';

/** Only paths inside the app are followed after sign-in (no open redirect). */
function safeNext(next: string | null) {
  return next && /^\/[a-z0-9/_?=&%.-]*$/i.test(next) && !next.startsWith('//') ? next : '/';
}

/** Sign-in in one or two steps: e-mail and password, then the authenticator's code if the account has one. */
export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const session = useSession();
  const [challenge, setChallenge] = useState<string | null>(null);
  const form = useForm({ initialValues: { email: '', password: '' } });
  const signedIn = (result: Schemas['BrowserSessionDto']) => {
    client.setQueryData(['me'], result.user);
    void client.invalidateQueries({ queryKey: ['me'] });
    void navigate(safeNext(params.get('next')), { replace: true });
  };
  const signIn = useMutation({
    mutationFn: (values: { email: string; password: string }) =>
      must(api.POST('/auth/session', { body: values })),
    onSuccess: signedIn,
    onError: (error) => {
      const next = secondFactorChallenge(error);
      if (next) setChallenge(next);
      else if (error instanceof ApiError && error.status === 400) form.setErrors(error.fieldErrors);
    },
  });
  // A known user is sent on, except to read that their password changed (the page forgets them next).
  if (session.me && params.get('notice') !== 'password-changed')
    return <Navigate to={safeNext(params.get('next'))} replace />;
  if (challenge)
    return (
      <SecondFactorStep
        challenge={challenge}
        onDone={signedIn}
        onRestart={() => {
          setChallenge(null);
          signIn.reset();
          form.setFieldValue('password', '');
        }}
      />
    );
  const error = signIn.error;
  return (
    <Paper maw={420} mx="auto" mt="xl" p="lg" withBorder>
      <form onSubmit={form.onSubmit((values) => signIn.mutate(values))} noValidate>
        <Stack>
          <Title order={1} size="h2">
            {t('signIn.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('signIn.intro')}
          </Text>
          {params.get('notice') === 'password-changed' && !error && (
            <Alert color="green" role="status">
              {t('password.changed')}
            </Alert>
          )}
          {error instanceof ApiError && error.status !== 400 && (
            <Alert color="red" role="alert">
              {error.status === 429 ? t('signIn.throttled') : t('signIn.failed')}
            </Alert>
          )}
          <TextInput
            label={t('signIn.email')}
            type="email"
            autoComplete="username"
            required
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label={t('signIn.password')}
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={signIn.isPending}>
            {t('signIn.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

function SecondFactorStep(props: {
  challenge: string;
  onDone: (session: Schemas['BrowserSessionDto']) => void;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const [useRecovery, setUseRecovery] = useState(false);
  const form = useForm({ initialValues: { code: '' } });
  const verify = useMutation({
    mutationFn: (code: string) =>
      must(
        api.POST('/auth/session/second-factor', {
          body: { challenge: props.challenge, ...secondFactorProof(code, useRecovery) },
        }),
      ),
    onSuccess: props.onDone,
    onError: (error) => {
      if (error instanceof ApiError && error.status === 400)
        form.setErrors({ code: t('secondFactor.codeFormat') });
    },
  });
  const error = verify.error;
  // A used-up or expired challenge cannot be retried: the user starts again with the password.
  const gone = error instanceof ApiError && /challenge/i.test(error.problem.detail ?? '');
  return (
    <Paper maw={420} mx="auto" mt="xl" p="lg" withBorder>
      <form onSubmit={form.onSubmit((v) => verify.mutate(v.code))} noValidate>
        <Stack>
          <Title order={1} size="h2">
            {t('secondFactor.title')}
          </Title>
          <Text size="sm">
            {useRecovery ? t('secondFactor.recoveryIntro') : t('secondFactor.intro')}
          </Text>
          {error instanceof ApiError && error.status !== 400 && (
            <Alert color="red" role="alert">
              {error.status === 429
                ? t('signIn.throttled')
                : gone
                  ? t('secondFactor.expired')
                  : t('secondFactor.wrong')}
            </Alert>
          )}
          <TextInput
            key={useRecovery ? 'recovery' : 'totp'}
            label={useRecovery ? t('secondFactor.recoveryCode') : t('secondFactor.code')}
            autoComplete="one-time-code"
            inputMode={useRecovery ? 'text' : 'numeric'}
            maxLength={useRecovery ? 40 : 6}
            required
            data-autofocus
            autoFocus
            {...form.getInputProps('code')}
          />
          <Button type="submit" loading={verify.isPending} disabled={gone}>
            {t('secondFactor.submit')}
          </Button>
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => {
              setUseRecovery(!useRecovery);
              form.setFieldValue('code', '');
              verify.reset();
            }}
          >
            {useRecovery ? t('secondFactor.useApp') : t('secondFactor.useRecovery')}
          </Anchor>
          <Anchor component="button" type="button" size="sm" onClick={props.onRestart}>
            {t('secondFactor.restart')}
          </Anchor>
        </Stack>
      </form>
    </Paper>
  );
}
