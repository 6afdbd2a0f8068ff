import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { Layout, RequireSession } from './components/layout';
import { Loading, NotFound } from './components/status';
import { caseListFilters, caseListQuery } from './case-list-query';
import { CaseListPage } from './pages/case-list';
import { queryClient } from './query-client';
import { SignInPage } from './pages/sign-in';

// Screens beyond the list load on demand, so the first load stays small.
const CasePage = lazy(() => import('./pages/case-page'));
const IntakePage = lazy(() => import('./pages/intake'));
const StatementPage = lazy(() => import('./pages/statement'));
const AuditPage = lazy(() => import('./pages/audit'));
const UsersPage = lazy(() => import('./pages/users'));
const DeadlinesPage = lazy(() => import('./pages/deadlines'));
const DashboardPage = lazy(() => import('./pages/dashboard'));
const AccountPage = lazy(() => import('./pages/account'));
const ReportsPage = lazy(() => import('./pages/reports'));
const UnitsPage = lazy(() => import('./pages/units'));
const DirectoryPage = lazy(() => import('./pages/directory'));
const RedactPage = lazy(() => import('./pages/redact'));

const later = (element: React.ReactNode) => <Suspense fallback={<Loading />}>{element}</Suspense>;

export const router = createBrowserRouter(
  [
    {
      element: <Layout />,
      children: [
        { path: 'sign-in', element: <SignInPage /> },
        {
          element: <RequireSession />,
          children: [
            { index: true, element: later(<DashboardPage />) },
            {
              path: 'cases',
              element: <CaseListPage />,
              // The first page is asked for as the navigation starts, beside the session check,
              // not after it: the list does not wait for two round trips one after the other.
              loader: ({ request }) => {
                const params = new URL(request.url).searchParams;
                void queryClient.prefetchInfiniteQuery(
                  caseListQuery(caseListFilters(params).filters),
                );
                return null;
              },
            },
            { path: 'cases/new', element: later(<IntakePage />) },
            { path: 'cases/:id', element: later(<CasePage />) },
            { path: 'cases/:id/statement', element: later(<StatementPage />) },
            { path: 'cases/:id/files/:fileId/redact', element: later(<RedactPage />) },
            { path: 'audit', element: later(<AuditPage />) },
            { path: 'users', element: later(<UsersPage />) },
            { path: 'deadlines', element: later(<DeadlinesPage />) },
            { path: 'account', element: later(<AccountPage />) },
            { path: 'reports', element: later(<ReportsPage />) },
            { path: 'units', element: later(<UnitsPage />) },
            { path: 'directory', element: later(<DirectoryPage />) },
            { path: '*', element: <NotFound /> },
          ],
        },
      ],
    },
  ],
  { basename: '/app' },
);
