import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import {
  Customer as CustomerModel,
  type Customer,
  Redemption,
  RedemptionEvent,
  Reward,
} from '../db/models';
import type { RedemptionStatus } from '../db/models/redemption';
import type { DeliveryMode } from '../db/models/reward';
import { retryOnConflict } from '../db/retry';
import { AppError, conflict, notFound } from '../errors';
import type { Services } from '../http/services';
import { insertLedgerLines, type NewLedgerLine } from '../ledger/lines';
import { addLot, consumeLots } from '../ledger/lots';
import { addMonths } from '../ledger/time';
import type { Actor } from '../policies/actor';
import { findVisibleCustomer, lockCustomer } from '../policies/customers';
import { isStaffRole } from '../policies/permissions';
import { announceLines } from '../realtime';
import { businessDay, isAvailableTo } from '../rewards/availability';
import { getSettings, type Settings } from '../settings';
import { recordAudit } from './audit';
import { rewardNotFound } from './rewards';

type Who = { actor: Actor; ip: string | null };

export const folioOf = (id: number) => `R-${String(id).padStart(6, '0')}`;

/** The statuses each status may move to (delivery modes narrow shipped and ready_for_pickup). */
const nextStatuses: Readonly<Record<RedemptionStatus, readonly RedemptionStatus[]>> = {
  requested: ['approved', 'rejected', 'cancelled'],
  approved: ['shipped', 'ready_for_pickup', 'delivered', 'rejected', 'cancelled'],
  shipped: ['delivered'],
  ready_for_pickup: ['delivered'],
  delivered: [],
  rejected: [],
  cancelled: [],
};

/** Statuses that give the points and the stock back. */
const refunding: readonly RedemptionStatus[] = ['rejected', 'cancelled'];

export const statusWords: Readonly<Record<RedemptionStatus, string>> = {
  requested: 'solicitado',
  approved: 'aprobado',
  shipped: 'enviado',
  ready_for_pickup: 'listo para recoger',
  delivered: 'entregado',
  rejected: 'rechazado',
  cancelled: 'cancelado',
};

/** Why a redemption cannot move from `from` to `to`, in words; null when it can. */
export function transitionProblem(
  from: RedemptionStatus,
  to: RedemptionStatus,
  mode: DeliveryMode,
): string | null {
  if (to === 'shipped' && mode !== 'shipping') {
    return 'Solo los premios con envío pasan a enviado.';
  }
  if (to === 'ready_for_pickup' && mode !== 'pickup') {
    return 'Solo los premios para recoger en tienda pasan a listo para recoger.';
  }
  if (!nextStatuses[from].includes(to)) {
    return `Un canje ${statusWords[from]} no puede pasar a ${statusWords[to]}.`;
  }
  return null;
}

const invalidTransition = (from: RedemptionStatus, to: RedemptionStatus, reason: string) =>
  new AppError(409, 'invalid_transition', reason, {
    details: [
      { path: 'status', code: from, message: `Estado actual: ${statusWords[from]}.` },
      { path: 'body.status', code: to, message: `Estado pedido: ${statusWords[to]}.` },
    ],
  });

export const redemptionNotFound = () =>
  notFound('El canje no existe o no es de un cliente de tu zona.');

/** What a redemption screen needs loaded besides the row (the presenter reads these). */
export const redemptionRefs = (withTimeline: boolean) => ({
  include: [
    {
      association: 'customer',
      attributes: ['id', 'firstName', 'lastName', 'externalId', 'zoneId'],
    },
    { association: 'reward', attributes: ['id', 'code', 'name', 'deliveryMode', 'imageVersion'] },
    ...(withTimeline
      ? [
          {
            association: 'events',
            include: [{ association: 'actor', attributes: ['id', 'name', 'role'] }],
          },
        ]
      : []),
  ],
});

/** A redemption the actor may see (its own, or a customer in the zone scope) as presented, or 404. */
export async function findVisibleRedemption(
  actor: Actor,
  id: number,
  withTimeline: boolean,
): Promise<Redemption> {
  const redemption = await Redemption.findByPk(id, redemptionRefs(withTimeline));
  if (!redemption) throw redemptionNotFound();
  await findVisibleCustomer(actor, redemption.customerId).catch(() => {
    throw redemptionNotFound();
  });
  return redemption;
}

/* ------------------------------------------------------------------ redeem */

export interface RedeemInput {
  /** The customer redeeming; null when a customer redeems for itself. */
  customerId: number | null;
  rewardId: number;
  quantity: number;
  deliveryAddress: string | null;
  idempotencyKey: string | null;
  /** Staff redeeming on the customer's behalf say why. */
  note: string | null;
}

export interface Redeemed {
  redemption: Redemption;
  /** False when an idempotency key found an earlier redemption: nothing was taken this time. */
  created: boolean;
  /** The customer's zone: the queues of that zone hear of a new redemption. */
  zoneId: number;
}

/**
 * Exchanges points for a reward in one transaction: locks the customer, checks the reward is
 * offered to them and the balance covers it, takes the stock with a conditional UPDATE (so two
 * customers never get the last unit), spends the soonest-expiring points, and writes the
 * redemption with its folio, first timeline step and ledger line.
 */
export async function redeem(services: Services, who: Who, input: RedeemInput): Promise<Redeemed> {
  const { sequelize } = services;
  const staff = isStaffRole(who.actor.role);
  const result = await retryOnConflict(() =>
    sequelize.transaction(async (transaction): Promise<Redeemed> => {
      const customer = await lockCustomer(who.actor, input.customerId, transaction);
      const customerId = Number(customer.id);
      if (input.idempotencyKey) {
        const earlier = await Redemption.findOne({
          where: { customerId, idempotencyKey: input.idempotencyKey },
          transaction,
        });
        if (earlier) {
          if (earlier.rewardId !== input.rewardId || earlier.quantity !== input.quantity) {
            throw conflict(
              'idempotency_key_reused',
              'Esa clave de reintento ya se usó para otro canje.',
            );
          }
          return { redemption: earlier, created: false, zoneId: customer.zoneId };
        }
      }
      if (customer.status !== 'active') {
        throw new AppError(422, 'customer_not_active', 'La cuenta del cliente no está activa.');
      }
      const reward = await Reward.findByPk(input.rewardId, { transaction });
      if (!reward) throw rewardNotFound();
      if (!isAvailableTo(reward, customer, businessDay())) {
        throw new AppError(
          422,
          'reward_not_available',
          'Este premio no está disponible para este cliente en este momento.',
        );
      }
      const points = reward.pointsCost * input.quantity;
      const balance = Number(customer.balance);
      if (balance < points) {
        throw conflict(
          'insufficient_points',
          `El saldo es de ${balance.toLocaleString('es-MX')} puntos: faltan ${(points - balance).toLocaleString('es-MX')} para este canje.`,
        );
      }
      const taken = await sequelize.query(
        `UPDATE rewards SET stock = stock - ?, redeemed_count = redeemed_count + ?
          WHERE id = ? AND (stock IS NULL OR stock >= ?)`,
        {
          replacements: [input.quantity, input.quantity, reward.id, input.quantity],
          transaction,
          type: QueryTypes.BULKUPDATE,
        },
      );
      if (taken === 0) {
        throw conflict('out_of_stock', 'Ya no quedan existencias suficientes de este premio.');
      }
      await consumeLots(sequelize, customerId, points, transaction);
      const redemption = await Redemption.create(
        {
          folio: null,
          customerId,
          rewardId: reward.id,
          quantity: input.quantity,
          points,
          status: 'requested',
          carrier: null,
          trackingNumber: null,
          deliveryAddress:
            input.deliveryAddress ??
            (reward.deliveryMode === 'shipping' ? profileAddress(customer) : null),
          idempotencyKey: input.idempotencyKey,
          channel: staff ? 'studio' : 'portal',
          createdBy: staff ? who.actor.userId : null,
        },
        { transaction },
      );
      const folio = folioOf(redemption.id);
      await redemption.update({ folio }, { transaction });
      const quantity = input.quantity > 1 ? ` ×${input.quantity}` : '';
      await writeLine(
        sequelize,
        {
          customerId,
          kind: 'redeem',
          points: -points,
          balanceAfter: balance - points,
          actorUserId: staff ? who.actor.userId : null,
          note: `${folio} ${reward.name}${quantity}`,
          redemptionId: redemption.id,
        },
        transaction,
      );
      await RedemptionEvent.create(
        {
          redemptionId: redemption.id,
          status: 'requested',
          note: input.note,
          carrier: null,
          trackingNumber: null,
          actorUserId: staff ? who.actor.userId : null,
          importId: null,
        },
        { transaction },
      );
      if (staff) {
        await recordAudit(transaction, who, {
          action: 'redemption.created',
          targetType: 'redemption',
          targetId: redemption.id,
          zoneId: customer.zoneId,
          after: { folio, customerId, rewardId: reward.id, quantity: input.quantity, points },
        });
      }
      return { redemption, created: true, zoneId: customer.zoneId };
    }),
  );
  if (result.created) announce(services, result.redemption, result.zoneId, 'redeem');
  return result;
}

export interface BonusReward {
  customerId: number;
  /** The reward's catalog code, as the rule names it. */
  rewardCode: string;
  ruleKey: string;
}

/**
 * Rewards given by rules (a "bonus reward" effect): a redemption of no points, made inside the
 * award's transaction and followed like any other. A reward that is unknown, not offered to the
 * customer now or out of stock is not given; returns how many were.
 */
export async function grantBonusRewards(
  sequelize: Sequelize,
  grants: readonly BonusReward[],
  transaction: Transaction,
): Promise<number> {
  let granted = 0;
  for (const grant of grants) {
    const reward = await Reward.findOne({ where: { code: grant.rewardCode }, transaction });
    const customer = await CustomerModel.findByPk(grant.customerId, { transaction });
    if (!reward || !customer || !isAvailableTo(reward, customer, businessDay())) continue;
    const taken = await sequelize.query(
      `UPDATE rewards SET stock = stock - 1, redeemed_count = redeemed_count + 1
        WHERE id = ? AND (stock IS NULL OR stock >= 1)`,
      { replacements: [reward.id], transaction, type: QueryTypes.BULKUPDATE },
    );
    if (taken === 0) continue;
    const redemption = await Redemption.create(
      {
        folio: null,
        customerId: grant.customerId,
        rewardId: reward.id,
        quantity: 1,
        points: 0,
        status: 'requested',
        carrier: null,
        trackingNumber: null,
        deliveryAddress: reward.deliveryMode === 'shipping' ? profileAddress(customer) : null,
        idempotencyKey: null,
        channel: 'rule',
        createdBy: null,
      },
      { transaction },
    );
    await redemption.update({ folio: folioOf(redemption.id) }, { transaction });
    await RedemptionEvent.create(
      {
        redemptionId: redemption.id,
        status: 'requested',
        note: `Premio de la regla ${grant.ruleKey}`,
        carrier: null,
        trackingNumber: null,
        actorUserId: null,
        importId: null,
      },
      { transaction },
    );
    granted += 1;
  }
  return granted;
}

/** Where a shipped reward goes when the request names no address: the customer's profile. */
const profileAddress = (customer: Customer) =>
  [customer.address, customer.city, customer.state, customer.postalCode]
    .filter((part) => part !== null && part !== '')
    .join(', ')
    .slice(0, 300) || null;

/** A ledger line of a redemption, with the customer's new cached balance. */
async function writeLine(
  sequelize: Sequelize,
  line: Omit<NewLedgerLine, 'createdAt'> & { kind: 'redeem' | 'refund'; redemptionId: number },
  transaction: Transaction,
): Promise<void> {
  await insertLedgerLines(sequelize, [{ ...line, createdAt: new Date() }], transaction);
  await sequelize.query('UPDATE customers SET balance = ? WHERE id = ?', {
    replacements: [line.balanceAfter, line.customerId],
    transaction,
  });
}

/** After commit: the customer's screens and the staff following them hear of the change. */
function announce(
  services: Services,
  redemption: Redemption,
  zoneId: number,
  line: 'redeem' | 'refund' | null,
) {
  services.realtime.redemptionChanged({
    redemptionId: redemption.id,
    folio: redemption.folio ?? folioOf(redemption.id),
    status: redemption.status,
    customerId: redemption.customerId,
    zoneId,
  });
  if (line) {
    void announceLines(services.realtime, services.sequelize, redemption.customerId, {
      redemptionId: redemption.id,
      kind: line,
    });
  }
}

/* ------------------------------------------------------------------ status changes */

export interface StatusChange {
  status: RedemptionStatus;
  note: string | null;
  carrier: string | null;
  trackingNumber: string | null;
}

/** Whether a change would leave the redemption as it is (same status, no new delivery data). */
export const changesNothing = (redemption: Redemption, change: StatusChange) =>
  redemption.status === change.status &&
  (change.carrier === null || change.carrier === redemption.carrier) &&
  (change.trackingNumber === null || change.trackingNumber === redemption.trackingNumber);

export interface Moved {
  redemption: Redemption;
  /** False when the redemption already was as asked: nothing written. */
  changed: boolean;
  /** True when the move gave the points back (a refund line to announce). */
  refunded: boolean;
  /** The customer's zone: the queues of that zone hear of the move. */
  zoneId: number;
}

export interface MoveOptions {
  /** The spreadsheet upload that asked for the move. */
  importId?: number;
  /** False when the caller audits the whole batch (a spreadsheet upload) instead. */
  audited: boolean;
  settings: Settings;
  /** Limits the move to redemptions in this status (checked under the lock). */
  onlyFrom?: { status: RedemptionStatus; reason: string };
}

/**
 * Moves one redemption to a new status inside the caller's transaction: locks the customer,
 * then the redemption, checks the transition against the status it has now, and writes the
 * timeline step; a rejection or cancellation refunds the points (as a new lot) and returns the
 * stock. The same status with new carrier or tracking data only updates those. Every refusal
 * is thrown before the first write, so a caller may catch it and go on in the same transaction.
 */
export async function moveWithin(
  services: Services,
  who: Who,
  redemptionId: number,
  change: StatusChange,
  options: MoveOptions,
  transaction: Transaction,
): Promise<Moved> {
  const staff = isStaffRole(who.actor.role);
  const found = await Redemption.findByPk(redemptionId, {
    attributes: ['id', 'customerId'],
    transaction,
  });
  if (!found) throw redemptionNotFound();
  const customer = await lockCustomer(
    who.actor,
    staff ? found.customerId : null,
    transaction,
  ).catch((err: unknown) => {
    throw err instanceof AppError && err.status === 404 ? redemptionNotFound() : err;
  });
  const redemption = await Redemption.findByPk(redemptionId, {
    transaction,
    lock: transaction.LOCK.UPDATE,
  });
  if (!redemption || redemption.customerId !== Number(customer.id)) {
    throw redemptionNotFound();
  }
  const from = redemption.status;
  if (options.onlyFrom && from !== options.onlyFrom.status) {
    throw invalidTransition(from, change.status, options.onlyFrom.reason);
  }
  if (changesNothing(redemption, change)) {
    return { redemption, changed: false, refunded: false, zoneId: customer.zoneId };
  }
  const reward = await Reward.findByPk(redemption.rewardId, { transaction });
  if (!reward) throw rewardNotFound();
  if (from !== change.status) {
    const problem = transitionProblem(from, change.status, reward.deliveryMode);
    if (problem) throw invalidTransition(from, change.status, problem);
  }
  const before = {
    status: from,
    carrier: redemption.carrier,
    trackingNumber: redemption.trackingNumber,
  };
  await redemption.update(
    {
      status: change.status,
      carrier: change.carrier ?? redemption.carrier,
      trackingNumber: change.trackingNumber ?? redemption.trackingNumber,
    },
    { transaction },
  );
  await RedemptionEvent.create(
    {
      redemptionId: redemption.id,
      status: change.status,
      note: change.note,
      carrier: change.carrier,
      trackingNumber: change.trackingNumber,
      actorUserId: staff ? who.actor.userId : null,
      importId: options.importId ?? null,
    },
    { transaction },
  );
  const refunded = from !== change.status && refunding.includes(change.status);
  if (refunded) {
    const balance = Number(customer.balance);
    await refund(services.sequelize, redemption, balance, who, options.settings, transaction);
  }
  if (options.audited && staff) {
    await recordAudit(transaction, who, {
      action: 'redemption.status_changed',
      targetType: 'redemption',
      targetId: redemption.id,
      zoneId: customer.zoneId,
      before,
      after: {
        status: redemption.status,
        carrier: redemption.carrier,
        trackingNumber: redemption.trackingNumber,
        note: change.note,
      },
    });
  }
  return { redemption, changed: true, refunded, zoneId: customer.zoneId };
}

/** One redemption moved in a transaction of its own, announced after the commit. */
export async function moveRedemption(
  services: Services,
  who: Who,
  redemptionId: number,
  change: StatusChange,
  options: MoveOptions,
): Promise<Moved> {
  const moved = await retryOnConflict(() =>
    services.sequelize.transaction((transaction) =>
      moveWithin(services, who, redemptionId, change, options, transaction),
    ),
  );
  if (moved.changed) announceMove(services, moved);
  return moved;
}

/** After commit: tells the screens following the customer of a move (and of its refund). */
export const announceMove = (services: Services, moved: Moved) =>
  announce(services, moved.redemption, moved.zoneId, moved.refunded ? 'refund' : null);

/**
 * Gives a redemption's points back as a new lot and its units back to the stock; `balance` is
 * the customer's, read under its lock.
 */
async function refund(
  sequelize: Sequelize,
  redemption: Redemption,
  balance: number,
  who: Who,
  settings: Settings,
  transaction: Transaction,
): Promise<void> {
  await addLot(
    sequelize,
    {
      customerId: redemption.customerId,
      points: redemption.points,
      expiresAt: addMonths(new Date(), settings.pointsExpiryMonths),
    },
    transaction,
  );
  await writeLine(
    sequelize,
    {
      customerId: redemption.customerId,
      kind: 'refund',
      points: redemption.points,
      balanceAfter: balance + redemption.points,
      actorUserId: isStaffRole(who.actor.role) ? who.actor.userId : null,
      note: `${redemption.folio ?? folioOf(redemption.id)} ${statusWords[redemption.status]}`,
      redemptionId: redemption.id,
    },
    transaction,
  );
  await sequelize.query(
    `UPDATE rewards SET stock = CASE WHEN stock IS NULL THEN NULL ELSE stock + ? END,
            redeemed_count = redeemed_count - ? WHERE id = ?`,
    { replacements: [redemption.quantity, redemption.quantity, redemption.rewardId], transaction },
  );
}

/** A staff status change from the studio (one redemption), audited. */
export async function changeRedemptionStatus(
  services: Services,
  who: Who,
  redemptionId: number,
  change: StatusChange,
): Promise<Redemption> {
  const settings = await getSettings(services.sequelize);
  const { redemption } = await moveRedemption(services, who, redemptionId, change, {
    audited: true,
    settings,
  });
  return redemption;
}

/** A customer cancels its own redemption, which it may only do before staff approve it. */
export async function cancelOwnRedemption(
  services: Services,
  who: Who,
  redemptionId: number,
): Promise<Redemption> {
  const settings = await getSettings(services.sequelize);
  const { redemption } = await moveRedemption(
    services,
    who,
    redemptionId,
    { status: 'cancelled', note: 'Cancelado por el cliente.', carrier: null, trackingNumber: null },
    {
      audited: false,
      settings,
      onlyFrom: {
        status: 'requested',
        reason: 'Solo puedes cancelar un canje mientras está solicitado.',
      },
    },
  );
  return redemption;
}

export interface BulkResult {
  id: number;
  ok: boolean;
  error?: { id: string; message: string };
}

/** The same status change for many redemptions, each on its own: one failing stops no other. */
export async function bulkChangeStatus(
  services: Services,
  who: Who,
  ids: number[],
  change: Omit<StatusChange, 'carrier' | 'trackingNumber'>,
): Promise<BulkResult[]> {
  const settings = await getSettings(services.sequelize);
  const results: BulkResult[] = [];
  for (const id of ids) {
    try {
      await moveRedemption(
        services,
        who,
        id,
        { ...change, carrier: null, trackingNumber: null },
        { audited: true, settings },
      );
      results.push({ id, ok: true });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ id, ok: false, error: { id: err.id, message: err.message } });
    }
  }
  return results;
}
