import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { SpreadsheetType } from '../db/models/redemptionImport';
import { numberText, readBiffRows } from './biff';

/** A sheet row: its number in the sheet (from 1) and its cells as text, from column A. */
export interface SheetRow {
  number: number;
  cells: string[];
}

const zipSignature = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const compoundFileSignature = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Control characters other than tab and line breaks mark a binary file, not text. */
const binaryByte = (byte: number) =>
  byte === 0 || (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d);

/** What a file is, told by its bytes: an .xlsx (zip), a legacy .xls (compound file) or CSV text. */
export function spreadsheetTypeOf(bytes: Buffer): SpreadsheetType | null {
  if (bytes.subarray(0, 4).equals(zipSignature)) return 'xlsx';
  if (bytes.subarray(0, 8).equals(compoundFileSignature)) return 'xls';
  return bytes.subarray(0, 65_536).some(binaryByte) ? null : 'csv';
}

/** A file that claimed a spreadsheet type but could not be read as one. */
export class UnreadableSpreadsheet extends Error {}

/** An exceljs cell value as the text a person sees in it. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('error' in value) return '';
  return '';
}

/**
 * The first worksheet of an .xlsx, streamed: exceljs's streaming reader parses the sheet as it
 * goes, so a sheet of 100,000 rows is never held whole in memory.
 */
async function* xlsxRows(bytes: Buffer): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  let sawSheet = false;
  try {
    for await (const worksheet of reader) {
      sawSheet = true;
      for await (const row of worksheet) {
        const values = Array.isArray(row.values) ? row.values.slice(1) : [];
        yield { number: row.number, cells: Array.from(values, (value) => cellText(value)) };
      }
      break;
    }
  } catch (err) {
    throw new UnreadableSpreadsheet(err instanceof Error ? err.message : String(err));
  }
  if (!sawSheet) throw new UnreadableSpreadsheet('no worksheet');
}

/** CSV text: UTF-8 (with or without BOM), or Windows-1252 as older Excel versions save it. */
function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** The separator the header line uses most: comma, semicolon (Spanish Excel) or tab. */
function separatorOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((separator) => ({
    separator,
    count: firstLine.split(separator).length,
  }));
  return counts.reduce((best, next) => (next.count > best.count ? next : best)).separator;
}

/** CSV rows (RFC 4180: quoted fields may hold separators, quotes doubled and line breaks). */
function* csvRows(bytes: Buffer): Generator<SheetRow> {
  const text = decodeText(bytes);
  const separator = separatorOf(text);
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let number = 1;
  let rowHasContent = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
      continue;
    }
    if (char === '"' && field === '') {
      quoted = true;
      rowHasContent = true;
    } else if (char === separator) {
      cells.push(field);
      field = '';
      rowHasContent = true;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      cells.push(field);
      if (rowHasContent || field !== '') yield { number, cells };
      number += 1;
      cells = [];
      field = '';
      rowHasContent = false;
    } else field += char;
  }
  cells.push(field);
  if (rowHasContent || field !== '') yield { number, cells };
}

/** The rows of a spreadsheet's first sheet, whatever its type. */
export async function* spreadsheetRows(
  bytes: Buffer,
  type: SpreadsheetType,
): AsyncGenerator<SheetRow> {
  if (type === 'xlsx') yield* xlsxRows(bytes);
  else if (type === 'csv') yield* csvRows(bytes);
  else {
    try {
      yield* readBiffRows(bytes);
    } catch (err) {
      throw new UnreadableSpreadsheet(err instanceof Error ? err.message : String(err));
    }
  }
}
