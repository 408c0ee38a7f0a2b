import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and refuses others', async () => {
    const stored = await hashPassword('Lealtad2026!');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('Lealtad2026!', stored)).toBe(true);
    expect(await verifyPassword('lealtad2026!', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('misma-clave-1')).not.toBe(await hashPassword('misma-clave-1'));
  });

  it('treats a missing or foreign hash as a wrong password', async () => {
    expect(await verifyPassword('cualquiera', null)).toBe(false);
    expect(await verifyPassword('cualquiera', '$2b$10$abcdefghijklmnopqrstuv')).toBe(false);
  });

  it('accepts the same password typed in another Unicode normal form', async () => {
    const composed = 'Contraseña-2026';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
  });
});
