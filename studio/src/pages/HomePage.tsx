import { Link } from 'react-router';
import { assignableRoles } from '@lealtad/server/permissions';
import { usePageTitle } from '../shared/hooks';
import { initials, roleKey, useAccess } from '../access';
import { Icon } from '../shared/ui/Icon';
import type { IconName } from '../shared/ui/Icon';
import { useT } from '../messages';
import './home.css';

interface Capability {
  icon: IconName;
  title: string;
  text: string;
  to: string;
  action: string;
}

/** Who you are and what your role lets you do here: nothing invented, all from the role map. */
export function HomePage() {
  const { user, can, zoneScoped } = useAccess();
  const t = useT();
  usePageTitle(t('nav.home'));

  const zone = user.zone?.name ?? '';
  const zoneText = user.zone ? user.zone.name : zoneScoped ? t('zone.none') : t('zone.all');
  const roles = assignableRoles[user.role].map((role) => t(roleKey(role))).join(', ');

  const capabilities: Capability[] = [];
  if (can('customers.read')) {
    const text = [
      zoneScoped ? t('home.customers.readZone', { zone }) : t('home.customers.readAll'),
      can('customers.write') && t('home.customers.write'),
      can('ledger.adjust') && t('home.customers.adjust'),
    ];
    capabilities.push({
      icon: 'user',
      title: t('home.customers.title'),
      text: text.filter(Boolean).join(' '),
      to: '/customers',
      action: t('home.customers.go'),
    });
  }
  if (can('cards.manage')) {
    capabilities.push({
      icon: 'card',
      title: t('home.cards.title'),
      text: t('home.cards.text'),
      to: '/cards',
      action: t('home.cards.go'),
    });
  }
  if (can('rules.manage')) {
    capabilities.push({
      icon: 'star',
      title: t('home.rules.title'),
      text: zoneScoped ? t('home.rules.zone', { zone }) : t('home.rules.all'),
      to: '/rules',
      action: t('home.rules.go'),
    });
  }
  if (can('rewards.manage')) {
    capabilities.push({
      icon: 'gift',
      title: t('home.rewards.title'),
      text: t('home.rewards.text'),
      to: '/rewards',
      action: t('home.rewards.go'),
    });
  }
  if (can('redemptions.manage')) {
    capabilities.push({
      icon: 'bag',
      title: t('home.redemptions.title'),
      text: zoneScoped ? t('home.redemptions.textZone', { zone }) : t('home.redemptions.textAll'),
      to: '/redemptions',
      action: t('home.redemptions.go'),
    });
  }
  if (can('users.read')) {
    const read = zoneScoped ? t('home.accounts.readZone', { zone }) : t('home.accounts.readAll');
    capabilities.push({
      icon: 'users',
      title: t('home.accounts.title'),
      text: can('users.write') ? `${read} ${t('home.accounts.write', { roles })}` : read,
      to: '/accounts',
      action: t('home.accounts.go'),
    });
  }
  if (can('zones.manage')) {
    capabilities.push({
      icon: 'mapPin',
      title: t('home.zones.title'),
      text: t('home.zones.text'),
      to: '/zones',
      action: t('home.zones.go'),
    });
  }
  if (can('audit.read')) {
    capabilities.push({
      icon: 'audit',
      title: t('home.audit.title'),
      text: zoneScoped ? t('home.audit.zone', { zone }) : t('home.audit.all'),
      to: '/audit',
      action: t('home.audit.go'),
    });
  }
  capabilities.push({
    icon: 'key',
    title: t('home.password.title'),
    text: t('home.password.text'),
    to: '/password',
    action: t('home.password.go'),
  });

  return (
    <section className="page">
      <header className="card home-hero">
        <span className="avatar avatar--lg" aria-hidden="true">
          {initials(user.name)}
        </span>
        <div className="home-hero__text">
          <h1 className="page__title">{t('home.greeting', { name: user.name })}</h1>
          <p className="page__subtitle">{t('home.intro')}</p>
        </div>
        <dl className="facts">
          <div className="facts__item">
            <dt>
              <Icon name="shield" />
              {t('field.role')}
            </dt>
            <dd>
              <span className="facts__value">{t(roleKey(user.role))}</span>
              <span className="facts__note">{t(`roleInfo.${user.role}`)}</span>
            </dd>
          </div>
          <div className="facts__item">
            <dt>
              <Icon name="mapPin" />
              {t('field.zone')}
            </dt>
            <dd>
              <span className="facts__value">{zoneText}</span>
            </dd>
          </div>
          <div className="facts__item">
            <dt>
              <Icon name="mail" />
              {t('field.email')}
            </dt>
            <dd>
              <span className="facts__value">{user.email}</span>
            </dd>
          </div>
        </dl>
      </header>

      <section className="home-section" aria-labelledby="home-can">
        <h2 className="section-title" id="home-can">
          {t('home.can')}
        </h2>
        <ul role="list" className="capabilities">
          {capabilities.map((capability) => (
            <li key={capability.to} className="card capability">
              <span className="capability__icon">
                <Icon name={capability.icon} />
              </span>
              <h3 className="capability__title">{capability.title}</h3>
              <p className="capability__text">{capability.text}</p>
              <Link to={capability.to} className="btn btn--secondary btn--sm capability__action">
                {capability.action}
                <Icon name="arrowRight" />
              </Link>
            </li>
          ))}
        </ul>
        {!can('users.read') && <p className="home-note">{t('home.moreAccess')}</p>}
      </section>
    </section>
  );
}
