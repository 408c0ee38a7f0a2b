import type { Role } from './permissions';

/** Who is making a request: resolved once by authentication, read by every policy. */
export interface Actor {
  userId: number;
  role: Role;
  zoneId: number | null;
  /** Present when the request came with a session cookie (writes then need the CSRF token). */
  session: { id: string; csrfToken: string } | null;
}

/** The actor for writes a user makes about themselves without a session yet (sign-in, reset). */
export const actorOf = (user: { id: number; role: Role; zoneId: number | null }): Actor => ({
  userId: user.id,
  role: user.role,
  zoneId: user.zoneId,
  session: null,
});
