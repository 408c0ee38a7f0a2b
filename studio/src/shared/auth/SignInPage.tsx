import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { ApiError } from '../api';
import { signInErrorMessage } from '../errors';
import { useFormSubmit, usePageTitle } from '../hooks';
import { useLocale } from '../i18n';
import { useSharedT } from '../messages';
import { useSession } from '../session';
import type { SignInState } from '../session';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { PasswordField, TextField } from '../ui/Field';
import { looksLikeEmail } from '../validation';
import { AuthLayout } from './AuthLayout';

export function SignInPage() {
  const { app, state, signIn } = useSession();
  const t = useSharedT();
  const { locale } = useLocale();
  const location = useLocation();
  const { from, notice } = (location.state ?? {}) as SignInState;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [wrongApp, setWrongApp] = useState(false);
  const { errors, clear, pending, invalid, send } = useFormSubmit({
    fields: ['email', 'password'],
    onFailure: (err, found) => {
      setWrongApp(err instanceof ApiError && err.id === 'wrong_app');
      return { ...found, general: found.general && signInErrorMessage(err, locale, app) };
    },
  });
  usePageTitle(t(app === 'studio' ? 'studioSignInTitle' : 'portalSignInTitle'));

  if (state.status === 'signedIn') return <Navigate to={from ?? '/'} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (!looksLikeEmail(email)) fields.email = t('emailInvalid');
    if (!password) fields.password = t('passwordMissing');
    setWrongApp(false);
    if (invalid(fields)) return;
    await send(() => signIn(email.trim(), password));
  };

  const reasonNotice =
    state.status === 'signedOut' && state.reason === 'signedOut'
      ? t('noticeSignedOut')
      : state.status === 'signedOut' && state.reason === 'expired'
        ? t('noticeExpired')
        : null;
  const shownNotice = notice ?? reasonNotice;

  return (
    <AuthLayout>
      <h1 className="auth__title">
        {t(app === 'studio' ? 'studioSignInTitle' : 'portalSignInTitle')}
      </h1>
      <p className="auth__intro">
        {t(app === 'studio' ? 'studioSignInIntro' : 'portalSignInIntro')}
      </p>
      {shownNotice && errors.general === null && <Alert tone="success">{shownNotice}</Alert>}
      {errors.general !== null && (
        <Alert tone="error">
          {errors.general}
          {wrongApp && (
            <>
              {' '}
              <a href={app === 'studio' ? '/portal/' : '/studio/'}>
                {t(app === 'studio' ? 'goToPortal' : 'goToStudio')}
              </a>
            </>
          )}
        </Alert>
      )}
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <TextField
          label={t('email')}
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          value={email}
          onChange={(event) => {
            setEmail(event.target.value);
            clear('email');
          }}
          error={errors.fields.email}
          autoFocus
        />
        <PasswordField
          label={t('password')}
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => {
            setPassword(event.target.value);
            clear('password');
          }}
          error={errors.fields.password}
        />
        <div className="form__row form__row--end">
          <Link to="/forgot" className="link">
            {t('forgotLink')}
          </Link>
        </div>
        <Button type="submit" variant="primary" block loading={pending}>
          {t('signIn')}
        </Button>
      </form>
    </AuthLayout>
  );
}
