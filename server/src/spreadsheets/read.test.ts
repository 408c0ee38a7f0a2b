import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spreadsheetRows, spreadsheetTypeOf, type SheetRow } from './read';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures');

async function rowsOf(bytes: Buffer): Promise<SheetRow[]> {
  const type = spreadsheetTypeOf(bytes);
  if (!type) throw new Error('not a spreadsheet');
  const rows: SheetRow[] = [];
  for await (const row of spreadsheetRows(bytes, type)) rows.push(row);
  return rows;
}

describe('spreadsheet type by content', () => {
  it('tells zip, compound file, text and binary apart', () => {
    expect(spreadsheetTypeOf(Buffer.from('PK\u0003\u0004rest'))).toBe('xlsx');
    expect(
      spreadsheetTypeOf(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0])),
    ).toBe('xls');
    expect(spreadsheetTypeOf(Buffer.from('folio,estado\r\n'))).toBe('csv');
    expect(
      spreadsheetTypeOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])),
    ).toBe(null);
  });
});

describe('CSV rows', () => {
  it('reads quoted fields with separators, doubled quotes and line breaks, skipping blank lines', async () => {
    const rows = await rowsOf(
      Buffer.from('folio,nota\r\n"R-1","dice ""hola"", y adiós"\r\n\r\nR-2,"dos\nlíneas"\n'),
    );
    expect(rows).toEqual([
      { number: 1, cells: ['folio', 'nota'] },
      { number: 2, cells: ['R-1', 'dice "hola", y adiós'] },
      { number: 4, cells: ['R-2', 'dos\nlíneas'] },
    ]);
  });

  it('takes the separator Spanish Excel uses, and Windows-1252 text', async () => {
    const latin = Buffer.concat([
      Buffer.from('folio;estado;guía\n'.normalize('NFC'), 'latin1'),
      Buffer.from('R-3;entregado;Ñ1\n', 'latin1'),
    ]);
    expect((await rowsOf(latin)).map((row) => row.cells)).toEqual([
      ['folio', 'estado', 'guía'],
      ['R-3', 'entregado', 'Ñ1'],
    ]);
  });
});

describe('LibreOffice files', () => {
  it.each(['xls', 'xlsx'])(
    'reads the same cells from the .%s as from its CSV source',
    async (type) => {
      const source = await rowsOf(await readFile(path.join(fixtures, 'redemption-status.csv')));
      const sheet = await rowsOf(await readFile(path.join(fixtures, `redemption-status.${type}`)));
      // Spreadsheets leave trailing empty cells out; the CSV has every separator.
      const trimmed = (rows: SheetRow[]) =>
        rows.map(({ number, cells }) => {
          const last = cells.findLastIndex((cell) => cell !== '');
          return { number, cells: cells.slice(0, last + 1) };
        });
      expect(trimmed(sheet)).toEqual(trimmed(source).filter((row) => row.cells.length > 0));
    },
  );
});
