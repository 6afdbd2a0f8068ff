import { Alert, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api, must } from '../api/client';
import { useSession } from '../session';

/** Only paths inside the app are followed after sign-in (no open redirect). */
function safeNext(next: string | null) {
  return next && /^\/[a-z0-9/_?=&%.-]*$/i.test(next) && !next.startsWith('//') ? next : '/cases';
}

export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const session = useSession();
  const form = useForm({ initialValues: { email: '', password: '' } });
  const signIn = useMutation({
    mutationFn: (values: { email: string; password: string }) =>
      must(api.POST('/auth/session', { body: values })),
    onSuccess: (session) => {
      client.setQueryData(['me'], session.user);
      void navigate(safeNext(params.get('next')), { replace: true });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 400) form.setErrors(error.fieldErrors);
    },
  });
  if (session.me) return <Navigate to={safeNext(params.get('next'))} replace />;
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
