import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { serverText } from '../errors';
import { useFormSubmit, usePageTitle } from '../hooks';
import { useLocale } from '../i18n';
import { useSharedT } from '../messages';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { TextField } from '../ui/Field';
import { looksLikeEmail } from '../validation';
import { AuthLayout } from './AuthLayout';

export function ForgotPasswordPage() {
  const t = useSharedT();
  const { locale } = useLocale();
  const [email, setEmail] = useState('');
  const { errors, clear, pending, invalid, send } = useFormSubmit({
    fields: ['email'],
    stays: true,
  });
  const [sent, setSent] = useState<string | null>(null);
  usePageTitle(t('forgotTitle'));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (invalid(looksLikeEmail(email) ? {} : { email: t('emailInvalid') })) return;
    await send(async () => {
      const answer = await api.post<{ message: string }>('/api/auth/password/forgot', {
        email: email.trim(),
      });
      setSent(
        serverText(
          locale,
          answer.message,
          'If the email is registered, we sent you a link to reset your password. Check your inbox.',
        ),
      );
    });
  };

  return (
    <AuthLayout>
      <h1 className="auth__title">{sent ? t('forgotCheckInbox') : t('forgotTitle')}</h1>
      {sent ? (
        <Alert tone="success">{sent}</Alert>
      ) : (
        <>
          <p className="auth__intro">{t('forgotIntro')}</p>
          {errors.general !== null && <Alert tone="error">{errors.general}</Alert>}
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
            <Button type="submit" variant="primary" block loading={pending}>
              {t('forgotSubmit')}
            </Button>
          </form>
        </>
      )}
      <p className="auth__footer">
        <Link to="/signin" className="link">
          ← {t('backToSignIn')}
        </Link>
      </p>
    </AuthLayout>
  );
}
