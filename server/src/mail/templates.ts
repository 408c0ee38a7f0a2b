import type { Locale } from '../db/models/user';
import type { MailMessage } from './mailer';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function layout(paragraphs: string[], link: { href: string; label: string }, footer: string) {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('');
  return `<!doctype html><html><body style="font-family:Arial,sans-serif;color:#1f2937;max-width:560px">
<h2 style="color:#0f766e">Lealtad</h2>${body}
<p><a href="${escapeHtml(link.href)}" style="background:#0f766e;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">${escapeHtml(link.label)}</a></p>
<p style="color:#6b7280;font-size:13px">${escapeHtml(footer)}</p></body></html>`;
}

const copy = {
  reset: {
    es: {
      subject: 'Restablece tu contraseña de Lealtad',
      greeting: (name: string) => `Hola, ${name}:`,
      body: 'Recibimos una solicitud para restablecer tu contraseña. El enlace vale por 1 hora y se puede usar una sola vez.',
      action: 'Restablecer contraseña',
      footer: 'Si no lo solicitaste, ignora este mensaje: tu contraseña no cambia.',
    },
    en: {
      subject: 'Reset your Lealtad password',
      greeting: (name: string) => `Hello ${name},`,
      body: 'We received a request to reset your password. The link is valid for 1 hour and can be used once.',
      action: 'Reset password',
      footer: 'If you did not ask for this, ignore this message: your password stays the same.',
    },
  },
  invite: {
    es: {
      subject: 'Tu cuenta de Lealtad está lista',
      greeting: (name: string) => `Hola, ${name}:`,
      body: 'Se creó una cuenta para ti en el estudio de Lealtad. Define tu contraseña con el enlace; vale por 72 horas y se puede usar una sola vez.',
      action: 'Definir contraseña',
      footer: 'Si no esperabas esta invitación, ignora este mensaje.',
    },
    en: {
      subject: 'Your Lealtad account is ready',
      greeting: (name: string) => `Hello ${name},`,
      body: 'An account was created for you in the Lealtad studio. Set your password with the link; it is valid for 72 hours and can be used once.',
      action: 'Set password',
      footer: 'If you did not expect this invitation, ignore this message.',
    },
  },
} as const;

export function passwordLinkMail(
  kind: keyof typeof copy,
  recipient: { email: string; name: string; locale: Locale },
  link: string,
): MailMessage {
  const t = copy[kind][recipient.locale];
  const greeting = t.greeting(recipient.name);
  return {
    to: recipient.email,
    subject: t.subject,
    text: `${greeting}\n\n${t.body}\n\n${t.action}: ${link}\n\n${t.footer}\n`,
    html: layout([greeting, t.body], { href: link, label: t.action }, t.footer),
  };
}
