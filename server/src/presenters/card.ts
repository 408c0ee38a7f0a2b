import type { Card, CardBatch, CardReport, CardReportEvent } from '../db/models';

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** A card; `customer` is shown when loaded (stock listing). */
export const presentCard = (card: Card) => ({
  id: Number(card.id),
  number: card.number,
  status: card.status,
  customerId: card.customerId === null ? null : Number(card.customerId),
  ...(card.customer !== undefined && {
    customer: card.customer
      ? {
          id: Number(card.customer.id),
          firstName: card.customer.firstName,
          lastName: card.customer.lastName,
        }
      : null,
  }),
  batchId: card.batchId,
  assignedAt: iso(card.assignedAt),
  activatedAt: iso(card.activatedAt),
  blockedAt: iso(card.blockedAt),
  blockReason: card.blockReason,
  replacedByCardId: card.replacedByCardId === null ? null : Number(card.replacedByCardId),
  createdAt: card.createdAt.toISOString(),
  updatedAt: card.updatedAt.toISOString(),
});

export const presentCardBatch = (batch: CardBatch) => ({
  id: batch.id,
  name: batch.name,
  source: batch.source,
  cardCount: batch.cardCount,
  createdBy: batch.createdBy,
  createdAt: batch.createdAt.toISOString(),
});

const cardRef = (card: Card | null | undefined) =>
  card ? { id: Number(card.id), number: card.number, status: card.status } : null;

/**
 * One follow-up step. Staff see who took it; the customer's own view leaves staff names out
 * (`withActor: false`).
 */
export const presentCardReportEvent = (event: CardReportEvent, withActor: boolean) => ({
  id: event.id,
  status: event.status,
  note: event.note,
  ...(withActor && {
    actor: event.actor ? { id: event.actor.id, name: event.actor.name } : null,
  }),
  createdAt: event.createdAt.toISOString(),
});

/**
 * A report with its cards and history (newest event first). Expects `card`, `replacementCard`
 * and `events` (with `actor` for staff) loaded.
 */
export const presentCardReport = (report: CardReport, withActor: boolean) => ({
  id: report.id,
  customerId: Number(report.customerId),
  kind: report.kind,
  status: report.status,
  card: cardRef(report.card),
  replacementCard: cardRef(report.replacementCard),
  channel: report.channel,
  createdBy: report.createdBy,
  createdAt: report.createdAt.toISOString(),
  updatedAt: report.updatedAt.toISOString(),
  events: [...(report.events ?? [])]
    .sort((a, b) => b.id - a.id)
    .map((event) => presentCardReportEvent(event, withActor)),
});
