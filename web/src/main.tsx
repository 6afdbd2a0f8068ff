import '@mantine/core/styles.css';
import { MantineProvider, createTheme } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { ApiError, whenUnauthorized } from './api/client';
import './i18n';
import { router } from './router';
import './app.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // 404 and 403 are answers, not hiccups: do not ask again.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});
whenUnauthorized(() => queryClient.setQueryData(['me'], null));

const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 8: white text on it passes WCAG AA contrast (the default shade 6 does not).
  primaryShade: 8,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif',
  defaultRadius: 'sm',
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
