import CFB from 'cfb';

/**
 * A reader for the first worksheet of a legacy Excel 97–2003 file (BIFF8 in an OLE compound
 * file), for cell text only: strings (shared or inline), numbers, formula results and
 * booleans. Formats, dates and styles are not needed by the imports that read these files.
 * Written here because the one common package that reads .xls carries unfixed advisories for
 * crafted files, and these files come from uploads.
 */

const record = {
  bof: 0x0809,
  eof: 0x000a,
  sst: 0x00fc,
  continue: 0x003c,
  labelSst: 0x00fd,
  label: 0x0204,
  number: 0x0203,
  rk: 0x027e,
  mulRk: 0x00bd,
  formula: 0x0006,
  string: 0x0207,
  boolErr: 0x0205,
} as const;

const worksheetSubstream = 0x0010;

export class NotBiffError extends Error {}

/** Record bodies that a string may run across: a string's characters go on in a CONTINUE. */
class Segments {
  private index = 0;
  private offset = 0;
  constructor(private readonly parts: Buffer[]) {}

  private current(): Buffer {
    for (;;) {
      const part = this.parts[this.index];
      if (!part) throw new NotBiffError('string runs past its records');
      if (this.offset < part.length) return part;
      this.index += 1;
      this.offset = 0;
    }
  }

  u8(): number {
    const part = this.current();
    const value = part.readUInt8(this.offset);
    this.offset += 1;
    return value;
  }

  u16(): number {
    return this.u8() | (this.u8() << 8);
  }

  i32(): number {
    return (this.u16() | (this.u16() << 16)) >> 0;
  }

  skip(bytes: number): void {
    let left = bytes;
    while (left > 0) {
      const part = this.current();
      const step = Math.min(left, part.length - this.offset);
      this.offset += step;
      left -= step;
    }
  }

  /** `count` characters; at a record boundary the next record restates their width. */
  chars(count: number, highByte: boolean): string {
    let text = '';
    let wide = highByte;
    let left = count;
    while (left > 0) {
      let part = this.current();
      if (this.offset === 0 && text !== '') {
        wide = (part.readUInt8(0) & 1) === 1;
        this.offset = 1;
        part = this.current();
      }
      const width = wide ? 2 : 1;
      const take = Math.min(left, Math.floor((part.length - this.offset) / width));
      if (take === 0) throw new NotBiffError('broken string');
      const bytes = part.subarray(this.offset, this.offset + take * width);
      text += wide ? bytes.toString('utf16le') : bytes.toString('latin1');
      this.offset += take * width;
      left -= take;
    }
    return text;
  }

  /** An XLUnicodeRichExtendedString (shared strings) or XLUnicodeString (cch 16-bit). */
  unicodeString(): string {
    const length = this.u16();
    const flags = this.u8();
    const runs = flags & 0x08 ? this.u16() : 0;
    const extended = flags & 0x04 ? this.i32() : 0;
    const text = this.chars(length, (flags & 0x01) === 1);
    this.skip(runs * 4 + extended);
    return text;
  }
}

/** An RK number: a 30-bit integer or the high bits of a double, maybe divided by 100. */
function rkValue(rk: number): number {
  const value =
    rk & 0x02
      ? rk >> 2
      : Buffer.from([0, 0, 0, 0, ...numberBytes(rk & 0xfffffffc)]).readDoubleLE(0);
  return rk & 0x01 ? value / 100 : value;
}

const numberBytes = (value: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value >>> 0);
  return [...bytes];
};

/** Numbers as a person typed them: integers without exponent or decimals. */
export const numberText = (value: number) =>
  Number.isInteger(value) && Math.abs(value) < 1e21 ? value.toFixed(0) : String(value);

interface BiffRecord {
  type: number;
  body: Buffer;
}

function* records(stream: Buffer): Generator<BiffRecord> {
  let offset = 0;
  while (offset + 4 <= stream.length) {
    const type = stream.readUInt16LE(offset);
    const length = stream.readUInt16LE(offset + 2);
    const body = stream.subarray(offset + 4, offset + 4 + length);
    if (body.length < length) throw new NotBiffError('truncated record');
    yield { type, body };
    offset += 4 + length;
  }
}

/** The cells of the first worksheet, row by row (rows numbered from 1, cells from column 0). */
export function readBiffRows(file: Buffer): { number: number; cells: string[] }[] {
  let container: CFB.CFB$Container;
  try {
    container = CFB.read(file, { type: 'buffer' });
  } catch {
    throw new NotBiffError('not a compound file');
  }
  const entry = CFB.find(container, 'Workbook');
  if (!entry?.content) throw new NotBiffError('no BIFF8 workbook stream');
  const stream = Buffer.from(entry.content as Uint8Array);

  const shared: string[] = [];
  const rows = new Map<number, string[]>();
  const put = (row: number, column: number, text: string) => {
    const cells = rows.get(row) ?? [];
    cells[column] = text;
    rows.set(row, cells);
  };
  let sstParts: Buffer[] | null = null;
  let inWorksheet = false;
  /** A formula whose string result comes in the next STRING record. */
  let pendingFormula: { row: number; column: number } | null = null;

  const finishSst = () => {
    if (!sstParts) return;
    const reader = new Segments(sstParts);
    reader.skip(4);
    const unique = reader.i32();
    for (let i = 0; i < unique; i += 1) shared.push(reader.unicodeString());
    sstParts = null;
  };

  for (const { type, body } of records(stream)) {
    if (type === record.continue && sstParts) {
      sstParts.push(body);
      continue;
    }
    finishSst();
    if (type === record.bof) {
      if (body.readUInt16LE(2) === worksheetSubstream) inWorksheet = true;
      continue;
    }
    if (type === record.sst) {
      sstParts = [body];
      continue;
    }
    if (!inWorksheet) continue;
    if (type === record.eof) break;
    const row = body.length >= 4 ? body.readUInt16LE(0) : 0;
    const column = body.length >= 4 ? body.readUInt16LE(2) : 0;
    switch (type) {
      case record.labelSst:
        put(row, column, shared[body.readUInt32LE(6)] ?? '');
        break;
      case record.label:
        put(row, column, new Segments([body.subarray(6)]).unicodeString());
        break;
      case record.number:
        put(row, column, numberText(body.readDoubleLE(6)));
        break;
      case record.rk:
        put(row, column, numberText(rkValue(body.readUInt32LE(6))));
        break;
      case record.mulRk: {
        const last = body.readUInt16LE(body.length - 2);
        for (let c = column; c <= last; c += 1) {
          put(row, c, numberText(rkValue(body.readUInt32LE(4 + (c - column) * 6 + 2))));
        }
        break;
      }
      case record.formula:
        if (body.readUInt16LE(12) !== 0xffff) put(row, column, numberText(body.readDoubleLE(6)));
        else if (body.readUInt8(6) === 0) pendingFormula = { row, column };
        else if (body.readUInt8(6) === 1) put(row, column, body.readUInt8(8) ? 'TRUE' : 'FALSE');
        break;
      case record.string:
        if (pendingFormula) {
          put(pendingFormula.row, pendingFormula.column, new Segments([body]).unicodeString());
          pendingFormula = null;
        }
        break;
      case record.boolErr:
        if (body.readUInt8(7) === 0) put(row, column, body.readUInt8(6) ? 'TRUE' : 'FALSE');
        break;
    }
  }
  if (!inWorksheet) throw new NotBiffError('no worksheet');
  return [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([row, cells]) => ({ number: row + 1, cells: Array.from(cells, (cell) => cell ?? '') }));
}
