import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, ApiError, onUnauthorized } from '../api/client.ts';
import type { Me, Permission } from '../api/types.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; expired: boolean }
  | { status: 'authenticated'; user: Me };

interface SessionApi {
  state: SessionState;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

/** Who is signed in: asked once from /api/auth/me, dropped on any 401. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    api
      .get<{ user: Me }>('/api/auth/me')
      .then((r) => !cancelled && setState({ status: 'authenticated', user: r.user }))
      .catch(() => !cancelled && setState({ status: 'anonymous', expired: false }));
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(
    () =>
      onUnauthorized(() =>
        setState((s) => (s.status === 'anonymous' ? s : { status: 'anonymous', expired: s.status === 'authenticated' })),
      ),
    [],
  );

  const login = useCallback(async (username: string, password: string) => {
    const r = await api.post<{ user: Me }>('/api/auth/login', { username, password });
    setState({ status: 'authenticated', user: r.user });
    return r.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post<void>('/api/auth/logout');
    } catch (e) {
      // Already signed out on the server: nothing left to do.
      if (!(e instanceof ApiError)) throw e;
    }
    setState({ status: 'anonymous', expired: false });
  }, []);

  const value = useMemo(() => ({ state, login, logout }), [state, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside <SessionProvider>');
  return ctx;
}

/** The signed-in user; only for pages rendered behind the login guard. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'authenticated') throw new Error('useMe without a signed-in user');
  return state.user;
}

export function can(user: Me, permission: Permission): boolean {
  return user.permissions.includes(permission);
}
