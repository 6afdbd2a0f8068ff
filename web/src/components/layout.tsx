import {
  AppShell,
  Anchor,
  Burger,
  Group,
  NavLink,
  SegmentedControl,
  Text,
  Button,
  Stack,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { setLanguage, type Language } from '../i18n';
import { SessionProvider, useSession } from '../session';
import { Loading } from './status';

export function Layout() {
  return (
    <SessionProvider>
      <Shell />
    </SessionProvider>
  );
}

function Shell() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  const me = session.me;
  const links = me
    ? [
        { to: '/', label: t('dashboard.nav') },
        session.can('cases.read') && { to: '/cases', label: t('app.nav.cases') },
        session.can('cases.write') && { to: '/cases/new', label: t('app.nav.newCase') },
        session.can('audit.read') && { to: '/audit', label: t('app.nav.audit') },
        session.can('users.manage') && { to: '/users', label: t('app.nav.users') },
        session.can('units.manage') && { to: '/units', label: t('units.nav') },
        { to: '/deadlines', label: t('deadlines.nav') },
        session.can('reports.generate') && { to: '/reports', label: t('reports.nav') },
        session.can('directory.read') && { to: '/directory', label: t('directory.nav') },
        { to: '/account', label: t('account.nav') },
      ].filter((l): l is { to: string; label: string } => !!l)
    : [];
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={me ? { width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } } : undefined}
      padding="md"
    >
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      {/* Named, so that it stays distinguishable from the header of an open dialog. */}
      <AppShell.Header aria-label={t('app.title')}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            {me && (
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label="Menu"
              />
            )}
            <Anchor component={Link} to="/" fw={700} c="dark" underline="never">
              {t('app.title')}
            </Anchor>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <SegmentedControl
              size="xs"
              aria-label={t('app.language')}
              value={i18n.language}
              onChange={(value) => setLanguage(value as Language)}
              data={[
                { value: 'de', label: 'DE' },
                { value: 'en', label: 'EN' },
              ]}
            />
            {me && (
              <Button
                size="xs"
                variant="default"
                onClick={() => void session.signOut().then(() => navigate('/sign-in'))}
              >
                {t('app.signOut')}
              </Button>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      {me && (
        <AppShell.Navbar p="sm" aria-label="Navigation">
          <Stack gap={4}>
            {links.map((l) => (
              <NavLink
                key={l.to}
                component={Link}
                to={l.to}
                label={l.label}
                active={location.pathname.replace(/\/$/, '') === `/app${l.to}`.replace(/\/$/, '')}
                onClick={close}
              />
            ))}
            <NavLink component="a" href="/public" label={t('app.nav.portal')} />
          </Stack>
          <Text size="xs" c="dimmed" mt="auto">
            {t('app.signedInAs', { email: me.email, role: t(`vocab.role.${me.role}`) })}
          </Text>
        </AppShell.Navbar>
      )}
      <AppShell.Main id="main">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

/** Pages behind sign-in: nobody signed in goes to the sign-in page and comes back afterwards. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.loading) return <Loading />;
  if (!session.me) {
    const next = location.pathname + location.search;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  // A session restricted until the account has a new password or a second factor can only set them.
  const required = (session.me as { requiredActions?: string[] }).requiredActions ?? [];
  if (
    (required.includes('enrol_second_factor') || required.includes('change_password')) &&
    location.pathname !== '/account'
  )
    return <Navigate to="/account" replace />;
  return <Outlet />;
}
