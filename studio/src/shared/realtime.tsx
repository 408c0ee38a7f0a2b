import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type { AppName, Customer, PointsChanged, RedemptionChanged } from './api';
import { useResource } from './hooks';
import type { Resource } from './hooks';
import { useSession } from './session';

/**
 * Live updates over socket.io: one connection per app while someone is signed in. A customer's
 * socket receives its own `points:changed` and `redemption:changed` events; a staff screen
 * showing a customer watches it (`customer:watch`) and receives that customer's events until it
 * stops watching. Staff who serve redemptions also hear every redemption change of their zones.
 */

type Status = 'offline' | 'connecting' | 'online';

let socket: Socket | null = null;
let status: Status = 'offline';
const statusListeners = new Set<() => void>();
const pointsListeners = new Set<(event: PointsChanged) => void>();
const redemptionListeners = new Set<(event: RedemptionChanged) => void>();
const resyncListeners = new Set<() => void>();
/** Customers that staff screens watch, with how many screens watch each. */
const watched = new Map<number, number>();
/** Watches the server confirmed on the current connection. */
const confirmed = new Set<number>();

const notify = () => statusListeners.forEach((listener) => listener());

function setStatus(next: Status) {
  status = next;
  notify();
}

function subscribeStatus(listener: () => void): () => void {
  statusListeners.add(listener);
  return () => statusListeners.delete(listener);
}

function watchOnServer(connection: Socket, customerId: number) {
  connection
    .timeout(10_000)
    .emitWithAck('customer:watch', customerId)
    .then(
      (answer: { ok?: boolean } | undefined) => {
        if (answer?.ok && socket === connection && watched.has(customerId)) {
          confirmed.add(customerId);
          notify();
        }
      },
      // No answer in time: the screen still works, only not live; the next reconnect retries.
      () => undefined,
    );
}

/** Opens the app's connection (the session cookie authenticates it); returns how to close it. */
export function connectRealtime(app: AppName): () => void {
  const connection = io({ auth: { app }, withCredentials: true, forceNew: true });
  socket = connection;
  setStatus('connecting');
  let connectedBefore = false;
  connection.on('connect', () => {
    // A new connection has joined no rooms yet: watch again what the screens show.
    confirmed.clear();
    for (const customerId of watched.keys()) watchOnServer(connection, customerId);
    setStatus('online');
    // Events sent while the connection was down were lost: the screens read their data again.
    if (connectedBefore) resyncListeners.forEach((listener) => listener());
    connectedBefore = true;
  });
  connection.on('disconnect', () => {
    confirmed.clear();
    setStatus(connection.active ? 'connecting' : 'offline');
  });
  connection.on('connect_error', () => {
    if (!connection.active) setStatus('offline');
  });
  connection.on('points:changed', (event: PointsChanged) =>
    pointsListeners.forEach((listener) => listener(event)),
  );
  connection.on('redemption:changed', (event: RedemptionChanged) =>
    redemptionListeners.forEach((listener) => listener(event)),
  );
  return () => {
    connection.disconnect();
    if (socket === connection) {
      socket = null;
      confirmed.clear();
      setStatus('offline');
    }
  };
}

function watchCustomer(customerId: number): () => void {
  const count = (watched.get(customerId) ?? 0) + 1;
  watched.set(customerId, count);
  if (count === 1 && socket?.connected) watchOnServer(socket, customerId);
  return () => {
    const left = (watched.get(customerId) ?? 1) - 1;
    if (left > 0) {
      watched.set(customerId, left);
      return;
    }
    watched.delete(customerId);
    confirmed.delete(customerId);
    notify();
    if (socket?.connected) socket.emit('customer:unwatch', customerId);
  };
}

/** Keeps the app's live connection open while someone is signed in (rendered by `mountApp`). */
export function RealtimeConnection() {
  const { app, state } = useSession();
  const userId = state.status === 'signedIn' ? state.me.user.id : null;
  useEffect(() => (userId === null ? undefined : connectRealtime(app)), [app, userId]);
  return null;
}

/** Whose points a screen follows: the signed-in customer, or a customer by id (staff). */
export type LiveTarget = 'self' | number | null;

interface CustomerHandlers {
  onPoints?: (event: PointsChanged) => void;
  onRedemption?: (event: RedemptionChanged) => void;
  /** After a reconnection: events may have been missed, read the data again. */
  onResync: () => void;
}

/**
 * Calls the handlers on the target's live events (points, redemptions); `live` says whether
 * they can arrive now.
 */
export function useCustomerEvents(
  target: LiveTarget,
  handlers: CustomerHandlers,
): { live: boolean } {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (target === null) return;
    const concerns = (customerId: number) => target === 'self' || customerId === target;
    const onPoints = (event: PointsChanged) => {
      if (concerns(event.customerId)) latest.current.onPoints?.(event);
    };
    const onRedemption = (event: RedemptionChanged) => {
      if (concerns(event.customerId)) latest.current.onRedemption?.(event);
    };
    const onResync = () => latest.current.onResync();
    pointsListeners.add(onPoints);
    redemptionListeners.add(onRedemption);
    resyncListeners.add(onResync);
    const unwatch = target === 'self' ? undefined : watchCustomer(target);
    return () => {
      pointsListeners.delete(onPoints);
      redemptionListeners.delete(onRedemption);
      resyncListeners.delete(onResync);
      unwatch?.();
    };
  }, [target]);
  const live = useSyncExternalStore(
    subscribeStatus,
    () => status === 'online' && (target === 'self' || (target !== null && confirmed.has(target))),
  );
  return { live };
}

/**
 * A count that grows at every live change of the target's redemptions (and after reconnecting):
 * screens that list or show redemptions read them again when it changes.
 */
export function useRedemptionsVersion(target: LiveTarget): { version: number; live: boolean } {
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);
  const { live } = useCustomerEvents(target, { onRedemption: bump, onResync: bump });
  return { version, live };
}

/**
 * A count that grows as redemptions change anywhere the signed-in staff member serves (every
 * zone, or theirs), and after reconnecting: the redemption queue reads its page again.
 */
export function useRedemptionQueueVersion(): { version: number; live: boolean } {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let pending: ReturnType<typeof setTimeout> | null = null;
    // A bulk change sends one event per redemption: the queue reads once for all of them.
    const bump = () => {
      pending ??= setTimeout(() => {
        pending = null;
        setVersion((v) => v + 1);
      }, 250);
    };
    redemptionListeners.add(bump);
    resyncListeners.add(bump);
    return () => {
      redemptionListeners.delete(bump);
      resyncListeners.delete(bump);
      if (pending) clearTimeout(pending);
    };
  }, []);
  const live = useSyncExternalStore(subscribeStatus, () => status === 'online');
  return { version, live };
}

export interface LiveCustomer extends Resource<Customer> {
  /** The balance to show: the latest live event's, or the loaded profile's. */
  balance: number | undefined;
  /** Bumped at every live change of points (and after reconnecting): movement lists reload on it. */
  version: number;
  /** Whether changes arrive live right now. */
  live: boolean;
  /** The latest change seen live on this screen. */
  lastChange: PointsChanged | null;
}

/** A customer profile (`path`) whose balance follows the live `points:changed` events. */
export function useLiveCustomer(path: string | null, target: LiveTarget): LiveCustomer {
  const resource = useResource<Customer>(path);
  const { reload } = resource;
  const [override, setOverride] = useState<{ base: Customer; balance: number } | null>(null);
  const [version, setVersion] = useState(0);
  const [lastChange, setLastChange] = useState<PointsChanged | null>(null);
  const current = useRef(resource.data);
  useEffect(() => {
    current.current = resource.data;
  });
  const { live } = useCustomerEvents(target, {
    onPoints(event) {
      const base = current.current;
      if (base) setOverride({ base, balance: event.balance });
      setLastChange(event);
      setVersion((v) => v + 1);
    },
    onResync() {
      reload();
      setVersion((v) => v + 1);
    },
  });
  // A newer load of the profile carries its own balance; the event's applies to the one it saw.
  const balance =
    override && override.base === resource.data ? override.balance : resource.data?.balance;
  return { ...resource, balance, version, live, lastChange };
}
