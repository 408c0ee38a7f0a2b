import { z } from 'zod';
import { email, newPassword } from '../schemas';

export const loginBody = z.strictObject({
  email,
  password: z.string().min(1, 'Escribe tu contraseña.').max(128),
  /** The app signing in; an account of the other app is refused with `wrong_app`. */
  app: z.enum(['studio', 'portal']).optional(),
});

export const forgotBody = z.strictObject({ email });

const token = z.string().min(20).max(200);

export const checkTokenBody = z.strictObject({ token });

export const resetBody = z.strictObject({
  token,
  password: newPassword,
});

export const changeBody = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword,
});
