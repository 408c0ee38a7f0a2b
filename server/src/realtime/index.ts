import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { Sequelize } from 'sequelize';
import type { RedemptionStatus } from '../db/models/redemption';
import type { AwardNotice, PostedLine } from '../ledger/purchases';
import { ledgerLines, type LedgerLine, type LineKey } from '../ledger/statement';
import type { Actor } from '../policies/actor';
import { findOwnCustomer, findVisibleCustomer } from '../policies/customers';
import { apps, can, isZoneScoped, type App } from '../policies/permissions';
import { actorForToken, sessionCookie } from '../security/sessions';

/** A change of a customer's points, as screens showing that customer receive it. */
export interface PointsChanged {
  customerId: number;
  balance: number;
  /** The new ledger line, as the statement shows it. */
  line: LedgerLine;
}

/** Points a rule gave, with the rule's plain words for the customer. */
export interface PointsAwarded extends AwardNotice {
  customerId: number;
}

/** A redemption that changed status (or was just made), for the customer and staff following it. */
export interface RedemptionChanged {
  redemptionId: number;
  folio: string;
  status: RedemptionStatus;
  customerId: number;
  /** The customer's zone: the redemption queues of that zone hear of it. */
  zoneId: number;
}

export interface Realtime {
  /** Starts socket.io on the HTTP server (the API works without it, e.g. under supertest). */
  attach(server: HttpServer): void;
  /** Tells the customer's portal and the staff screens watching that customer. Call after commit. */
  pointsChanged(event: PointsChanged): void;
  /** Tells the customer's screens which rule gave points (`points:awarded`). Call after commit. */
  pointsAwarded(event: PointsAwarded): void;
  /**
   * Tells the same screens, and the redemption queues that see the customer's zone, that one of
   * the customer's redemptions changed. Call after commit.
   */
  redemptionChanged(event: RedemptionChanged): void;
  /** Whether any screen is showing this customer now. */
  isWatched(customerId: number): boolean;
  close(): Promise<void>;
}

/**
 * Tells the screens showing a customer about lines just committed (`points:changed`, one per
 * line), read back as the statement shows them. Nobody watching: nothing is read. A failed read
 * only costs the notice; the screens still load the line on their next refresh.
 */
export async function announceLines(
  realtime: Realtime,
  sequelize: Sequelize,
  customerId: number,
  key: LineKey,
): Promise<void> {
  if (!realtime.isWatched(customerId)) return;
  try {
    for (const line of await ledgerLines(sequelize, customerId, key)) {
      realtime.pointsChanged({ customerId, balance: line.balance, line });
    }
  } catch (err) {
    console.error('No se pudo avisar del movimiento en tiempo real:', err);
  }
}

/** The earn lines of purchases just committed, and their awards, to their customers' screens. */
export function announcePurchases(
  realtime: Realtime,
  sequelize: Sequelize,
  purchases: readonly PostedLine[],
): void {
  for (const { customerId, transactionId, awards } of purchases) {
    if (!realtime.isWatched(customerId)) continue;
    void announceLines(realtime, sequelize, customerId, { transactionId, kind: 'earn' });
    for (const award of awards) realtime.pointsAwarded({ customerId, ...award });
  }
}

/** Lines and awards of rules for events other than purchases, after commit. */
export function announceAwards(
  realtime: Realtime,
  sequelize: Sequelize,
  awarded: { customerId: number; awards: readonly AwardNotice[]; lineIds: readonly number[] },
): void {
  const { customerId } = awarded;
  if (!realtime.isWatched(customerId)) return;
  void (async () => {
    for (const id of awarded.lineIds) await announceLines(realtime, sequelize, customerId, { id });
    for (const award of awarded.awards) realtime.pointsAwarded({ customerId, ...award });
  })();
}

const room = (customerId: number) => `customer:${customerId}`;
/** Staff who serve redemptions follow the queue: of every zone, or of their own. */
const queueRoom = (zoneId: number | null) =>
  zoneId === null ? 'redemptions:all' : `redemptions:zone:${zoneId}`;

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
        if (can(actor.role, 'redemptions.manage')) {
          void socket.join(queueRoom(isZoneScoped(actor.role) ? actor.zoneId : null));
        }
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
    pointsAwarded(event) {
      io?.to(room(event.customerId)).emit('points:awarded', event);
    },
    redemptionChanged(event) {
      // A socket in several of these rooms hears the event once.
      io?.to([room(event.customerId), queueRoom(null), queueRoom(event.zoneId)]).emit(
        'redemption:changed',
        event,
      );
    },
    isWatched(customerId) {
      return io?.sockets.adapter.rooms.has(room(customerId)) ?? false;
    },
    async close() {
      await io?.close();
    },
  };
}
