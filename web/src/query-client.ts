import { QueryClient } from '@tanstack/react-query';
import { ApiError, whenUnauthorized } from './api/client';

/** The app's one query cache: shared by the components and the router's loaders. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // 404 and 403 are answers, not hiccups: do not ask again.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});
whenUnauthorized(() => queryClient.setQueryData(['me'], null));
