import { awardWithCommand } from '../rules/events';
import { Op, QueryTypes, type Transaction } from 'sequelize';
import {
  cardNumberProblem,
  normalizeCardNumber,
  rangeNumbers,
  type CardNumberProblem,
} from '../cards/numbers';
import { Card, CardBatch, CardReport, CardReportEvent, type Customer, User } from '../db/models';
import type { CardBlockReason } from '../db/models/card';
import type { CardReportStatus } from '../db/models/cardReport';
import { retryOnConflict } from '../db/retry';
import { insertRows } from '../db/rows';
import { AppError, badRequest, conflict, notFound, type ErrorDetail } from '../errors';
import type { Services } from '../http/services';
import type { Actor } from '../policies/actor';
import { lockCustomer } from '../policies/customers';
import { isStaffRole } from '../policies/permissions';
import { recordAudit } from './audit';

type Who = { actor: Actor; ip: string | null };

/** Why a card cannot be activated or issued: each its own id, all 422. */
type CardError =
  CardNumberProblem | 'card_not_found' | 'card_already_assigned' | 'card_blocked' | 'card_inactive';

const cardErrorMessages: Record<CardError, string> = {
  card_format_invalid: 'El número de tarjeta debe tener 16 dígitos.',
  card_check_digit_invalid:
    'El número de tarjeta no es válido (falla el dígito verificador): revisa que esté bien escrito.',
  card_not_found: 'Ese número de tarjeta no está registrado en el inventario.',
  card_already_assigned: 'Esa tarjeta ya está asignada a un cliente.',
  card_blocked: 'Esa tarjeta está bloqueada por un reporte de extravío o robo.',
  card_inactive: 'Esa tarjeta está dada de baja o fue sustituida; ya no se puede usar.',
};

const cardError = (id: CardError) => new AppError(422, id, cardErrorMessages[id]);

/** The normalized number, or the 422 that says what is wrong with it. */
function checkedCardNumber(input: string): string {
  const number = normalizeCardNumber(input);
  const problem = cardNumberProblem(number);
  if (problem) throw cardError(problem);
  return number;
}

/**
 * Whether a stock card may go to `customerId`: an available card nobody holds, or (for the
 * replacement issued to that customer) the available card already assigned to it.
 */
function assertAssignable(card: Card, replacementFor: number | null): void {
  if (card.status === 'blocked') throw cardError('card_blocked');
  if (card.status === 'inactive' || card.status === 'replaced') throw cardError('card_inactive');
  if (card.status !== 'available' || card.customerId !== replacementFor) {
    throw cardError('card_already_assigned');
  }
}

const lockCardByNumber = (number: string, transaction: Transaction) =>
  Card.findOne({ where: { number }, transaction, lock: transaction.LOCK.UPDATE });

const cardSnapshot = (card: Card) => ({
  number: card.number,
  status: card.status,
  customerId: card.customerId,
  blockReason: card.blockReason,
});

/* ------------------------------------------------------------------ stock import */

export type StockInput =
  | { name: string; range: { prefix: string; from: number; count: number } }
  | { name: string; numbers: string[] };

export type SkipReason = CardNumberProblem | 'duplicate_in_file' | 'already_in_stock';

export interface Skipped {
  number: string;
  reason: SkipReason;
}

const skipMessages: Record<SkipReason, string> = {
  card_format_invalid: 'No tiene 16 dígitos.',
  card_check_digit_invalid: 'Falla el dígito verificador.',
  duplicate_in_file: 'Está repetido en el archivo.',
  already_in_stock: 'Ya está en el inventario.',
};

/** Numbers per `IN (…)` lookup of existing cards. */
const lookupChunk = 1000;

/**
 * Adds a batch of `available` cards: a generated range or a list of numbers from a file. Numbers
 * that are malformed, fail the check digit, repeat within the list or are already in stock are
 * skipped and reported; the rest go in with multi-row inserts, all in one transaction.
 */
export async function importCardStock(
  services: Services,
  who: Who,
  input: StockInput,
): Promise<{ batch: CardBatch; imported: number; skipped: Skipped[] }> {
  const { sequelize } = services;
  const source = 'range' in input ? 'range' : 'file';
  // Each entry: the number as sent, its normalized form, and its place in the request.
  const entries =
    'range' in input
      ? rangeNumbers(input.range.prefix, input.range.from, input.range.count).map((number) => ({
          sent: number,
          number,
          path: 'body.range',
        }))
      : input.numbers.map((sent, index) => ({
          sent,
          number: normalizeCardNumber(sent),
          path: `body.numbers.${index}`,
        }));
  const early = new Map<number, SkipReason>();
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const problem = cardNumberProblem(entry.number);
    if (problem) early.set(index, problem);
    else if (seen.has(entry.number)) early.set(index, 'duplicate_in_file');
    else seen.add(entry.number);
  });

  return retryOnConflict(() =>
    sequelize.transaction(async (transaction) => {
      const existing = await existingNumbers(services, [...seen], source === 'range', transaction);
      const skipped: (Skipped & { path: string })[] = [];
      const fresh: string[] = [];
      entries.forEach((entry, index) => {
        const reason =
          early.get(index) ?? (existing.has(entry.number) ? 'already_in_stock' : undefined);
        if (reason) skipped.push({ number: entry.sent, reason, path: entry.path });
        else fresh.push(entry.number);
      });
      if (fresh.length === 0) {
        throw new AppError(
          422,
          'no_new_cards',
          'No se importó ninguna tarjeta: todos los números tienen algún problema.',
          { details: skipped.map(skipDetail) },
        );
      }
      const batch = await CardBatch.create(
        { name: input.name, source, cardCount: fresh.length, createdBy: who.actor.userId },
        { transaction },
      );
      const now = new Date();
      await insertRows(
        sequelize,
        'cards',
        ['number', 'status', 'batch_id', 'created_at', 'updated_at'],
        fresh.map((number) => [number, 'available', batch.id, now, now]),
        transaction,
      );
      await recordAudit(transaction, who, {
        action: 'cards.imported',
        targetType: 'card_batch',
        targetId: batch.id,
        zoneId: null,
        after: {
          name: batch.name,
          source,
          imported: fresh.length,
          skipped: skipped.length,
          ...('range' in input && { range: input.range }),
        },
      });
      return {
        batch,
        imported: fresh.length,
        skipped: skipped.map(({ number, reason }) => ({ number, reason })),
      };
    }),
  );
}

const skipDetail = (skip: Skipped & { path: string }): ErrorDetail => ({
  path: skip.path,
  code: skip.reason,
  message: `${skip.number}: ${skipMessages[skip.reason]}`,
});

/** Which of these (well-formed, distinct) numbers are already cards. */
async function existingNumbers(
  services: Services,
  numbers: string[],
  contiguous: boolean,
  transaction: Transaction,
): Promise<Set<string>> {
  const found = new Set<string>();
  if (numbers.length === 0) return found;
  if (contiguous) {
    // A range's numbers share prefix and length, so one index range scan finds them all.
    const rows = await services.sequelize.query<{ number: string }>(
      'SELECT number FROM cards WHERE number BETWEEN ? AND ?',
      {
        replacements: [numbers[0], numbers.at(-1)],
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    for (const row of rows) found.add(row.number);
    return found;
  }
  for (let start = 0; start < numbers.length; start += lookupChunk) {
    const rows = await services.sequelize.query<{ number: string }>(
      'SELECT number FROM cards WHERE number IN (?)',
      {
        replacements: [numbers.slice(start, start + lookupChunk)],
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    for (const row of rows) found.add(row.number);
  }
  return found;
}

/* ------------------------------------------------------------------ activation */

/**
 * Activates a stock card for a customer: staff name the customer (within their zone), a
 * customer activates for itself. A customer holds at most one active card. The replacement
 * issued in the customer's open report is activated the same way, and then the reported card
 * becomes `replaced` and the report `replacement_activated`.
 *
 * The card row is locked and the final UPDATE is conditional on the card still being
 * available (and unassigned, or assigned to this customer as its replacement), so of two
 * concurrent activations of one card only one can win.
 */
export async function activateCard(
  services: Services,
  who: Who,
  input: { cardNumber: string; customerId?: number },
): Promise<Card> {
  const { actor } = who;
  if (actor.role === 'customer' && input.customerId !== undefined) {
    throw badRequest(
      'customer_id_not_allowed',
      'Desde el portal solo puedes activar una tarjeta para tu propia cuenta.',
    );
  }
  if (actor.role !== 'customer' && input.customerId === undefined) {
    throw badRequest('customer_required', 'Indica el cliente al que se asigna la tarjeta.');
  }
  const number = checkedCardNumber(input.cardNumber);
  return retryOnConflict(() =>
    services.sequelize.transaction(async (transaction) => {
      const customer = await lockCustomer(actor, input.customerId ?? null, transaction);
      const customerId = Number(customer.id);
      const card = await lockCardByNumber(number, transaction);
      if (!card) throw cardError('card_not_found');
      const report = await CardReport.findOne({
        where: { customerId, replacementCardId: card.id, status: 'replacement_issued' },
        transaction,
        lock: transaction.LOCK.UPDATE,
      });
      assertAssignable(card, report ? customerId : null);
      const active = await Card.findOne({
        where: { customerId, status: 'active' },
        transaction,
      });
      if (active) {
        throw conflict(
          'customer_has_active_card',
          'El cliente ya tiene una tarjeta activa. Para cambiarla, reporta la actual como extraviada o robada.',
        );
      }
      const now = new Date();
      const [changed] = await Card.update(
        {
          status: 'active',
          customerId,
          assignedAt: card.assignedAt ?? now,
          activatedAt: now,
        },
        {
          where: { id: card.id, status: 'available', customerId: report ? customerId : null },
          transaction,
        },
      );
      if (changed !== 1) throw cardError('card_already_assigned');
      if (report) {
        await Card.update(
          { status: 'replaced', replacedByCardId: card.id },
          { where: { id: report.cardId, status: 'blocked' }, transaction },
        );
        await report.update({ status: 'replacement_activated' }, { transaction });
        await CardReportEvent.create(
          {
            reportId: report.id,
            status: 'replacement_activated',
            note: null,
            actorUserId: actor.userId,
          },
          { transaction },
        );
      }
      await card.reload({ transaction });
      // Rules that ask about the card read it here, activated, in this transaction.
      await awardWithCommand(
        services,
        'card_activated',
        [{ customerId, occasion: `card:${card.id}` }],
        transaction,
      );
      // The audit log records staff writes; a customer's own activation is on the card itself.
      if (isStaffRole(actor.role)) {
        await recordAudit(transaction, who, {
          action: 'card.activated',
          targetType: 'card',
          targetId: card.id,
          zoneId: customer.zoneId,
          after: { ...cardSnapshot(card), ...(report && { reportId: report.id }) },
        });
      }
      return card;
    }),
  );
}

/* ------------------------------------------------------------------ lost / stolen reports */

const reportIncludes = (withActor: boolean) => [
  { model: Card, as: 'card' },
  { model: Card, as: 'replacementCard' },
  {
    model: CardReportEvent,
    as: 'events',
    ...(withActor && { include: [{ model: User, as: 'actor' }] }),
  },
];

const loadReport = async (id: number, withActor: boolean): Promise<CardReport> => {
  const report = await CardReport.findByPk(id, { include: reportIncludes(withActor) });
  if (!report) throw notFound('El reporte no existe.');
  return report;
};

const openReportOf = (customerId: number, cardId: number, transaction: Transaction) =>
  CardReport.findOne({
    where: { customerId, cardId, status: { [Op.ne]: 'closed' } },
    transaction,
  });

const alreadyReported = () =>
  conflict('card_already_reported', 'Esa tarjeta ya tiene un reporte abierto.');

/**
 * Takes a lost or stolen report: staff for a customer's card (`cardId`), a customer for its
 * own active card. The card is blocked in the same transaction that opens the report and
 * writes its first history event, so it cannot be used from the moment the report exists.
 */
export async function reportCard(
  services: Services,
  who: Who,
  input: { customerId: number | null; cardId?: number; kind: CardBlockReason; note?: string },
): Promise<CardReport> {
  const { actor } = who;
  const id = await retryOnConflict(() =>
    services.sequelize.transaction(async (transaction) => {
      const customer = await lockCustomer(actor, input.customerId, transaction);
      const customerId = Number(customer.id);
      const card = await reportedCard(customer, input.cardId, transaction);
      if (await openReportOf(customerId, card.id, transaction)) throw alreadyReported();
      if (card.status !== 'active') {
        throw conflict('card_not_active', 'Solo se puede reportar una tarjeta activa.');
      }
      const now = new Date();
      const [changed] = await Card.update(
        { status: 'blocked', blockReason: input.kind, blockedAt: now },
        { where: { id: card.id, status: 'active' }, transaction },
      );
      if (changed !== 1) {
        throw conflict('card_not_active', 'Solo se puede reportar una tarjeta activa.');
      }
      const report = await CardReport.create(
        {
          customerId,
          cardId: card.id,
          kind: input.kind,
          status: 'reported',
          replacementCardId: null,
          channel: actor.role === 'customer' ? 'portal' : 'studio',
          createdBy: actor.userId,
        },
        { transaction },
      );
      await CardReportEvent.create(
        {
          reportId: report.id,
          status: 'reported',
          note: input.note ?? null,
          actorUserId: actor.userId,
        },
        { transaction },
      );
      if (isStaffRole(actor.role)) {
        await recordAudit(transaction, who, {
          action: 'card_report.created',
          targetType: 'card_report',
          targetId: report.id,
          zoneId: customer.zoneId,
          before: cardSnapshot(card),
          after: {
            cardId: card.id,
            number: card.number,
            kind: input.kind,
            status: 'reported',
            cardStatus: 'blocked',
          },
        });
      }
      return report.id;
    }),
  );
  return loadReport(id, isStaffRole(actor.role));
}

/** The card a report is about: the one staff named, or the customer's own active card. */
async function reportedCard(
  customer: Customer,
  cardId: number | undefined,
  transaction: Transaction,
): Promise<Card> {
  const customerId = Number(customer.id);
  const lock = transaction.LOCK.UPDATE;
  if (cardId !== undefined) {
    const card = await Card.findOne({ where: { id: cardId, customerId }, transaction, lock });
    if (!card) {
      throw new AppError(422, 'card_not_found', 'Esa tarjeta no existe o no es de este cliente.');
    }
    return card;
  }
  const active = await Card.findOne({
    where: { customerId, status: 'active' },
    transaction,
    lock,
  });
  if (active) return active;
  const open = await CardReport.findOne({
    where: { customerId, status: { [Op.in]: ['reported', 'replacement_issued'] } },
    transaction,
  });
  if (open) throw alreadyReported();
  throw conflict('card_not_active', 'No tienes una tarjeta activa que reportar.');
}

const statusLabels: Record<CardReportStatus, string> = {
  reported: 'Reportada',
  replacement_issued: 'Reposición emitida',
  replacement_activated: 'Reposición activada',
  closed: 'Cerrado',
};

/**
 * The follow-up moves a staff member may make. `replacement_activated` is reached only by
 * activating the issued card, never here.
 */
const transitions: Record<CardReportStatus, readonly CardReportStatus[]> = {
  reported: ['replacement_issued', 'closed'],
  replacement_issued: [],
  replacement_activated: ['closed'],
  closed: [],
};

function assertTransition(from: CardReportStatus, to: CardReportStatus): void {
  if (transitions[from].includes(to)) return;
  const hint =
    to === 'replacement_activated'
      ? ' La reposición queda activada cuando se activa la tarjeta nueva.'
      : '';
  throw conflict(
    'invalid_transition',
    `No se puede pasar un reporte de «${statusLabels[from]}» a «${statusLabels[to]}».${hint}`,
  );
}

const missingReport = () => notFound('El reporte no existe o no está en tu zona.');

/**
 * Moves a report along its follow-up: `reported → replacement_issued` assigns an available
 * stock card to the customer (it stays inactive until activated); `reported → closed` (say,
 * the card turned up) and `replacement_activated → closed` end it. Each move adds a history
 * event and an audit record.
 */
export async function updateCardReport(
  services: Services,
  who: Who,
  reportId: number,
  input: { status: CardReportStatus; note?: string; replacementCardNumber?: string },
): Promise<CardReport> {
  const { actor } = who;
  const found = await CardReport.findByPk(reportId);
  if (!found) throw missingReport();
  const replacementNumber =
    input.replacementCardNumber === undefined
      ? null
      : checkedCardNumber(input.replacementCardNumber);
  await retryOnConflict(() =>
    services.sequelize.transaction(async (transaction) => {
      const customer = await lockCustomer(actor, Number(found.customerId), transaction).catch(
        (err: unknown) => {
          // A report of a customer outside the actor's zone does not exist for it.
          if (err instanceof AppError && err.status === 404) throw missingReport();
          throw err;
        },
      );
      const report = await CardReport.findByPk(reportId, {
        transaction,
        lock: transaction.LOCK.UPDATE,
      });
      if (!report) throw missingReport();
      const before = { status: report.status, replacementCardId: report.replacementCardId };
      assertTransition(report.status, input.status);
      if (input.status === 'replacement_issued') {
        if (replacementNumber === null) {
          throw new AppError(
            422,
            'replacement_card_required',
            'Indica el número de la tarjeta de reposición.',
          );
        }
        const card = await lockCardByNumber(replacementNumber, transaction);
        if (!card) throw cardError('card_not_found');
        assertAssignable(card, null);
        const [changed] = await Card.update(
          { customerId: Number(customer.id), assignedAt: new Date() },
          { where: { id: card.id, status: 'available', customerId: null }, transaction },
        );
        if (changed !== 1) throw cardError('card_already_assigned');
        await report.update(
          { status: 'replacement_issued', replacementCardId: card.id },
          { transaction },
        );
      } else {
        // Closing a report never unblocks its card, even when the card turned up: its number
        // may have been seen by others. The customer goes on with a new card.
        await report.update({ status: input.status }, { transaction });
      }
      await CardReportEvent.create(
        {
          reportId: report.id,
          status: input.status,
          note: input.note ?? null,
          actorUserId: actor.userId,
        },
        { transaction },
      );
      await recordAudit(transaction, who, {
        action: `card_report.${input.status}`,
        targetType: 'card_report',
        targetId: report.id,
        zoneId: customer.zoneId,
        before,
        after: {
          status: report.status,
          replacementCardId: report.replacementCardId,
          ...(input.note !== undefined && { note: input.note }),
        },
      });
    }),
  );
  return loadReport(reportId, true);
}

/* ------------------------------------------------------------------ reads */

/** A customer's cards, newest first. */
export const cardsOf = (customerId: number) =>
  Card.findAll({ where: { customerId }, order: [['id', 'desc']] });

/** A customer's reports with their cards and history, newest first. */
export const cardReportsOf = (customerId: number, withActor: boolean) =>
  CardReport.findAll({
    where: { customerId },
    include: reportIncludes(withActor),
    order: [['id', 'desc']],
  });
