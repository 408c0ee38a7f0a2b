import type { StaffRole } from '@lealtad/server/permissions';
import type { Locale, Zone } from '../../shared/api';
import type { Translate } from '../../shared/i18n';
import { ReadOnlyField, SelectField } from '../../shared/ui/Field';
import { roleKey } from '../../access';
import type { StudioKey } from '../../messages';
import { useT } from '../../messages';
import type { ZoneControl } from '../../zones';

export const userFormFields = ['email', 'name', 'role', 'zoneId', 'locale', 'status'] as const;

/** API errors without details that are about one field of the account forms. */
export const userErrorFields: Readonly<Record<string, string>> = {
  email_taken: 'email',
  role_not_assignable: 'role',
  own_role: 'role',
  zone_required: 'zoneId',
  zone_not_allowed: 'zoneId',
  zone_not_found: 'zoneId',
};

/** The same rule the API applies to names, checked first so the message is in the UI's language. */
const namePattern = /^[\p{L}\p{M}][\p{L}\p{M} .'-]*$/u;

export function checkName(name: string, t: Translate<StudioKey>): string | undefined {
  const trimmed = name.trim();
  if (trimmed.length < 2) return t('userForm.nameShort');
  if (!namePattern.test(trimmed)) return t('userForm.nameInvalid');
  return undefined;
}

export function checkZone(control: ZoneControl, chosen: string, t: Translate<StudioKey>) {
  return control.kind === 'choose' && control.required && !chosen
    ? t('userForm.zoneRequired')
    : undefined;
}

export function RoleField({
  roles,
  value,
  onChange,
  disabled,
  hint,
  error,
}: {
  roles: readonly StaffRole[];
  value: StaffRole;
  onChange: (role: StaffRole) => void;
  disabled?: boolean;
  hint?: string;
  error?: string;
}) {
  const t = useT();
  return (
    <SelectField
      label={t('field.role')}
      value={value}
      disabled={disabled}
      onChange={(event) => {
        const role = roles.find((r) => r === event.target.value);
        if (role) onChange(role);
      }}
      hint={hint ?? t(`roleInfo.${value}`)}
      error={error}
    >
      {roles.map((role) => (
        <option key={role} value={role}>
          {t(roleKey(role))}
        </option>
      ))}
    </SelectField>
  );
}

export function ZoneField({
  control,
  zones,
  value,
  onChange,
  error,
  disabled,
}: {
  control: ZoneControl;
  zones: readonly Zone[];
  value: string;
  onChange: (zoneId: string) => void;
  error?: string;
  disabled?: boolean;
}) {
  const t = useT();
  if (control.kind === 'none') {
    return (
      <ReadOnlyField
        label={t('field.zone')}
        value={t('zone.all')}
        hint={t('userForm.zoneAllHint')}
      />
    );
  }
  if (control.kind === 'fixed') {
    return (
      <ReadOnlyField
        label={t('field.zone')}
        value={control.zone?.name ?? t('zone.none')}
        hint={t('userForm.zoneOwnHint')}
      />
    );
  }
  return (
    <SelectField
      label={t('field.zone')}
      value={value}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value)}
      hint={control.required ? undefined : t('userForm.zoneOptionalHint')}
      error={error}
    >
      <option value="">{control.required ? t('userForm.zoneChoose') : t('zone.none')}</option>
      {zones.map((zone) => (
        <option key={zone.id} value={String(zone.id)}>
          {zone.name}
        </option>
      ))}
    </SelectField>
  );
}

export function LocaleField({
  value,
  onChange,
  disabled,
}: {
  value: Locale;
  onChange: (locale: Locale) => void;
  disabled?: boolean;
}) {
  const t = useT();
  return (
    <SelectField
      label={t('field.locale')}
      value={value}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value === 'en' ? 'en' : 'es')}
      hint={t('userForm.localeHint')}
    >
      <option value="es">{t('lang.es')}</option>
      <option value="en">{t('lang.en')}</option>
    </SelectField>
  );
}
