import { useId } from 'react';
import type { ReactNode } from 'react';
import type { Customer, OwnProfileChanges } from '../api';
import { parseDay, today } from '../dates';
import type { Translate } from '../i18n';
import { useFormat } from '../i18n';
import type { SharedKey } from '../messages';
import { useSharedT } from '../messages';
import { ReadOnlyField, TextField } from '../ui/Field';
import { Icon } from '../ui/Icon';

/** A customer's contact details as a form holds them (empty string: not given). */
export interface ContactValues {
  phone: string;
  birthDate: string;
  state: string;
  city: string;
  postalCode: string;
  address: string;
}

export type ContactField = keyof ContactValues;

export const contactFields: readonly ContactField[] = [
  'phone',
  'birthDate',
  'state',
  'city',
  'postalCode',
  'address',
];

export const contactValues = (customer: Customer): ContactValues => ({
  phone: customer.phone ?? '',
  birthDate: customer.birthDate ?? '',
  state: customer.state ?? '',
  city: customer.city ?? '',
  postalCode: customer.postalCode ?? '',
  address: customer.address ?? '',
});

/** What differs from the saved profile, as the API takes it (empty: null, i.e. removed). */
export function contactChanges(values: ContactValues, customer: Customer): OwnProfileChanges {
  const changes: OwnProfileChanges = {};
  const saved = contactValues(customer);
  for (const field of contactFields) {
    const value = values[field].trim();
    if (value !== saved[field]) changes[field] = value === '' ? null : value;
  }
  return changes;
}

/** The API's own rules, checked first so the messages come in the UI's language. */
export function checkContact(values: ContactValues, t: Translate<SharedKey>) {
  const errors: Partial<Record<ContactField, string>> = {};
  const phone = values.phone.trim();
  if (phone && (!/^\+?[0-9 ().-]{7,24}$/.test(phone) || phone.replace(/\D/g, '').length > 20)) {
    errors.phone = t('phoneInvalid');
  }
  const birth = values.birthDate;
  if (birth && (!parseDay(birth) || birth < '1900-01-01' || birth > today())) {
    errors.birthDate = t('birthDateInvalid');
  }
  if (values.postalCode.trim() && !/^[0-9]{5}$/.test(values.postalCode.trim())) {
    errors.postalCode = t('postalCodeInvalid');
  }
  for (const field of ['state', 'city', 'address'] as const) {
    if (/[<>]/.test(values[field])) errors[field] = t('textInvalid');
  }
  return errors;
}

/** The 32 states, offered as suggestions (any text is still accepted). */
const mexicanStates = [
  'Aguascalientes',
  'Baja California',
  'Baja California Sur',
  'Campeche',
  'Chiapas',
  'Chihuahua',
  'Ciudad de México',
  'Coahuila',
  'Colima',
  'Durango',
  'Estado de México',
  'Guanajuato',
  'Guerrero',
  'Hidalgo',
  'Jalisco',
  'Michoacán',
  'Morelos',
  'Nayarit',
  'Nuevo León',
  'Oaxaca',
  'Puebla',
  'Querétaro',
  'Quintana Roo',
  'San Luis Potosí',
  'Sinaloa',
  'Sonora',
  'Tabasco',
  'Tamaulipas',
  'Tlaxcala',
  'Veracruz',
  'Yucatán',
  'Zacatecas',
];

interface ContactFieldsProps {
  values: ContactValues;
  onChange: (field: ContactField, value: string) => void;
  errors: Record<string, string>;
  disabled?: boolean;
  /**
   * How the birth date is offered: editable, or shown with the reason it cannot change (a
   * customer sets theirs once).
   */
  birthDate: { kind: 'edit'; hint?: ReactNode } | { kind: 'locked'; reason: ReactNode };
}

/** Phone, birth date and address, in a two-column form grid. */
export function ContactFields({
  values,
  onChange,
  errors,
  disabled,
  birthDate,
}: ContactFieldsProps) {
  const t = useSharedT();
  const format = useFormat();
  const statesId = useId();
  const text = (field: ContactField) => ({
    value: values[field],
    disabled,
    error: errors[field],
    onChange: (event: { target: { value: string } }) => onChange(field, event.target.value),
  });
  return (
    <>
      <TextField
        label={t('fieldPhone')}
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        hint={t('hintPhone')}
        {...text('phone')}
      />
      {birthDate.kind === 'edit' ? (
        <TextField
          label={t('fieldBirthDate')}
          type="date"
          autoComplete="bday"
          min="1900-01-01"
          max={today()}
          hint={birthDate.hint}
          {...text('birthDate')}
        />
      ) : (
        <ReadOnlyField
          label={t('fieldBirthDate')}
          value={
            <>
              <Icon name="lock" className="icon field__static-icon" />
              {values.birthDate ? format.day(values.birthDate) : t('notProvided')}
            </>
          }
          hint={birthDate.reason}
        />
      )}
      <TextField
        label={t('fieldState')}
        list={statesId}
        autoComplete="address-level1"
        maxLength={80}
        {...text('state')}
      />
      <datalist id={statesId}>
        {mexicanStates.map((state) => (
          <option key={state} value={state} />
        ))}
      </datalist>
      <TextField
        label={t('fieldCity')}
        autoComplete="address-level2"
        maxLength={80}
        {...text('city')}
      />
      <TextField
        className="field--wide"
        label={t('fieldAddress')}
        autoComplete="street-address"
        maxLength={200}
        hint={t('hintAddress')}
        {...text('address')}
      />
      <TextField
        label={t('fieldPostalCode')}
        inputMode="numeric"
        autoComplete="postal-code"
        maxLength={5}
        {...text('postalCode')}
      />
    </>
  );
}
