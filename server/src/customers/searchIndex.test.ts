import { describe, expect, it } from 'vitest';
import { foldText, nameTokens, searchName, wordPairs } from './searchIndex';

describe('customer name folding', () => {
  it('folds case, accents and ñ, and splits on anything else', () => {
    expect(foldText('  José PÉREZ-Núñez ')).toBe('jose perez nunez');
    expect(foldText("O'Connor Ibáñez")).toBe('o connor ibanez');
  });

  it('indexes each word once and orders by last name first', () => {
    expect(nameTokens('María José', 'Pérez Pérez')).toEqual(['maria', 'jose', 'perez']);
    expect(searchName('José', 'Álvarez Peña')).toBe('alvarez pena jose');
  });
});

describe('name word pairs', () => {
  it('pairs every word with every other, in both orders', () => {
    expect(wordPairs(['jose', 'perez', 'luna'])).toEqual([
      ['jose', 'perez'],
      ['jose', 'luna'],
      ['perez', 'jose'],
      ['perez', 'luna'],
      ['luna', 'jose'],
      ['luna', 'perez'],
    ]);
    expect(wordPairs(['ana'])).toEqual([]);
  });
});
