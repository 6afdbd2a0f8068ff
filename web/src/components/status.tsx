import { Alert, Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api/client';

export function Loading() {
  const { t } = useTranslation();
  return (
    <Center p="xl" role="status" aria-live="polite">
      <Loader size="sm" aria-hidden />
      <Text ml="sm">{t('app.loading')}</Text>
    </Center>
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Stack p="xl" align="flex-start">
      <Title order={1}>{t('app.notFound')}</Title>
      <Text>{t('app.notFoundText')}</Text>
      <Button component={Link} to="/cases" variant="light">
        {t('app.back')}
      </Button>
    </Stack>
  );
}

/** A problem of the API in the user's language: known types are translated, the rest named by status. */
export function problemText(
  t: (key: string, options?: Record<string, unknown>) => string,
  error: unknown,
) {
  if (error instanceof ApiError) {
    const type = error.problem.type?.replace('urn:problem-type:', '') ?? '';
    const known = t(`problem.${type}`, { defaultValue: '' });
    return known || t('problem.other', { status: error.status });
  }
  return t('app.error');
}

export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const detail = error instanceof ApiError ? error.problem.detail : undefined;
  return (
    <Alert color="red" role="alert" title={problemText(t, error)}>
      {detail}
    </Alert>
  );
}

/** Not found, or an error: a hidden case looks exactly like a missing one. */
export function QueryFailure({ error }: { error: unknown }) {
  if (error instanceof ApiError && (error.status === 404 || error.status === 403))
    return <NotFound />;
  return <ErrorAlert error={error} />;
}
