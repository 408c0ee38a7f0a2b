import { useTranslator } from '@lealtad/studio/shared/i18n.tsx';
import type { Dictionary, Messages, Translate } from '@lealtad/studio/shared/i18n.tsx';

/** Portal texts: friendly, short, Spanish first. */
const es = {
  'nav.main': 'Secciones',
  'nav.home': 'Inicio',
  'nav.password': 'Mi contraseña',
  'home.greeting': 'Hola, {name}',
  'home.welcome': 'Qué gusto tenerte en Lealtad.',
  'home.zone': 'Tu zona: {zone}',
  'home.since': 'Cliente desde {date}',
  'home.account': 'Tu cuenta',
  'home.email': 'Correo electrónico',
  'home.zoneLabel': 'Zona',
  'home.noZone': 'Sin zona asignada',
  'home.security': 'Seguridad',
  'home.securityText': 'Cambia tu contraseña cuando lo necesites.',
  'home.changePassword': 'Cambiar contraseña',
} as const;

export type PortalKey = keyof typeof es;

const en: Messages<PortalKey> = {
  'nav.main': 'Sections',
  'nav.home': 'Home',
  'nav.password': 'My password',
  'home.greeting': 'Hello, {name}',
  'home.welcome': 'Great to have you at Lealtad.',
  'home.zone': 'Your zone: {zone}',
  'home.since': 'Customer since {date}',
  'home.account': 'Your account',
  'home.email': 'Email',
  'home.zoneLabel': 'Zone',
  'home.noZone': 'No zone assigned',
  'home.security': 'Security',
  'home.securityText': 'Change your password whenever you need to.',
  'home.changePassword': 'Change password',
};

export const portalMessages: Dictionary<PortalKey> = { es, en };

export const useT = (): Translate<PortalKey> => useTranslator(portalMessages);
