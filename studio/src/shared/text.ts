/**
 * "Ciudad  Juárez" → "ciudad juarez": texts compared as people read them, without accents,
 * case or extra spaces.
 */
export const foldText = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
