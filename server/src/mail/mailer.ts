import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/**
 * `smtp` sends through SMTP_URL; `file` writes each message as an .eml file under
 * DATA_DIR/mail/ (demo and tests read links from there).
 */
export function createMailer(config: Config): Mailer {
  const from = config.mailFrom;
  if (config.mail.transport === 'smtp') {
    const transport = nodemailer.createTransport(config.mail.url);
    return {
      async send(message) {
        await transport.sendMail({ from, ...message });
      },
    };
  }
  const dir = config.mail.dir;
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });
  return {
    async send(message) {
      const info = await transport.sendMail({ from, ...message });
      await mkdir(dir, { recursive: true });
      const safeTo = message.to.replace(/[^a-zA-Z0-9@._-]/g, '_');
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${safeTo}-${randomBytes(3).toString('hex')}.eml`;
      await writeFile(path.join(dir, name), info.message as Buffer);
    },
  };
}
