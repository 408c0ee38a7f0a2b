import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, api } from '../api';
import { errorMessage, formErrors, noErrors, serverText } from '../errors';
import { useFormErrors, usePageTitle } from '../hooks';
import { useLocale } from '../i18n';
import { useSharedT } from '../messages';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { PasswordField } from '../ui/Field';
import { NewPasswordFields, checkNewPassword } from './NewPasswordFields';
import type { NewPasswordValue } from './NewPasswordFields';

/** Change one's own password while signed in (both apps place it inside their layout). */
export function ChangePasswordPage() {
  const t = useSharedT();
  const { locale } = useLocale();
  const [current, setCurrent] = useState('');
  const [value, setValue] = useState<NewPasswordValue>({ password: '', confirm: '' });
  const { errors, setErrors, clear } = useFormErrors();
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  usePageTitle(t('changeTitle'));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const fields = checkNewPassword(value, t);
    if (!current) fields.currentPassword = t('passwordMissing');
    if (Object.keys(fields).length > 0) {
      setErrors({ fields, general: null });
      return;
    }
    setErrors(noErrors);
    setPending(true);
    try {
      const answer = await api.post<{ message: string }>('/api/auth/password/change', {
        currentPassword: current,
        newPassword: value.password,
      });
      setDone(serverText(locale, answer.message, 'Your password was updated.'));
      setCurrent('');
      setValue({ password: '', confirm: '' });
    } catch (err) {
      if (err instanceof ApiError && err.id === 'current_password_incorrect') {
        setErrors({ fields: { currentPassword: errorMessage(err, locale) }, general: null });
      } else {
        const found = formErrors(err, locale, ['currentPassword', 'newPassword']);
        const { newPassword, ...rest } = found.fields;
        setErrors({
          fields: newPassword ? { ...rest, password: newPassword } : rest,
          general: found.general,
        });
      }
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="page page--narrow">
      <header className="page__header">
        <div>
          <h1 className="page__title">{t('changeTitle')}</h1>
          <p className="page__subtitle">{t('changeIntro')}</p>
        </div>
      </header>
      <div className="card card--padded">
        {done && <Alert tone="success">{done}</Alert>}
        {errors.general !== null && <Alert tone="error">{errors.general}</Alert>}
        <form className="form" noValidate onSubmit={(event) => void submit(event)}>
          <PasswordField
            label={t('currentPassword')}
            name="current-password"
            autoComplete="current-password"
            value={current}
            onChange={(event) => {
              setCurrent(event.target.value);
              clear('currentPassword');
            }}
            error={errors.fields.currentPassword}
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
          <div className="form__actions">
            <Button type="submit" variant="primary" loading={pending}>
              {t('changeSubmit')}
            </Button>
          </div>
        </form>
      </div>
    </section>
  );
}
