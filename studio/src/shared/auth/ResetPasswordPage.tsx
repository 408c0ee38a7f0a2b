import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api } from '../api';
import { fieldErrors, formErrors, noErrors, serverText } from '../errors';
import { useFormErrors, usePageTitle } from '../hooks';
import { useLocale } from '../i18n';
import { useSharedT } from '../messages';
import { useSession } from '../session';
import type { SignInState } from '../session';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { AuthLayout } from './AuthLayout';
import { NewPasswordFields, checkNewPassword } from './NewPasswordFields';
import type { NewPasswordValue } from './NewPasswordFields';

/**
 * Where the mailed links land (`/reset?token=…`): a forgotten password and the invitation of a
 * new staff account alike, so the wording fits both.
 */
export function ResetPasswordPage() {
  const t = useSharedT();
  const { locale } = useLocale();
  const { forget } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [value, setValue] = useState<NewPasswordValue>({ password: '', confirm: '' });
  const { errors, setErrors, clear } = useFormErrors();
  const [badLink, setBadLink] = useState(false);
  const [pending, setPending] = useState(false);
  usePageTitle(t('resetTitle'));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields = checkNewPassword(value, t);
    if (Object.keys(fields).length > 0) {
      setErrors({ fields, general: null });
      return;
    }
    setErrors(noErrors);
    setPending(true);
    try {
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
    } catch (err) {
      const found = formErrors(err, locale, ['password']);
      // A mangled token fails validation rather than lookup; to the person it is the same bad link.
      const mangled = 'token' in fieldErrors(err);
      setBadLink(mangled || (err instanceof ApiError && err.id === 'invalid_token'));
      setErrors(mangled ? { fields: found.fields, general: t('resetNoToken') } : found);
      setPending(false);
    }
  };

  if (!token) {
    return (
      <AuthLayout>
        <h1 className="auth__title">{t('resetTitle')}</h1>
        <Alert tone="error">{t('resetNoToken')}</Alert>
        <p className="auth__footer">
          <Link to="/forgot" className="link">
            {t('requestNewLink')}
          </Link>
        </p>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout>
      <h1 className="auth__title">{t('resetTitle')}</h1>
      <p className="auth__intro">{t('resetIntro')}</p>
      {errors.general !== null && (
        <Alert tone="error">
          {errors.general}
          {badLink && (
            <>
              {' '}
              <Link to="/forgot">{t('requestNewLink')}</Link>
            </>
          )}
        </Alert>
      )}
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
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
      <p className="auth__footer">
        <Link to="/signin" className="link">
          ← {t('backToSignIn')}
        </Link>
      </p>
    </AuthLayout>
  );
}
