/**
 * Who is signed in. The session itself is an httpOnly cookie the app cannot read, so the truth is
 * asked of the server (GET /auth/me) at start and after log-in; any 401 later returns to log-in.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { isSessionLost, setSessionLostListener } from '../api/client.js';
import { authApi, type LoginInput } from '../api/endpoints.js';
import type { Me } from '../api/types.js';

export type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly error: unknown }
  /** `ended`: the server dropped the session (expired, revoked); `left`: the user logged out. */
  | { readonly status: 'anonymous'; readonly reason: 'start' | 'ended' | 'left' }
  | { readonly status: 'signed-in'; readonly me: Me };

export interface Session {
  readonly state: SessionState;
  readonly login: (input: LoginInput) => Promise<Me>;
  readonly logout: () => Promise<void>;
  readonly reload: () => void;
}

const SessionContext = createContext<Session | null>(null);

export const SessionProvider = ({ children }: { children: ReactNode }) => {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the trigger: reload() asks the server again.
  useEffect(() => {
    const ctl = new AbortController();
    authApi.me(ctl.signal).then(
      (me) => setState({ status: 'signed-in', me }),
      (e: unknown) => {
        if (ctl.signal.aborted) return;
        setState(isSessionLost(e) ? { status: 'anonymous', reason: 'start' } : { status: 'failed', error: e });
      },
    );
    return () => ctl.abort();
  }, [attempt]);

  useEffect(() => {
    // A call from any screen that finds the session gone (expired, revoked) ends it here.
    setSessionLostListener(() => setState((s) => (s.status === 'signed-in' ? { status: 'anonymous', reason: 'ended' } : s)));
    return () => setSessionLostListener(null);
  }, []);

  const login = useCallback(async (input: LoginInput) => {
    const { user } = await authApi.login(input);
    setState({ status: 'signed-in', me: user });
    return user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } catch {
      // The server may already consider us logged out; the local state ends regardless.
    }
    setState({ status: 'anonymous', reason: 'left' });
  }, []);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo<Session>(() => ({ state, login, logout, reload }), [state, login, logout, reload]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
};

export const useSession = (): Session => {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
};

/** For screens inside the shell, where a signed-in user is guaranteed by the app's routing. */
export const useMe = (): Me => {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe without a signed-in user');
  return state.me;
};

export const can = (me: Me, permission: string): boolean => me.permissions.includes(permission);
