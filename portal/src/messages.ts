import { useTranslator } from '@lealtad/studio/shared/i18n.tsx';
import type { Dictionary, Messages, Translate } from '@lealtad/studio/shared/i18n.tsx';

/** Portal texts: friendly, short, Spanish first. */
const es = {
  'nav.main': 'Secciones',
  'nav.home': 'Inicio',
  'nav.movements': 'Movimientos',
  'nav.card': 'Mi tarjeta',
  'nav.profile': 'Mis datos',
  'nav.password': 'Mi contraseña',
  'home.greeting': 'Hola, {name}',
  'home.welcome': 'Qué gusto tenerte en Lealtad.',
  'home.zone': 'Tu zona: {zone}',
  'home.since': 'Cliente desde {date}',
  'home.balance': 'Tu saldo',
  'home.points': 'puntos',
  'home.pointsOne': 'punto',
  'home.change': '{points} puntos',
  'home.recent': 'Últimos movimientos',
  'home.recentAll': 'Ver todos',
  'home.recentEmpty': 'Todavía no hay movimientos. Tus compras sumarán puntos aquí.',
  'home.account': 'Tu cuenta',
  'home.email': 'Correo electrónico',
  'home.customerNumber': 'Número de cliente',
  'home.zoneLabel': 'Zona',
  'home.noZone': 'Sin zona asignada',
  'home.editProfile': 'Ver y editar mis datos',
  'home.security': 'Seguridad',
  'home.securityText': 'Cambia tu contraseña cuando lo necesites.',
  'home.changePassword': 'Cambiar contraseña',

  'movements.title': 'Movimientos',
  'movements.subtitle':
    'Los puntos que ganaste, canjeaste o vencieron, del más reciente al más antiguo.',
  'movements.balance': 'Saldo actual',

  'profile.title': 'Mis datos',
  'profile.subtitle': 'Mantén al día tus datos de contacto para recibir tus beneficios.',
  'profile.account': 'Tu cuenta',
  'profile.accountHint': 'Para cambiar tu nombre o tu correo, llama a atención a clientes.',
  'profile.name': 'Nombre',
  'profile.email': 'Correo electrónico',
  'profile.customerNumber': 'Número de cliente',
  'profile.zone': 'Zona',
  'profile.contact': 'Contacto y domicilio',
  'profile.birthDateLocked':
    'Ya registraste tu fecha de nacimiento. Solo se registra una vez porque con ella te damos tus beneficios de cumpleaños; si hay un error, llama a atención a clientes.',
  'profile.saved': 'Guardamos tus datos.',
  'profile.noChanges': 'No hay cambios por guardar.',
  'card.title': 'Mi tarjeta',
  'card.subtitle': 'Preséntala en cada compra para sumar puntos.',
  'card.yours': 'Tu tarjeta',
  'card.activeSince': 'Activa desde el {date}',
  'card.pointsSafe':
    'Tus puntos están en tu cuenta, no en la tarjeta: no se pierden aunque la cambies.',
  'card.report': 'Reportar extravío o robo',
  'card.reportTitle': 'Reportar tu tarjeta',
  'card.reportDescription': 'La bloqueamos para que nadie más pueda usarla.',
  'card.noneTitle': 'Activa tu tarjeta',
  'card.noneText': 'Escribe el número de 16 dígitos que aparece al frente de tu tarjeta.',
  'card.replacementTitle': 'Tu tarjeta nueva',
  'card.replacementCaption': 'En camino',
  'card.replacementText':
    'Te asignamos la tarjeta de reposición {card}. Cuando la recibas, escribe su número para activarla.',
  'card.activated': '¡Listo! Tu tarjeta {card} ya está activa.',
  'card.reported': 'Bloqueamos tu tarjeta {card}. Aquí puedes seguir tu reporte.',
  'card.alreadyActive':
    'Ya tienes una tarjeta activa. Si la perdiste o te la robaron, repórtala primero.',
  'card.assignedElsewhere': 'Esa tarjeta está asignada a otra cuenta. Revisa el número.',
  'card.nextReported':
    'Tu tarjeta está bloqueada. Te asignaremos una de reposición; tus puntos siguen en tu cuenta.',
  'card.nextIssued': 'Tu tarjeta nueva va en camino. Cuando la recibas, actívala en esta página.',
  'card.nextActivated': 'Tu tarjeta nueva ya está activa. Cerraremos el reporte en breve.',
  'card.helpTitle': '¿Perdiste tu tarjeta?',
  'card.helpText':
    'Repórtala aquí en cuanto te des cuenta: la bloqueamos al instante y te damos una nueva. Tus puntos no se pierden.',
  'card.history': 'Historial',
} as const;

export type PortalKey = keyof typeof es;

const en: Messages<PortalKey> = {
  'nav.main': 'Sections',
  'nav.home': 'Home',
  'nav.movements': 'Movements',
  'nav.card': 'My card',
  'nav.profile': 'My details',
  'nav.password': 'My password',
  'home.greeting': 'Hello, {name}',
  'home.welcome': 'Great to have you at Lealtad.',
  'home.zone': 'Your zone: {zone}',
  'home.since': 'Customer since {date}',
  'home.balance': 'Your balance',
  'home.points': 'points',
  'home.pointsOne': 'point',
  'home.change': '{points} points',
  'home.recent': 'Latest movements',
  'home.recentAll': 'See all',
  'home.recentEmpty': 'No movements yet. Your purchases will add points here.',
  'home.account': 'Your account',
  'home.email': 'Email',
  'home.customerNumber': 'Customer number',
  'home.zoneLabel': 'Zone',
  'home.noZone': 'No zone assigned',
  'home.editProfile': 'See and edit my details',
  'home.security': 'Security',
  'home.securityText': 'Change your password whenever you need to.',
  'home.changePassword': 'Change password',

  'movements.title': 'Movements',
  'movements.subtitle': 'The points you earned, redeemed or that expired, newest first.',
  'movements.balance': 'Current balance',

  'profile.title': 'My details',
  'profile.subtitle': 'Keep your contact details up to date to get your benefits.',
  'profile.account': 'Your account',
  'profile.accountHint': 'To change your name or email, call customer service.',
  'profile.name': 'Name',
  'profile.email': 'Email',
  'profile.customerNumber': 'Customer number',
  'profile.zone': 'Zone',
  'profile.contact': 'Contact and address',
  'profile.birthDateLocked':
    'You already recorded your date of birth. It is set only once because your birthday benefits depend on it; if it is wrong, call customer service.',
  'profile.saved': 'We saved your details.',
  'profile.noChanges': 'There are no changes to save.',
  'card.title': 'My card',
  'card.subtitle': 'Show it at every purchase to earn points.',
  'card.yours': 'Your card',
  'card.activeSince': 'Active since {date}',
  'card.pointsSafe':
    'Your points live in your account, not on the card: changing cards loses none.',
  'card.report': 'Report lost or stolen',
  'card.reportTitle': 'Report your card',
  'card.reportDescription': 'We block it so nobody else can use it.',
  'card.noneTitle': 'Activate your card',
  'card.noneText': 'Enter the 16-digit number printed on the front of your card.',
  'card.replacementTitle': 'Your new card',
  'card.replacementCaption': 'On its way',
  'card.replacementText':
    'We assigned you replacement card {card}. Once you receive it, enter its number to activate it.',
  'card.activated': 'Done! Your card {card} is now active.',
  'card.reported': 'We blocked your card {card}. You can follow your report here.',
  'card.alreadyActive':
    'You already have an active card. If you lost it or it was stolen, report it first.',
  'card.assignedElsewhere': 'That card belongs to another account. Check the number.',
  'card.nextReported':
    'Your card is blocked. We will assign you a replacement; your points stay in your account.',
  'card.nextIssued': 'Your new card is on its way. Once you receive it, activate it on this page.',
  'card.nextActivated': 'Your new card is active. We will close the report shortly.',
  'card.helpTitle': 'Lost your card?',
  'card.helpText':
    'Report it here as soon as you notice: we block it at once and give you a new one. Your points are not lost.',
  'card.history': 'History',
};

export const portalMessages: Dictionary<PortalKey> = { es, en };

export const useT = (): Translate<PortalKey> => useTranslator(portalMessages);
