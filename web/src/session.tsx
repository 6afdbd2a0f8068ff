import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import { ROLE_PERMISSIONS, type Permission } from '../../src/access/permissions.js';
import { api, type Schemas } from './api/client';

export type Me = Schemas['UserSummaryDto'];

interface Session {
  me: Me | null;
  loading: boolean;
  can(permission: Permission): boolean;
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** Who is signed in, from GET /auth/me with the session cookie; null when nobody is. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      const { data, response } = await api.GET('/auth/me');
      return response.ok ? (data ?? null) : null;
    },
    staleTime: 60_000,
  });
  const me = query.data ?? null;
  const value: Session = {
    me,
    loading: query.isPending,
    // The same table the service enforces; the UI only hides what the API would refuse anyway.
    can: (permission) => !!me && ROLE_PERMISSIONS[me.role].includes(permission),
    refresh: async () => {
      await client.invalidateQueries({ queryKey: ['me'] });
    },
    signOut: async () => {
      // An ended session (401) is signed out already; either way the page forgets the user.
      await api.DELETE('/auth/session');
      client.clear();
      client.setQueryData(['me'], null);
    },
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
