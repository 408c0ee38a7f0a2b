import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** Decodes the quoted-printable text nodemailer writes (soft breaks and =XX escapes). */
function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** Waits for the newest .eml addressed to `to` under `<dataDir>/mail` and returns it decoded. */
export async function waitForMail(
  dataDir: string,
  to: string,
  after = 0,
  timeoutMs = 5_000,
): Promise<string> {
  const dir = path.join(dataDir, 'mail');
  const deadline = Date.now() + timeoutMs;
  const safeTo = to.replace(/[^a-zA-Z0-9@._-]/g, '_');
  for (;;) {
    const names = await readdir(dir).catch(() => [] as string[]);
    const matching = names.filter((name) => name.includes(`-${safeTo}-`)).sort();
    if (matching.length > after) {
      return decodeQuotedPrintable(
        await readFile(path.join(dir, matching.at(-1) as string), 'utf8'),
      );
    }
    if (Date.now() > deadline) throw new Error(`No mail for ${to} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** How many mails `to` has received so far (to wait for the next one). */
export async function mailCount(dataDir: string, to: string): Promise<number> {
  const names = await readdir(path.join(dataDir, 'mail')).catch(() => [] as string[]);
  return names.filter((name) => name.includes(`-${to.replace(/[^a-zA-Z0-9@._-]/g, '_')}-`)).length;
}

export function passwordLink(mail: string): { url: URL; token: string } {
  const match = /https?:\/\/\S+\/reset\?token=[A-Za-z0-9_%-]+/.exec(mail);
  if (!match) throw new Error(`No password link in mail:\n${mail}`);
  const url = new URL(match[0]);
  return { url, token: url.searchParams.get('token') ?? '' };
}
