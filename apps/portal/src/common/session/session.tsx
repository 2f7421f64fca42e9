import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { api, call, onSessionLost, setCsrfToken } from '../api/client';
import { ApiProblem } from '../api/problem';
import type { Account, SessionView } from '../api/types';

interface SessionState {
  /** undefined while the first answer is on its way; null when nobody is signed in. */
  session: SessionView | null | undefined;
  account: Account | undefined;
  signIn(identifier: string, password: string): Promise<SessionView>;
  signOut(): Promise<void>;
  signOutEverywhere(): Promise<void>;
  /** Asks the gateway again (after a password change, or when the account's roles may have changed). */
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionState | undefined>(undefined);
const SESSION_KEY = ['session'] as const;

async function fetchSession(): Promise<SessionView | null> {
  try {
    return (await call(api.GET('/api/session'))) as SessionView;
  } catch (problem) {
    if (problem instanceof ApiProblem && problem.status === 401) return null;
    throw problem;
  }
}

/**
 * Who is signed in, as the gateway's session says (decision 0050): the browser holds only an httpOnly cookie, so
 * the page learns its account, and the CSRF token for mutations, from GET /api/session.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 60_000, retry: 1 });
  const session = query.isPending ? undefined : (query.data ?? null);

  useEffect(() => setCsrfToken(session?.csrfToken), [session]);

  // Everything the person saw goes with the session; the session query itself stays, answering "nobody".
  const forget = useCallback(() => {
    setCsrfToken(undefined);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
    queryClient.setQueryData(SESSION_KEY, null);
  }, [queryClient]);

  useEffect(() => onSessionLost(forget), [forget]);

  const value = useMemo<SessionState>(
    () => ({
      session,
      account: session?.account,
      async signIn(identifier, password) {
        const view = (await call(
          api.POST('/api/session', { body: { identifier, password } }),
        )) as SessionView;
        setCsrfToken(view.csrfToken);
        queryClient.setQueryData(SESSION_KEY, view);
        return view;
      },
      async signOut() {
        await call(api.DELETE('/api/session')).catch(() => undefined);
        forget();
      },
      async signOutEverywhere() {
        await call(api.DELETE('/api/sessions'));
        forget();
      },
      async refresh() {
        await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
      },
    }),
    [session, queryClient, forget],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
