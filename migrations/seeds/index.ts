import { QueryTypes } from 'sequelize';
import type { SeedContext } from '../types';

/** Every customer needs a type; GENERAL is the one given when none is said. */
async function seedCustomerTypes(sequelize: SeedContext['sequelize']): Promise<void> {
  const [general] = await sequelize.query("SELECT id FROM customer_types WHERE code = 'GENERAL'", {
    type: QueryTypes.SELECT,
  });
  if (general) return;
  const now = new Date();
  await sequelize
    .getQueryInterface()
    .bulkInsert('customer_types', [
      { code: 'GENERAL', name: 'General', created_at: now, updated_at: now },
    ]);
}

/**
 * What production needs before anyone can sign in: the first superadmin, from
 * SUPERADMIN_EMAIL / SUPERADMIN_PASSWORD, created only while no superadmin exists.
 * Returns whether a superadmin exists afterwards.
 */
export async function seedRequired(
  { sequelize, hashPassword, log }: SeedContext,
  bootstrap: { email: string; password: string } | null,
): Promise<boolean> {
  await seedCustomerTypes(sequelize);
  const existing = await sequelize.query<{ id: number }>(
    "SELECT id FROM users WHERE role = 'superadmin' LIMIT 1",
    { type: QueryTypes.SELECT },
  );
  if (existing.length > 0) return true;
  if (!bootstrap) return false;
  const now = new Date();
  await sequelize.getQueryInterface().bulkInsert('users', [
    {
      email: bootstrap.email,
      password_hash: await hashPassword(bootstrap.password),
      name: 'Superadministrador',
      role: 'superadmin',
      zone_id: null,
      locale: 'es',
      status: 'active',
      failed_logins: 0,
      created_at: now,
      updated_at: now,
    },
  ]);
  log(`Superadministrador creado: ${bootstrap.email}`);
  return true;
}
