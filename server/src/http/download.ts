import type { Response } from 'express';
import ExcelJS from 'exceljs';
import type { Reply } from './route';

/** Sends bytes as they are, with their type; `cacheable` for addresses that change with content. */
export function sendBytes(
  res: Response,
  file: { contentType: string; bytes: Buffer; cacheable?: boolean },
): Reply {
  res
    .status(200)
    .type(file.contentType)
    .set('Cache-Control', file.cacheable ? 'private, max-age=31536000, immutable' : 'no-cache')
    .end(file.bytes);
  return { sent: true };
}

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Streams a workbook to the response as `write` adds rows (exceljs's streaming writer: each row
 * leaves memory once committed), so a large export never sits whole in memory.
 */
export async function streamWorkbook(
  res: Response,
  fileName: string,
  write: (workbook: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<void>,
): Promise<Reply> {
  res
    .status(200)
    .type(xlsxType)
    .set('Content-Disposition', `attachment; filename="${fileName}"`)
    .set('Cache-Control', 'no-store');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: res,
    useSharedStrings: false,
    useStyles: true,
  });
  await write(workbook);
  await workbook.commit();
  return { sent: true };
}

/** A column of an exported sheet: its header, width, and number format (dates, amounts). */
export interface SheetColumn {
  header: string;
  width: number;
  numFmt?: string;
}

/** The sheet's columns, with the header row in bold. */
export function addHeader(sheet: ExcelJS.Worksheet, columns: SheetColumn[]) {
  sheet.columns = columns.map(({ header, width, numFmt }) => ({
    header,
    width,
    ...(numFmt && { style: { numFmt } }),
  }));
  sheet.getRow(1).font = { bold: true };
}
