import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { PostedLine } from '../ledger/purchases';
import type { Actor } from '../policies/actor';
import { findOwnCustomer, findVisibleCustomer } from '../policies/customers';
import { apps, can, type App } from '../policies/permissions';
import { actorForToken, sessionCookie } from '../security/sessions';

/** A change of a customer's points, as screens showing that customer receive it. */
export interface PointsChanged {
  customerId: number;
  balance: number;
  line: {
    kind: string;
    points: number;
    balance: number;
    transactionId: string | null;
    note: string | null;
  };
}

export interface Realtime {
  /** Starts socket.io on the HTTP server (the API works without it, e.g. under supertest). */
  attach(server: HttpServer): void;
  /** Tells the customer's portal and the staff screens watching that customer. Call after commit. */
  pointsChanged(event: PointsChanged): void;
  close(): Promise<void>;
}

/** The event for points a purchase earned. */
export const earnedEvent = (line: PostedLine): PointsChanged => ({
  customerId: line.customerId,
  balance: line.balance,
  line: {
    kind: 'earn',
    points: line.points,
    balance: line.balance,
    transactionId: line.transactionId,
    note: null,
  },
});

const room = (customerId: number) => `customer:${customerId}`;

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** socket.io with the same session cookies as the API; the app says which cookie in `auth.app`. */
async function authenticateSocket(socket: Socket): Promise<Actor> {
  const requested: unknown = socket.handshake.auth.app;
  const app: App | undefined = apps.find((candidate) => candidate === requested);
  if (!app) throw new Error('invalid_app');
  const token = cookieValue(socket.handshake.headers.cookie, sessionCookie(app));
  const actor = token ? await actorForToken(token) : null;
  if (!actor) throw new Error('unauthenticated');
  return actor;
}

export function createRealtime(): Realtime {
  let io: Server | null = null;
  return {
    attach(server) {
      io = new Server(server, { serveClient: false, cors: { origin: false } });
      io.use((socket, next) => {
        authenticateSocket(socket)
          .then(async (actor) => {
            socket.data.actor = actor;
            // A customer's room is known before the connection opens, so no event falls between.
            if (actor.role === 'customer')
              socket.data.customerId = Number((await findOwnCustomer(actor)).id);
            next();
          })
          .catch((err: Error) => next(err));
      });
      io.on('connection', (socket) => {
        const actor = socket.data.actor as Actor;
        if (actor.role === 'customer') void socket.join(room(socket.data.customerId as number));
        // Staff screens showing a customer ask to follow it; the zone scope applies as in the API.
        socket.on(
          'customer:watch',
          (customerId: unknown, ack?: (answer: { ok: boolean }) => void) => {
            const id = Number(customerId);
            if (!Number.isInteger(id) || !can(actor.role, 'customers.read'))
              return ack?.({ ok: false });
            findVisibleCustomer(actor, id).then(
              async () => {
                await socket.join(room(id));
                ack?.({ ok: true });
              },
              () => ack?.({ ok: false }),
            );
          },
        );
        socket.on('customer:unwatch', (customerId: unknown) => {
          if (actor.role !== 'customer') void socket.leave(room(Number(customerId)));
        });
      });
    },
    pointsChanged(event) {
      io?.to(room(event.customerId)).emit('points:changed', event);
    },
    async close() {
      await io?.close();
    },
  };
}
