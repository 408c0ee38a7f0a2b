import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api } from '../api';
import type { PasswordLink } from '../api';
import { errorMessage, noErrors, serverText } from '../errors';
import { useFormSubmit, usePageTitle } from '../hooks';
import { useLocale } from '../i18n';
import { useSharedT } from '../messages';
import { useSession } from '../session';
import type { SignInState } from '../session';
import { Alert } from '../ui/Alert';
import { Button, Spinner } from '../ui/Button';
import { AuthLayout } from './AuthLayout';
import { NewPasswordFields, checkNewPassword } from './NewPasswordFields';
import type { NewPasswordValue } from './NewPasswordFields';

/**
 * What the page knows about its link. `unusable` holds the server's refusal (used, expired,
 * unknown); `incomplete` is a link without a token or with a mangled one.
 */
type LinkState =
  | { status: 'checking' }
  | { status: 'usable'; link: PasswordLink }
  | { status: 'unusable'; error: ApiError }
  | { status: 'incomplete' }
  | { status: 'failed'; error: ApiError };

/** A refusal of the token itself: unknown, used or expired, or not even well formed. */
function badLinkState(err: unknown): LinkState | null {
  if (!(err instanceof ApiError)) return null;
  if (err.id === 'invalid_token') return { status: 'unusable', error: err };
  if (err.details.some((detail) => detail.path === 'body.token')) return { status: 'incomplete' };
  return null;
}

/**
 * Where the mailed links land (`/reset?token=…`): a forgotten password or the invitation of a new
 * account. The link is checked first, so the page says which one it is and for whom, and a
 * used or expired link says so before anyone types a password.
 */
export function ResetPasswordPage() {
  const t = useSharedT();
  const { locale } = useLocale();
  const { app, forget } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [checked, setChecked] = useState<{ token: string; state: LinkState } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [value, setValue] = useState<NewPasswordValue>({ password: '', confirm: '' });
  const { errors, clear, pending, invalid, send } = useFormSubmit({
    fields: ['password'],
    // Used in another tab, or expired, since the page checked it: no form any more.
    onFailure: (err, found) => {
      const bad = badLinkState(err);
      if (!bad) return found;
      setChecked({ token, state: bad });
      return noErrors;
    },
  });

  useEffect(() => {
    if (!token) return;
    let live = true;
    api.post<PasswordLink>('/api/auth/password/check', { token }).then(
      (link) => {
        if (!live) return;
        if (link.app !== app) {
          // A link of the other app (an edited address): its own page signs in to the right app.
          window.location.replace(`/${link.app}/reset?token=${encodeURIComponent(token)}`);
          return;
        }
        setChecked({ token, state: { status: 'usable', link } });
      },
      (err: unknown) => {
        if (!live) return;
        const error =
          err instanceof ApiError ? err : new ApiError(0, 'internal_error', String(err));
        setChecked({ token, state: badLinkState(err) ?? { status: 'failed', error } });
      },
    );
    return () => {
      live = false;
    };
  }, [token, app, attempt]);

  const linkState: LinkState = !token
    ? { status: 'incomplete' }
    : checked?.token === token
      ? checked.state
      : { status: 'checking' };

  const title =
    linkState.status === 'usable'
      ? t(linkState.link.purpose === 'invite' ? 'inviteTitle' : 'resetTitle')
      : linkState.status === 'unusable' || linkState.status === 'incomplete'
        ? t('linkInvalidTitle')
        : linkState.status === 'failed'
          ? t('linkCheckFailed')
          : t('linkChecking');
  usePageTitle(title);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (invalid(checkNewPassword(value, t))) return;
    await send(async () => {
      const answer = await api.post<{ message: string }>('/api/auth/password/reset', {
        token,
        password: value.password,
      });
      // The server ended every session of the account; this page's one included.
      forget();
      const state: SignInState = {
        notice: serverText(
          locale,
          answer.message,
          'Your password was updated. You can sign in now.',
        ),
      };
      navigate('/signin', { replace: true, state });
    });
  };

  if (linkState.status === 'checking') {
    return (
      <AuthLayout>
        <div className="auth__checking" role="status">
          <Spinner large />
          <span>{t('linkChecking')}</span>
        </div>
      </AuthLayout>
    );
  }

  if (linkState.status === 'failed') {
    return (
      <AuthLayout>
        <h1 className="auth__title">{title}</h1>
        <Alert tone="error">{errorMessage(linkState.error, locale)}</Alert>
        <Button
          variant="primary"
          block
          onClick={() => {
            setChecked(null);
            setAttempt((n) => n + 1);
          }}
        >
          {t('retry')}
        </Button>
        <BackToSignIn />
      </AuthLayout>
    );
  }

  if (linkState.status === 'unusable' || linkState.status === 'incomplete') {
    return (
      <AuthLayout>
        <h1 className="auth__title">{title}</h1>
        <Alert tone="error">
          {linkState.status === 'unusable'
            ? errorMessage(linkState.error, locale)
            : t('resetNoToken')}
        </Alert>
        <Link to="/forgot" className="btn btn--primary btn--block">
          {t('requestNewLink')}
        </Link>
        <BackToSignIn />
      </AuthLayout>
    );
  }

  const { link } = linkState;
  return (
    <AuthLayout>
      <h1 className="auth__title">{title}</h1>
      <p className="auth__intro">{t(link.purpose === 'invite' ? 'inviteIntro' : 'resetIntro')}</p>
      <p className="auth__account">
        <span className="auth__account-label">{t('linkAccount')}</span>{' '}
        <strong className="auth__account-email">{link.email}</strong>
      </p>
      {errors.general !== null && <Alert tone="error">{errors.general}</Alert>}
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        {/* For password managers: the account the new password belongs to. */}
        <input
          type="email"
          name="username"
          autoComplete="username"
          value={link.email}
          readOnly
          hidden
        />
        <NewPasswordFields
          value={value}
          onChange={(next) => {
            if (next.password !== value.password) clear('password');
            if (next.confirm !== value.confirm) clear('confirm');
            setValue(next);
          }}
          errors={errors.fields}
        />
        <Button type="submit" variant="primary" block loading={pending}>
          {t('resetSubmit')}
        </Button>
      </form>
      <BackToSignIn />
    </AuthLayout>
  );
}

function BackToSignIn() {
  const t = useSharedT();
  return (
    <p className="auth__footer">
      <Link to="/signin" className="link">
        ← {t('backToSignIn')}
      </Link>
    </p>
  );
}
