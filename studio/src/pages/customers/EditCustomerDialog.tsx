import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, customerStatuses } from '../../shared/api';
import type { Customer, CustomerChanges, CustomerStatus } from '../../shared/api';
import {
  ContactFields,
  checkContact,
  contactChanges,
  contactFields,
  contactValues,
} from '../../shared/customers/ContactFields';
import type { ContactField, ContactValues } from '../../shared/customers/ContactFields';
import { useFormSubmit } from '../../shared/hooks';
import { useSharedT } from '../../shared/messages';
import { looksLikeEmail } from '../../shared/validation';
import { Alert } from '../../shared/ui/Alert';
import { Button } from '../../shared/ui/Button';
import { Dialog } from '../../shared/ui/Dialog';
import { ReadOnlyField, SelectField, TextField } from '../../shared/ui/Field';
import { useAccess } from '../../access';
import { useT } from '../../messages';
import { useZones } from '../../zones';
import { customerName, statusKey, useCustomerTypes } from './customerText';

interface EditCustomerDialogProps {
  open: boolean;
  onClose: () => void;
  customer: Customer;
  onSaved: () => void;
}

export function EditCustomerDialog({ open, onClose, customer, onSaved }: EditCustomerDialogProps) {
  const t = useT();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="lg"
      title={t('customerForm.title', { name: customerName(customer) })}
      description={t('customerForm.description')}
    >
      <EditForm key={customer.updatedAt} onClose={onClose} customer={customer} onSaved={onSaved} />
    </Dialog>
  );
}

const formFields = [
  'firstName',
  'lastName',
  'email',
  'customerTypeId',
  'zoneId',
  'status',
  ...contactFields,
];

/** The API's rule for names, checked first so the message is in the UI's language. */
const namePattern = /^[\p{L}\p{M}][\p{L}\p{M} .'-]*$/u;

function EditForm({ onClose, customer, onSaved }: Omit<EditCustomerDialogProps, 'open'>) {
  const t = useT();
  const st = useSharedT();
  const { zoneScoped } = useAccess();
  const { zones } = useZones();
  const types = useCustomerTypes();
  const [firstName, setFirstName] = useState(customer.firstName);
  const [lastName, setLastName] = useState(customer.lastName);
  const [email, setEmail] = useState(customer.email ?? '');
  const [contact, setContact] = useState<ContactValues>(() => contactValues(customer));
  const [typeId, setTypeId] = useState(
    customer.customerType ? String(customer.customerType.id) : '',
  );
  const [zoneId, setZoneId] = useState(String(customer.zone.id));
  const [status, setStatus] = useState<CustomerStatus>(customer.status);
  const { errors, clear, pending, invalid, send } = useFormSubmit({
    fields: formFields,
    fieldOf: {
      zone_not_allowed: 'zoneId',
      zone_not_found: 'zoneId',
      customer_type_not_found: 'customerTypeId',
    },
  });

  const edit =
    <T,>(set: (value: T) => void, field: string) =>
    (value: T) => {
      set(value);
      clear(field);
    };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields: Record<string, string> = { ...checkContact(contact, st) };
    for (const [field, value] of [
      ['firstName', firstName],
      ['lastName', lastName],
    ] as const) {
      if (!value.trim()) fields[field] = st('required');
      else if (!namePattern.test(value.trim())) fields[field] = t('customerForm.nameInvalid');
    }
    if (email.trim() && !looksLikeEmail(email)) fields.email = st('emailInvalid');
    if (invalid(fields)) return;
    const changes: CustomerChanges = contactChanges(contact, customer);
    if (firstName.trim() !== customer.firstName) changes.firstName = firstName.trim();
    if (lastName.trim() !== customer.lastName) changes.lastName = lastName.trim();
    const nextEmail = email.trim().toLowerCase() || null;
    if (nextEmail !== customer.email) changes.email = nextEmail;
    if (typeId && Number(typeId) !== customer.customerType?.id)
      changes.customerTypeId = Number(typeId);
    if (!zoneScoped && Number(zoneId) !== customer.zone.id) changes.zoneId = Number(zoneId);
    if (status !== customer.status) changes.status = status;
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    await send(async () => {
      await api.patch<Customer>(`/api/customers/${customer.id}`, changes);
      onSaved();
    });
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <div className="dialog__body dialog__body--scroll">
        {errors.general !== null && <Alert tone="error">{errors.general}</Alert>}
        <div className="form__grid">
          <TextField
            label={t('customerForm.firstName')}
            value={firstName}
            autoComplete="off"
            onChange={(event) => edit(setFirstName, 'firstName')(event.target.value)}
            error={errors.fields.firstName}
          />
          <TextField
            label={t('customerForm.lastName')}
            value={lastName}
            autoComplete="off"
            onChange={(event) => edit(setLastName, 'lastName')(event.target.value)}
            error={errors.fields.lastName}
          />
          <TextField
            className="field--wide"
            label={t('field.email')}
            type="email"
            autoComplete="off"
            value={email}
            onChange={(event) => edit(setEmail, 'email')(event.target.value)}
            error={errors.fields.email}
          />
          <ContactFields
            values={contact}
            onChange={(field: ContactField, value: string) => {
              setContact((current) => ({ ...current, [field]: value }));
              clear(field);
            }}
            errors={errors.fields}
            birthDate={{ kind: 'edit' }}
          />
          <SelectField
            label={t('customer.type')}
            value={typeId}
            onChange={(event) => edit(setTypeId, 'customerTypeId')(event.target.value)}
            error={errors.fields.customerTypeId}
          >
            {!customer.customerType && <option value="">{t('customer.noType')}</option>}
            {types.map((type) => (
              <option key={type.id} value={String(type.id)}>
                {type.name}
              </option>
            ))}
          </SelectField>
          {zoneScoped ? (
            <ReadOnlyField
              label={t('field.zone')}
              value={customer.zone.name}
              hint={t('customerForm.zoneOwn')}
            />
          ) : (
            <SelectField
              label={t('field.zone')}
              value={zoneId}
              onChange={(event) => edit(setZoneId, 'zoneId')(event.target.value)}
              error={errors.fields.zoneId}
            >
              {zones.map((zone) => (
                <option key={zone.id} value={String(zone.id)}>
                  {zone.name}
                </option>
              ))}
            </SelectField>
          )}
          <SelectField
            label={t('field.status')}
            value={status}
            onChange={(event) => {
              const next = customerStatuses.find((option) => option === event.target.value);
              if (next) edit(setStatus, 'status')(next);
            }}
            error={errors.fields.status}
            hint={t(`customerForm.statusHint.${status}`)}
          >
            {customerStatuses.map((option) => (
              <option key={option} value={option}>
                {t(statusKey(option))}
              </option>
            ))}
          </SelectField>
        </div>
      </div>
      <footer className="dialog__footer">
        <Button onClick={onClose}>{st('cancel')}</Button>
        <Button type="submit" variant="primary" loading={pending}>
          {st('save')}
        </Button>
      </footer>
    </form>
  );
}
