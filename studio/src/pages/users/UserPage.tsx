import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { assignableRoles, isStaffRole, roleRank } from '@lealtad/server/permissions';
import type { StaffRole } from '@lealtad/server/permissions';
import { api } from '../../shared/api';
import type { Locale, User, UserChanges, Zone } from '../../shared/api';
import { noErrors } from '../../shared/errors';
import { useFormSubmit, usePageTitle, useResource } from '../../shared/hooks';
import { useFormat } from '../../shared/i18n';
import { useSharedT } from '../../shared/messages';
import { useSession } from '../../shared/session';
import { Alert } from '../../shared/ui/Alert';
import { Button } from '../../shared/ui/Button';
import { ConfirmDialog } from '../../shared/ui/Dialog';
import { ReadOnlyField, TextField } from '../../shared/ui/Field';
import { LoadError, LoadingBlock } from '../../shared/ui/FullPage';
import { initials, roleKey, useAccess } from '../../access';
import { Icon } from '../../shared/ui/Icon';
import { useT } from '../../messages';
import { useZones, zoneControl, zoneToSend } from '../../zones';
import {
  LocaleField,
  RoleField,
  ZoneField,
  checkName,
  checkZone,
  userErrorFields,
  userFormFields,
} from './userFields';
import './users.css';

/** One staff account: its details form, its access switch and links to its audit trail. */
export function UserPage() {
  const { id } = useParams();
  const t = useT();
  const user = useResource<User>(`/api/users/${id ?? ''}`);
  const { zones } = useZones();
  const { refresh } = useSession();
  const { user: me } = useAccess();
  const [notice, setNotice] = useState<string | null>(null);
  usePageTitle(user.data?.name ?? t('users.title'));

  const back = (
    <Link to="/accounts" className="breadcrumb">
      <Icon name="arrowLeft" />
      {t('user.back')}
    </Link>
  );

  if (!user.data) {
    return (
      <section className="page">
        {back}
        {user.error ? <LoadError error={user.error} onRetry={user.reload} /> : <LoadingBlock />}
      </section>
    );
  }

  const saved = (message: string, changedSelf: boolean) => {
    setNotice(message);
    user.reload();
    // The header shows one's own name; keep it in step.
    if (changedSelf) void refresh();
  };

  const target = user.data;
  return (
    <section className="page">
      {back}
      <UserHeader user={target} />
      {notice && <Alert tone="success">{notice}</Alert>}
      <div className="user-grid">
        {/* Keyed by version: after a save the form starts again from what the server kept. */}
        <UserDetailsForm
          key={target.updatedAt}
          target={target}
          zones={zones}
          onSaved={(message) => saved(message, target.id === me.id)}
          onNotice={setNotice}
        />
        <div className="user-side">
          <AccessCard target={target} onSaved={(message) => saved(message, false)} />
          <ActivityCard target={target} />
        </div>
      </div>
    </section>
  );
}

function UserHeader({ user }: { user: User }) {
  const t = useT();
  return (
    <header className="user-header">
      <span className="avatar avatar--lg" aria-hidden="true">
        {initials(user.name)}
      </span>
      <div>
        <h1 className="page__title">{user.name}</h1>
        <p className="page__subtitle">
          {user.email} · {t(roleKey(user.role))}
          {user.zone ? ` · ${user.zone.name}` : ''}
        </p>
      </div>
      <span
        className={`badge badge--dot ${user.status === 'active' ? 'badge--success' : 'badge--muted'}`}
      >
        {t(`status.${user.status}`)}
      </span>
    </header>
  );
}

/** Why the signed-in person may not edit this account, if they may not. */
function useEditRules(target: User) {
  const { user: me, can } = useAccess();
  const t = useT();
  const self = target.id === me.id;
  const aboveOwn = roleRank[target.role] > roleRank[me.role];
  const readOnlyReason = !can('users.write')
    ? t('user.readOnly')
    : aboveOwn
      ? t('user.aboveOwn')
      : null;
  return { me, self, editable: readOnlyReason === null, readOnlyReason };
}

function UserDetailsForm({
  target,
  zones,
  onSaved,
  onNotice,
}: {
  target: User;
  zones: readonly Zone[];
  onSaved: (message: string) => void;
  onNotice: (message: string | null) => void;
}) {
  const t = useT();
  const st = useSharedT();
  const { me, self, editable, readOnlyReason } = useEditRules(target);
  const startRole: StaffRole = isStaffRole(target.role) ? target.role : 'callcenter';
  const [name, setName] = useState(target.name);
  const [role, setRole] = useState<StaffRole>(startRole);
  const [zoneId, setZoneId] = useState(target.zoneId === null ? '' : String(target.zoneId));
  const [locale, setLocale] = useState<Locale>(target.locale);
  const { errors, setErrors, clear, pending, invalid, send } = useFormSubmit({
    fields: userFormFields,
    fieldOf: userErrorFields,
  });
  const control = zoneControl(me, role);
  const roles: StaffRole[] = assignableRoles[me.role].includes(startRole)
    ? [...assignableRoles[me.role]]
    : [startRole, ...assignableRoles[me.role]];

  // Editing hides the last notice and the message of the field being fixed.
  const edit =
    <T,>(set: (value: T) => void, ...fields: string[]) =>
    (value: T) => {
      set(value);
      fields.forEach(clear);
      onNotice(null);
    };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields: Record<string, string> = {};
    const nameError = checkName(name, t);
    if (nameError) fields.name = nameError;
    const zoneError = checkZone(control, zoneId, t);
    if (zoneError) fields.zoneId = zoneError;
    if (invalid(fields)) return;
    const changes: UserChanges = {};
    if (name.trim() !== target.name) changes.name = name.trim();
    if (role !== target.role) changes.role = role;
    const nextZone = zoneToSend(control, zoneId);
    if (nextZone !== target.zoneId) changes.zoneId = nextZone;
    if (locale !== target.locale) changes.locale = locale;
    if (Object.keys(changes).length === 0) {
      setErrors(noErrors);
      onNotice(t('user.noChanges'));
      return;
    }
    await send(async () => {
      await api.patch<User>(`/api/users/${target.id}`, changes);
      onSaved(t('user.saved'));
    });
  };

  return (
    <form className="card" noValidate onSubmit={(event) => void submit(event)}>
      <div className="card__header">
        <h2 className="card__title">{t('user.details')}</h2>
      </div>
      <div className="card__body form">
        {readOnlyReason && <Alert tone="info">{readOnlyReason}</Alert>}
        {errors.general !== null && <Alert tone="error">{errors.general}</Alert>}
        <div className="form__grid">
          <TextField
            className="field--wide"
            label={t('field.name')}
            value={name}
            disabled={!editable}
            onChange={(event) => edit(setName, 'name')(event.target.value)}
            error={errors.fields.name}
          />
          <ReadOnlyField className="field--wide" label={t('field.email')} value={target.email} />
          <RoleField
            roles={roles}
            value={role}
            onChange={edit(setRole, 'role', 'zoneId')}
            disabled={!editable || self}
            hint={self ? t('user.ownRole') : undefined}
            error={errors.fields.role}
          />
          {editable ? (
            <ZoneField
              control={control}
              zones={zones}
              value={zoneId}
              onChange={edit(setZoneId, 'zoneId')}
              error={errors.fields.zoneId}
            />
          ) : (
            <ReadOnlyField label={t('field.zone')} value={target.zone?.name ?? t('zone.none')} />
          )}
          <LocaleField value={locale} onChange={edit(setLocale)} disabled={!editable} />
        </div>
      </div>
      {editable && (
        <footer className="card__footer">
          <Button type="submit" variant="primary" loading={pending}>
            {st('save')}
          </Button>
        </footer>
      )}
    </form>
  );
}

function AccessCard({ target, onSaved }: { target: User; onSaved: (message: string) => void }) {
  const t = useT();
  const format = useFormat();
  const { self, editable } = useEditRules(target);
  const [confirming, setConfirming] = useState(false);
  const active = target.status === 'active';

  const toggle = async () => {
    await api.patch<User>(`/api/users/${target.id}`, { status: active ? 'disabled' : 'active' });
    onSaved(t(active ? 'user.disabledNotice' : 'user.enabledNotice'));
  };

  return (
    <section className="card" aria-labelledby="access-title">
      <div className="card__header">
        <h2 className="card__title" id="access-title">
          {t('user.access')}
        </h2>
        <span className={`badge badge--dot ${active ? 'badge--success' : 'badge--muted'}`}>
          {t(`status.${target.status}`)}
        </span>
      </div>
      <div className="card__body">
        <p className="user-side__text">
          {active ? t('user.accessActive') : t('user.accessDisabled')}
        </p>
        <dl className="meta-list">
          <div>
            <dt>{t('field.lastLogin')}</dt>
            <dd>
              {target.lastLoginAt ? format.dateTime(target.lastLoginAt) : t('user.neverSignedIn')}
            </dd>
          </div>
          <div>
            <dt>{t('field.created')}</dt>
            <dd>{format.dateTime(target.createdAt)}</dd>
          </div>
        </dl>
        {editable &&
          (self ? (
            <p className="field__hint">{t('user.ownAccount')}</p>
          ) : (
            <Button
              // A new button per state, so the colour does not animate from the old one.
              key={target.status}
              variant={active ? 'secondary' : 'primary'}
              className={active ? 'btn--danger-outline' : undefined}
              block
              onClick={() => setConfirming(true)}
            >
              {active ? t('user.disable') : t('user.enable')}
            </Button>
          ))}
      </div>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={t(active ? 'user.disableTitle' : 'user.enableTitle', { name: target.name })}
        confirmLabel={active ? t('user.disable') : t('user.enable')}
        danger={active}
        onConfirm={toggle}
      >
        {active ? t('user.disableBody') : t('user.enableBody')}
      </ConfirmDialog>
    </section>
  );
}

function ActivityCard({ target }: { target: User }) {
  const t = useT();
  const { can } = useAccess();
  if (!can('audit.read')) return null;
  return (
    <section className="card" aria-labelledby="activity-title">
      <div className="card__header">
        <h2 className="card__title" id="activity-title">
          {t('user.activity')}
        </h2>
      </div>
      <ul role="list" className="link-list">
        <li>
          <Link to={`/audit?actorId=${target.id}`}>
            {t('user.activityBy')}
            <Icon name="chevronRight" />
          </Link>
        </li>
        <li>
          <Link to={`/audit?targetType=user&targetId=${target.id}`}>
            {t('user.activityOn')}
            <Icon name="chevronRight" />
          </Link>
        </li>
      </ul>
    </section>
  );
}
