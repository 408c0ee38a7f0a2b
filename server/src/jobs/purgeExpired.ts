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

/** Runs `purgeExpired` every hour in this process; returns the function that stops it. */
export function schedulePurge(log: (line: string) => void): () => void {
  const timer = setInterval(() => {
    purgeExpired().catch((err: unknown) =>
      log(`No se pudieron borrar las sesiones vencidas: ${String(err)}`),
    );
  }, 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
