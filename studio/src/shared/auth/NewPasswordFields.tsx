import { useSharedT } from '../messages';
import { PasswordField } from '../ui/Field';

export const minPasswordLength = 10;
export const maxPasswordLength = 128;

export interface NewPasswordValue {
  password: string;
  confirm: string;
}

/** Client-side check of a new password, in the UI's language, before the server sees it. */
export function checkNewPassword(
  value: NewPasswordValue,
  t: ReturnType<typeof useSharedT>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (value.password.length < minPasswordLength) errors.password = t('passwordTooShort');
  else if (value.password.length > maxPasswordLength) errors.password = t('passwordTooLong');
  else if (value.password !== value.confirm) errors.confirm = t('passwordMismatch');
  return errors;
}

/** "New password" and its confirmation, shared by reset/invitation and change. */
export function NewPasswordFields({
  value,
  onChange,
  errors,
}: {
  value: NewPasswordValue;
  onChange: (value: NewPasswordValue) => void;
  errors: Record<string, string>;
}) {
  const t = useSharedT();
  return (
    <>
      <PasswordField
        label={t('newPassword')}
        name="new-password"
        autoComplete="new-password"
        minLength={minPasswordLength}
        value={value.password}
        onChange={(event) => onChange({ ...value, password: event.target.value })}
        hint={t('passwordHint')}
        error={errors.password}
      />
      <PasswordField
        label={t('confirmPassword')}
        name="confirm-password"
        autoComplete="new-password"
        value={value.confirm}
        onChange={(event) => onChange({ ...value, confirm: event.target.value })}
        error={errors.confirm}
      />
    </>
  );
}
