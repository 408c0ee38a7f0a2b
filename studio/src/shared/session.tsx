import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { isStaffRole } from '@lealtad/server/permissions';
import { ApiError, api, onUnauthenticated, setCsrfToken } from './api';
import type { AppName, Me, User } from './api';
import { FullPageError, FullPageLoader } from './ui/FullPage';

export const productName: Readonly<Record<AppName, string>> = {
  studio: 'Lealtad Estudio',
  portal: 'Lealtad',
};

/** Why nobody is signed in: the sign-in page words its notice (and its return path) by it. */
export type SignedOutReason = 'initial' | 'signedOut' | 'expired';

export type SessionState =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'signedOut'; reason: SignedOutReason }
  | { status: 'signedIn'; me: Me };

interface SessionContextValue {
  app: AppName;
  state: SessionState;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  /** Re-reads the signed-in account (after editing one's own name, for instance). */
  refresh: () => Promise<void>;
  /** Forgets the session here after the server ended it (a password reset ends them all). */
  forget: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/**
 * Each app has its own session cookie (the API client names the app in every request), so this
 * only guards against an account of the other kind being taken as signed in here.
 */
const belongsTo = (app: AppName, user: User) =>
  app === 'studio' ? isStaffRole(user.role) : user.role === 'customer';

export function SessionProvider({ app, children }: { app: AppName; children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const accept = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    setState({ status: 'signedIn', me });
  }, []);

  const signedOut = useCallback((reason: SignedOutReason) => {
    setCsrfToken(null);
    setState({ status: 'signedOut', reason });
  }, []);

  // Bumped by "try again" after the first check failed.
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    api.get<Me>('/api/auth/me').then(
      (me) => {
        if (!live) return;
        if (belongsTo(app, me.user)) accept(me);
        else signedOut('initial');
      },
      (err: unknown) => {
        if (!live) return;
        if (err instanceof ApiError && err.status === 401) signedOut('initial');
        else {
          const error =
            err instanceof ApiError ? err : new ApiError(0, 'internal_error', String(err));
          setState({ status: 'error', error });
        }
      },
    );
    return () => {
      live = false;
    };
  }, [app, attempt, accept, signedOut]);

  useEffect(
    () =>
      onUnauthenticated(() =>
        setState((current) =>
          current.status === 'signedIn' ? { status: 'signedOut', reason: 'expired' } : current,
        ),
      ),
    [],
  );

  const value = useMemo<SessionContextValue>(
    () => ({
      app,
      state,
      async signIn(email, password) {
        accept(await api.post<Me>('/api/auth/login', { email, password, app }));
      },
      async signOut() {
        try {
          await api.post('/api/auth/logout');
        } catch (err) {
          // Already gone on the server is as good as signed out; anything else is worth showing.
          if (!(err instanceof ApiError && err.status === 401)) throw err;
        }
        signedOut('signedOut');
      },
      async refresh() {
        accept(await api.get<Me>('/api/auth/me'));
      },
      forget() {
        signedOut('initial');
      },
    }),
    [app, state, accept, signedOut],
  );

  if (state.status === 'loading') return <FullPageLoader />;
  if (state.status === 'error') {
    return (
      <FullPageError
        error={state.error}
        onRetry={() => {
          setState({ status: 'loading' });
          setAttempt((n) => n + 1);
        }}
      />
    );
  }
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession needs a <SessionProvider>.');
  return value;
}

/** The signed-in account; only for pages behind <RequireSession>. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signedIn') throw new Error('useMe needs a signed-in session.');
  return state.me;
}

/** What the sign-in page gets told: where to return after signing in, and a notice to show. */
export interface SignInState {
  from?: string;
  notice?: string;
}

export function RequireSession({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'signedIn') return children;
  // After signing out on purpose, the next person starts at home, not at the last page.
  const keepPlace = state.status === 'signedOut' && state.reason !== 'signedOut';
  const signInState: SignInState | undefined = keepPlace
    ? { from: location.pathname + location.search }
    : undefined;
  return <Navigate to="/signin" replace state={signInState} />;
}

/** The sign-out button's action, with its pending state and the error if it fails. */
export function useSignOut() {
  const { signOut } = useSession();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    setPending(true);
    setError(null);
    try {
      // Success unmounts the signed-in layout: the session guard sends the browser to sign in.
      await signOut();
    } catch (err) {
      setError(err);
      setPending(false);
    }
  };
  return { signOut: run, pending, error };
}
