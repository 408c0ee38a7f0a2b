import { ApiKey } from '../db/models';
import { notFound } from '../errors';
import type { Services } from '../http/services';
import { generateApiKey } from '../integrations/apiKeys';
import type { Actor } from '../policies/actor';
import type { ApiScope } from '../policies/permissions';
import { recordAudit } from './audit';

const snapshot = (key: ApiKey) => ({
  name: key.name,
  prefix: key.prefix,
  scopes: key.scopes,
  revokedAt: key.revokedAt,
});

/** Creates a key and returns it with its secret, which is never shown again. */
export async function createApiKey(
  services: Services,
  actor: Actor,
  ip: string | null,
  input: { name: string; scopes: ApiScope[] },
): Promise<{ apiKey: ApiKey; key: string }> {
  const { key, prefix, hash } = generateApiKey();
  const apiKey = await services.sequelize.transaction(async (transaction) => {
    const created = await ApiKey.create(
      {
        name: input.name,
        prefix,
        keyHash: hash,
        scopes: [...new Set(input.scopes)],
        createdBy: actor.userId,
        lastUsedAt: null,
        revokedAt: null,
      },
      { transaction },
    );
    await recordAudit(
      transaction,
      { actor, ip },
      {
        action: 'api_key.created',
        targetType: 'api_key',
        targetId: created.id,
        zoneId: null,
        after: snapshot(created),
      },
    );
    return created;
  });
  return { apiKey, key };
}

export async function revokeApiKey(
  services: Services,
  actor: Actor,
  ip: string | null,
  id: number,
): Promise<ApiKey> {
  const apiKey = await ApiKey.findByPk(id);
  if (!apiKey) throw notFound('La clave de API no existe.');
  if (apiKey.revokedAt) return apiKey;
  await services.sequelize.transaction(async (transaction) => {
    const before = snapshot(apiKey);
    await apiKey.update({ revokedAt: new Date() }, { transaction });
    await recordAudit(
      transaction,
      { actor, ip },
      {
        action: 'api_key.revoked',
        targetType: 'api_key',
        targetId: apiKey.id,
        zoneId: null,
        before,
        after: snapshot(apiKey),
      },
    );
  });
  services.apiKeys.forget();
  return apiKey;
}
