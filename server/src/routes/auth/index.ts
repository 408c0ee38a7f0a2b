import { User, Zone, Session } from '../../db/models';
import {
  changePassword,
  describePasswordLink,
  requestPasswordReset,
  resetPassword,
  signIn,
} from '../../commands/auth';
import { unauthenticated } from '../../errors';
import { defineRoute } from '../../http/route';
import { presentMe } from '../../presenters/user';
import { appOfRole } from '../../policies/permissions';
import { clearSessionCookie } from '../../security/sessions';
import { changeBody, checkTokenBody, forgotBody, loginBody, resetBody } from './schema';

export const authRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/auth/login',
    access: 'public',
    rateLimited: true,
    body: loginBody,
    async handler({ req, res, body, services }) {
      const { user, csrfToken } = await signIn(services, req, res, body);
      return { body: presentMe(user, csrfToken) };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/auth/logout',
    access: 'signedIn',
    async handler({ actor, res, services }) {
      if (actor.session) await Session.destroy({ where: { id: actor.session.id } });
      clearSessionCookie(res, services.config, appOfRole(actor.role));
      return undefined;
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/auth/me',
    access: 'signedIn',
    async handler({ actor }) {
      const user = await User.findByPk(actor.userId, { include: [{ model: Zone, as: 'zone' }] });
      if (!user || !actor.session) throw unauthenticated();
      return { body: presentMe(user, actor.session.csrfToken) };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/auth/password/forgot',
    access: 'public',
    rateLimited: true,
    body: forgotBody,
    async handler({ body, services }) {
      await requestPasswordReset(services, body);
      return {
        status: 202,
        body: {
          message:
            'Si el correo está registrado, te enviamos un enlace para restablecer la contraseña. Revisa tu bandeja de entrada.',
        },
      };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/auth/password/check',
    access: 'public',
    rateLimited: true,
    body: checkTokenBody,
    async handler({ body }) {
      return { body: await describePasswordLink(body.token) };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/auth/password/reset',
    access: 'public',
    rateLimited: true,
    body: resetBody,
    async handler({ req, body, services }) {
      await resetPassword(services, req.ip ?? null, body);
      return { body: { message: 'Tu contraseña quedó actualizada. Ya puedes iniciar sesión.' } };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/auth/password/change',
    access: 'signedIn',
    body: changeBody,
    async handler({ req, actor, body, services }) {
      await changePassword(services, actor, req.ip ?? null, body);
      return { body: { message: 'Tu contraseña quedó actualizada.' } };
    },
  }),
];
