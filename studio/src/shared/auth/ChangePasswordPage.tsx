import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../api';
import { serverText } from '../errors';
import { useFormSubmit, usePageTitle } from '../hooks';
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
  const [done, setDone] = useState<string | null>(null);
  const { errors, clear, pending, invalid, send } = useFormSubmit({
    fields: ['currentPassword', 'newPassword'],
    fieldOf: { current_password_incorrect: 'currentPassword' },
    // The API calls it `newPassword`; the form's field is `password`.
    onFailure: (_err, { fields: { newPassword, ...rest }, general }) => ({
      fields: newPassword ? { ...rest, password: newPassword } : rest,
      general,
    }),
    stays: true,
  });
  usePageTitle(t('changeTitle'));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const fields = checkNewPassword(value, t);
    if (!current) fields.currentPassword = t('passwordMissing');
    if (invalid(fields)) return;
    await send(async () => {
      const answer = await api.post<{ message: string }>('/api/auth/password/change', {
        currentPassword: current,
        newPassword: value.password,
      });
      setDone(serverText(locale, answer.message, 'Your password was updated.'));
      setCurrent('');
      setValue({ password: '', confirm: '' });
    });
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
