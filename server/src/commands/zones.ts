import { UniqueConstraintError } from 'sequelize';
import { Zone } from '../db/models';
import { conflict, notFound } from '../errors';
import type { Services } from '../http/services';
import type { Actor } from '../policies/actor';
import { recordAudit } from './audit';

const snapshot = (zone: Zone) => ({ code: zone.code, name: zone.name });
const codeTaken = () => conflict('zone_code_taken', 'Ya existe una zona con esa clave.');

export async function createZone(
  services: Services,
  actor: Actor,
  ip: string | null,
  input: { code: string; name: string },
): Promise<Zone> {
  if (await Zone.findOne({ where: { code: input.code } })) throw codeTaken();
  return services.sequelize
    .transaction(async (transaction) => {
      const zone = await Zone.create(input, { transaction });
      await recordAudit(
        transaction,
        { actor, ip },
        {
          action: 'zone.created',
          targetType: 'zone',
          targetId: zone.id,
          zoneId: zone.id,
          after: snapshot(zone),
        },
      );
      return zone;
    })
    .catch((err: unknown) => {
      if (err instanceof UniqueConstraintError) throw codeTaken();
      throw err;
    });
}

export async function renameZone(
  services: Services,
  actor: Actor,
  ip: string | null,
  id: number,
  input: { name: string },
): Promise<Zone> {
  const zone = await Zone.findByPk(id);
  if (!zone) throw notFound('La zona no existe.');
  await services.sequelize.transaction(async (transaction) => {
    const before = snapshot(zone);
    await zone.update({ name: input.name }, { transaction });
    await recordAudit(
      transaction,
      { actor, ip },
      {
        action: 'zone.updated',
        targetType: 'zone',
        targetId: zone.id,
        zoneId: zone.id,
        before,
        after: snapshot(zone),
      },
    );
  });
  return zone;
}
