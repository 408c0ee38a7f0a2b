import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '@lealtad/studio/shared/api.ts';
import type { Customer } from '@lealtad/studio/shared/api.ts';
import {
  ContactFields,
  checkContact,
  contactChanges,
  contactFields,
  contactValues,
} from '@lealtad/studio/shared/customers/ContactFields.tsx';
import type {
  ContactField,
  ContactValues,
} from '@lealtad/studio/shared/customers/ContactFields.tsx';
import { noErrors } from '@lealtad/studio/shared/errors.ts';
import { useFormSubmit, useNotice, usePageTitle } from '@lealtad/studio/shared/hooks.ts';
import { useSharedT } from '@lealtad/studio/shared/messages.ts';
import { Alert } from '@lealtad/studio/shared/ui/Alert.tsx';
import { Button } from '@lealtad/studio/shared/ui/Button.tsx';
import { ReadOnlyField } from '@lealtad/studio/shared/ui/Field.tsx';
import { LoadError, LoadingBlock } from '@lealtad/studio/shared/ui/FullPage.tsx';
import { useT } from './messages';
import type { PortalKey } from './messages';
import { useProfile } from './profile';

/** "Mis datos": what the customer may keep up to date of its own profile. */
export function ProfilePage() {
  const t = useT();
  const profile = useProfile();
  const notice = useNotice(t);
  usePageTitle(t('profile.title'));
  const customer = profile.data;

  return (
    <div className="portal-page portal-page--narrow">
      <header className="portal-page__header">
        <div>
          <h1 className="portal-page__title">{t('profile.title')}</h1>
          <p className="portal-page__subtitle">{t('profile.subtitle')}</p>
        </div>
      </header>
      {notice.text && <Alert tone="success">{notice.text}</Alert>}
      {customer ? (
        // Keyed by version: after a save the form starts again from what the server kept.
        <ProfileForm
          key={customer.updatedAt}
          customer={customer}
          onSaved={() => {
            notice.show('profile.saved');
            profile.reload();
          }}
          onNotice={(key) => (key ? notice.show(key) : notice.clear())}
        />
      ) : profile.error ? (
        <LoadError error={profile.error} onRetry={profile.reload} />
      ) : (
        <LoadingBlock />
      )}
    </div>
  );
}

function ProfileForm({
  customer,
  onSaved,
  onNotice,
}: {
  customer: Customer;
  onSaved: () => void;
  onNotice: (key: PortalKey | null) => void;
}) {
  const t = useT();
  const st = useSharedT();
  const [values, setValues] = useState<ContactValues>(() => contactValues(customer));
  const { errors, setErrors, clear, pending, invalid, send } = useFormSubmit({
    fields: contactFields,
    fieldOf: { birth_date_locked: 'birthDate' },
  });
  const birthDateLocked = customer.birthDate !== null;

  const change = (field: ContactField, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    clear(field);
    onNotice(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (invalid(checkContact(values, st))) return;
    const changes = contactChanges(values, customer);
    if (birthDateLocked) delete changes.birthDate;
    if (Object.keys(changes).length === 0) {
      setErrors(noErrors);
      onNotice('profile.noChanges');
      return;
    }
    await send(async () => {
      await api.patch<Customer>('/api/me/profile', changes);
      onSaved();
    });
  };

  return (
    <form className="card" noValidate onSubmit={(event) => void submit(event)}>
      <div className="card__header">
        <h2 className="card__title">{t('profile.account')}</h2>
      </div>
      <div className="card__body form">
        <div className="form__grid">
          <ReadOnlyField
            label={t('profile.name')}
            value={`${customer.firstName} ${customer.lastName}`}
          />
          <ReadOnlyField label={t('profile.customerNumber')} value={customer.externalId ?? '—'} />
          <ReadOnlyField label={t('profile.email')} value={customer.email ?? '—'} />
          <ReadOnlyField label={t('profile.zone')} value={customer.zone.name} />
        </div>
        <p className="field__hint">{t('profile.accountHint')}</p>
      </div>
      <div className="card__header card__header--section">
        <h2 className="card__title">{t('profile.contact')}</h2>
      </div>
      <div className="card__body form">
        {errors.general !== null && <Alert tone="error">{errors.general}</Alert>}
        <div className="form__grid">
          <ContactFields
            values={values}
            onChange={change}
            errors={errors.fields}
            birthDate={
              birthDateLocked
                ? { kind: 'locked', reason: t('profile.birthDateLocked') }
                : { kind: 'edit', hint: st('hintBirthDateOnce') }
            }
          />
        </div>
      </div>
      <footer className="card__footer">
        <Button type="submit" variant="primary" loading={pending}>
          {st('save')}
        </Button>
      </footer>
    </form>
  );
}
