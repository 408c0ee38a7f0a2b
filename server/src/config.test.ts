import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('config', () => {
  it('defaults to SQLite under data/, file mail and the demo set', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({
      dialect: 'sqlite',
      storage: path.resolve('data/lealtad.sqlite'),
    });
    expect(config.mail).toEqual({ transport: 'file', dir: path.resolve('data/mail') });
    expect(config).toMatchObject({
      port: 3000,
      seedDemo: true,
      demoPassword: 'Lealtad2026!',
      cookieSecure: false,
    });
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('uses MySQL when DATABASE_URL says so, and secure cookies in production', () => {
    const config = loadConfig({
      DATABASE_URL: 'mysql://app@db:3306/lealtad',
      NODE_ENV: 'production',
      SEED_DEMO: 'false',
    });
    expect(config.database).toEqual({ dialect: 'mysql', url: 'mysql://app@db:3306/lealtad' });
    expect(config.cookieSecure).toBe(true);
    expect(config.seedDemo).toBe(false);
  });

  it('explains what is wrong, in Spanish', () => {
    expect(() => loadConfig({ PORT: 'ochenta' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x/y' })).toThrow(/mysql:\/\//);
    expect(() => loadConfig({ MAIL_TRANSPORT: 'smtp' })).toThrow(/SMTP_URL es obligatorio/);
    expect(() => loadConfig({ SUPERADMIN_EMAIL: 'a@b.mx' })).toThrow(/van juntos/);
  });
});
