import { useState } from 'react';
import type { FormEvent } from 'react';
import { assignableRoles } from '@lealtad/server/permissions';
import type { StaffRole } from '@lealtad/server/permissions';
import { api } from '../../shared/api';
import type { Locale, NewUser, User, Zone } from '../../shared/api';
import { looksLikeEmail } from '../../shared/validation';
import { useFormSubmit } from '../../shared/hooks';
import { useSharedT } from '../../shared/messages';
import { Alert } from '../../shared/ui/Alert';
import { Button } from '../../shared/ui/Button';
import { Dialog } from '../../shared/ui/Dialog';
import { TextField } from '../../shared/ui/Field';
import { useAccess } from '../../access';
import { useT } from '../../messages';
import { zoneControl, zoneToSend } from '../../zones';
import {
  LocaleField,
  RoleField,
  ZoneField,
  checkName,
  checkZone,
  userErrorFields,
  userFormFields,
} from './userFields';

interface CreateUserDialogProps {
  open: boolean;
  onClose: () => void;
  onCreated: (user: User) => void;
  zones: readonly Zone[];
}

export function CreateUserDialog({ open, onClose, onCreated, zones }: CreateUserDialogProps) {
  const t = useT();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('userForm.createTitle')}
      description={t('userForm.createDescription')}
    >
      <CreateUserForm onClose={onClose} onCreated={onCreated} zones={zones} />
    </Dialog>
  );
}

function CreateUserForm({ onClose, onCreated, zones }: Omit<CreateUserDialogProps, 'open'>) {
  const { user: me } = useAccess();
  const t = useT();
  const st = useSharedT();
  const roles = assignableRoles[me.role];
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole>(
    roles.includes('callcenter') ? 'callcenter' : (roles[0] ?? 'callcenter'),
  );
  const [zoneId, setZoneId] = useState('');
  const [locale, setLocale] = useState<Locale>('es');
  const { errors, clear, pending, invalid, send } = useFormSubmit({
    fields: userFormFields,
    fieldOf: userErrorFields,
  });
  const control = zoneControl(me, role);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (!looksLikeEmail(email)) fields.email = st('emailInvalid');
    const nameError = checkName(name, t);
    if (nameError) fields.name = nameError;
    const zoneError = checkZone(control, zoneId, t);
    if (zoneError) fields.zoneId = zoneError;
    if (invalid(fields)) return;
    const body: NewUser = {
      email: email.trim(),
      name: name.trim(),
      role,
      zoneId: zoneToSend(control, zoneId),
      locale,
    };
    await send(async () => onCreated(await api.post<User>('/api/users', body)));
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <div className="dialog__body">
        {errors.general !== null && <Alert tone="error">{errors.general}</Alert>}
        <div className="form__grid">
          <TextField
            className="field--wide"
            label={t('field.email')}
            type="email"
            autoComplete="off"
            value={email}
            onChange={(event) => {
              setEmail(event.target.value);
              clear('email');
            }}
            error={errors.fields.email}
            autoFocus
          />
          <TextField
            className="field--wide"
            label={t('field.name')}
            autoComplete="off"
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              clear('name');
            }}
            hint={t('userForm.nameHint')}
            error={errors.fields.name}
          />
          <RoleField
            roles={roles}
            value={role}
            onChange={(next) => {
              setRole(next);
              clear('role');
              clear('zoneId');
            }}
            error={errors.fields.role}
          />
          <ZoneField
            control={control}
            zones={zones}
            value={zoneId}
            onChange={(next) => {
              setZoneId(next);
              clear('zoneId');
            }}
            error={errors.fields.zoneId}
          />
          <LocaleField value={locale} onChange={setLocale} />
        </div>
      </div>
      <footer className="dialog__footer">
        <Button onClick={onClose}>{st('cancel')}</Button>
        <Button type="submit" variant="primary" loading={pending}>
          {t('userForm.create')}
        </Button>
      </footer>
    </form>
  );
}
