import { Op } from 'sequelize';
import { PasswordToken, Session } from '../db/models';

/** Deletes sessions past their expiry and password links a day past theirs (kept a day for support). */
export async function purgeExpired(
  now = new Date(),
): Promise<{ sessions: number; tokens: number }> {
  const sessions = await Session.destroy({ where: { expiresAt: { [Op.lte]: now } } });
  const tokens = await PasswordToken.destroy({
    where: { expiresAt: { [Op.lte]: new Date(now.getTime() - 24 * 3_600_000) } },
  });
  return { sessions, tokens };
}
