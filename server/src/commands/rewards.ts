import { Op, QueryTypes, UniqueConstraintError, type Transaction } from 'sequelize';
import { CustomerType, Redemption, Reward, Zone } from '../db/models';
import type { AuditSnapshot } from '../db/models/auditEvent';
import type { RewardStatus } from '../db/models/reward';
import { AppError, badRequest, conflict, notFound } from '../errors';
import type { Services } from '../http/services';
import type { Actor } from '../policies/actor';
import { prepareImage } from '../rewards/images';
import type { RewardChanges, RewardInput } from '../routes/rewards/schema';
import { recordAudit } from './audit';

type Who = { actor: Actor; ip: string | null };

const snapshot = (reward: Reward): AuditSnapshot => ({
  code: reward.code,
  name: reward.name,
  pointsCost: reward.pointsCost,
  stock: reward.stock,
  category: reward.category,
  availableFrom: reward.availableFrom,
  availableTo: reward.availableTo,
  zoneIds: reward.zoneIds,
  customerTypeIds: reward.customerTypeIds,
  deliveryMode: reward.deliveryMode,
  status: reward.status,
});

const codeTaken = () => conflict('reward_code_taken', 'Ya existe un premio con esa clave.');
export const rewardNotFound = () => new AppError(404, 'reward_not_found', 'El premio no existe.');

export async function findReward(id: number, transaction?: Transaction): Promise<Reward> {
  const reward = await Reward.findByPk(id, { transaction });
  if (!reward) throw rewardNotFound();
  return reward;
}

/** Every zone and customer type named must exist: a typo would hide the reward from everyone. */
async function checkAudience(input: { zoneIds?: number[]; customerTypeIds?: number[] }) {
  const zoneIds = [...new Set(input.zoneIds ?? [])];
  if (zoneIds.length > 0 && (await Zone.count({ where: { id: zoneIds } })) !== zoneIds.length) {
    throw badRequest('zone_not_found', 'Alguna de las zonas indicadas no existe.');
  }
  const typeIds = [...new Set(input.customerTypeIds ?? [])];
  if (
    typeIds.length > 0 &&
    (await CustomerType.count({ where: { id: typeIds } })) !== typeIds.length
  ) {
    throw badRequest('customer_type_not_found', 'Alguno de los tipos de cliente no existe.');
  }
}

const sortedUnique = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b);

/** Runs a catalog write and its audit in one transaction; a duplicate code becomes 409. */
async function catalogWrite<T>(services: Services, write: (tx: Transaction) => Promise<T>) {
  return services.sequelize.transaction(write).catch((err: unknown) => {
    if (err instanceof UniqueConstraintError) throw codeTaken();
    throw err;
  });
}

export async function createReward(
  services: Services,
  who: Who,
  input: RewardInput,
): Promise<Reward> {
  await checkAudience(input);
  if (await Reward.findOne({ where: { code: input.code } })) throw codeTaken();
  return catalogWrite(services, async (transaction) => {
    const reward = await Reward.create(
      {
        ...input,
        zoneIds: sortedUnique(input.zoneIds),
        customerTypeIds: sortedUnique(input.customerTypeIds),
        createdBy: who.actor.userId,
      },
      { transaction },
    );
    await recordAudit(transaction, who, {
      action: 'reward.created',
      targetType: 'reward',
      targetId: reward.id,
      zoneId: null,
      after: snapshot(reward),
    });
    return reward;
  });
}

export async function updateReward(
  services: Services,
  who: Who,
  id: number,
  changes: RewardChanges,
): Promise<Reward> {
  await checkAudience(changes);
  if (
    changes.code &&
    (await Reward.findOne({ where: { code: changes.code, id: { [Op.ne]: id } } }))
  ) {
    throw codeTaken();
  }
  return catalogWrite(services, async (transaction) => {
    const reward = await Reward.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!reward) throw rewardNotFound();
    const from = changes.availableFrom === undefined ? reward.availableFrom : changes.availableFrom;
    const to = changes.availableTo === undefined ? reward.availableTo : changes.availableTo;
    if (from && to && to < from) {
      throw badRequest('invalid_window', 'La fecha de fin no puede ser anterior a la de inicio.');
    }
    const before = snapshot(reward);
    await reward.update(
      {
        ...changes,
        ...(changes.zoneIds && { zoneIds: sortedUnique(changes.zoneIds) }),
        ...(changes.customerTypeIds && { customerTypeIds: sortedUnique(changes.customerTypeIds) }),
      },
      { transaction },
    );
    await recordAudit(transaction, who, {
      action: 'reward.updated',
      targetType: 'reward',
      targetId: reward.id,
      zoneId: null,
      before,
      after: snapshot(reward),
    });
    return reward;
  });
}

/** Retires a reward (out of the catalog, its redemptions go on) or brings it back. */
export async function setRewardStatus(
  services: Services,
  who: Who,
  id: number,
  status: RewardStatus,
): Promise<Reward> {
  return services.sequelize.transaction(async (transaction) => {
    const reward = await Reward.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!reward) throw rewardNotFound();
    if (reward.status === status) return reward;
    await reward.update({ status }, { transaction });
    await recordAudit(transaction, who, {
      action: status === 'retired' ? 'reward.retired' : 'reward.restored',
      targetType: 'reward',
      targetId: reward.id,
      zoneId: null,
      after: { status },
    });
    return reward;
  });
}

/** Deletes a reward nobody ever redeemed; one with redemptions can only be retired. */
export async function deleteReward(services: Services, who: Who, id: number): Promise<void> {
  await services.sequelize.transaction(async (transaction) => {
    const reward = await Reward.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!reward) throw rewardNotFound();
    if (await Redemption.findOne({ where: { rewardId: id }, transaction })) {
      throw conflict(
        'reward_has_redemptions',
        'El premio ya tiene canjes: no se puede borrar, solo retirar del catálogo.',
      );
    }
    await services.sequelize.query('DELETE FROM reward_images WHERE reward_id = ?', {
      replacements: [id],
      transaction,
    });
    await reward.destroy({ transaction });
    await recordAudit(transaction, who, {
      action: 'reward.deleted',
      targetType: 'reward',
      targetId: id,
      zoneId: null,
      before: snapshot(reward),
    });
  });
}

/** Keeps an uploaded image (checked and resized) and its thumbnail in place of the old ones. */
export async function setRewardImage(
  services: Services,
  who: Who,
  id: number,
  bytes: Buffer,
): Promise<Reward> {
  await findReward(id);
  const prepared = await prepareImage(bytes);
  const { sequelize } = services;
  return sequelize.transaction(async (transaction) => {
    const reward = await Reward.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!reward) throw rewardNotFound();
    // Replaced whole: the reward's row lock keeps two uploads from interleaving here.
    await sequelize.query('DELETE FROM reward_images WHERE reward_id = ?', {
      replacements: [id],
      transaction,
    });
    await sequelize.query(
      `INSERT INTO reward_images
         (reward_id, content_type, image, thumbnail_type, thumbnail, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
      {
        replacements: [
          id,
          prepared.contentType,
          prepared.image,
          prepared.contentType,
          prepared.thumbnail,
          new Date(),
        ],
        transaction,
        type: QueryTypes.INSERT,
      },
    );
    await reward.update({ imageVersion: reward.imageVersion + 1 }, { transaction });
    await recordAudit(transaction, who, {
      action: 'reward.image_changed',
      targetType: 'reward',
      targetId: id,
      zoneId: null,
      after: { bytes: bytes.length, imageVersion: reward.imageVersion },
    });
    return reward;
  });
}

/** A reward's image or thumbnail bytes with their type, or 404 when it has none. */
export async function rewardImage(
  services: Services,
  id: number,
  size: 'image' | 'thumbnail',
): Promise<{ contentType: string; bytes: Buffer }> {
  const columns =
    size === 'image'
      ? 'content_type AS type, image AS bytes'
      : 'thumbnail_type AS type, thumbnail AS bytes';
  const [row] = await services.sequelize.query<{ type: string; bytes: Buffer }>(
    `SELECT ${columns} FROM reward_images WHERE reward_id = ?`,
    { replacements: [id], type: QueryTypes.SELECT },
  );
  if (!row) throw notFound('El premio no tiene imagen.');
  return { contentType: row.type, bytes: row.bytes };
}
