import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Op, QueryTypes, type Transaction } from 'sequelize';
import { foldText } from '../customers/searchIndex';
import { Redemption, RedemptionImport } from '../db/models';
import { redemptionStatuses, type RedemptionStatus } from '../db/models/redemption';
import type { DeliveryMode } from '../db/models/reward';
import { retryOnConflict } from '../db/retry';
import { insertRows } from '../db/rows';
import { AppError, conflict, notFound } from '../errors';
import type { Services } from '../http/services';
import { actorOf, type Actor } from '../policies/actor';
import { scoped } from '../policies/scope';
import { folioFrom } from '../rewards/redemptionFilter';
import { getSettings, type Settings } from '../settings';
import {
  spreadsheetRows,
  spreadsheetTypeOf,
  UnreadableSpreadsheet,
  type SheetRow,
} from '../spreadsheets/read';
import { recordAudit } from './audit';
import {
  announceMove,
  changesNothing,
  moveWithin,
  statusWords,
  transitionProblem,
  type Moved,
} from './redemptions';

type Who = { actor: Actor; ip: string | null };

export type RowResult = 'ok' | 'error' | 'unchanged';

/** A sheet row as read, with its check's result. */
export interface ImportRow {
  row: number;
  folio: string | null;
  statusText: string | null;
  status: RedemptionStatus | null;
  carrier: string | null;
  trackingNumber: string | null;
  note: string | null;
  result: RowResult;
  reason: string | null;
  redemptionId: number | null;
}

type Column = 'folio' | 'status' | 'carrier' | 'trackingNumber' | 'note';

/** Header names (folded: lower case, no accents) and the column each one means. */
const headerNames: Record<string, Column> = {
  folio: 'folio',
  estado: 'status',
  estatus: 'status',
  status: 'status',
  paqueteria: 'carrier',
  carrier: 'carrier',
  guia: 'trackingNumber',
  'numero de guia': 'trackingNumber',
  tracking: 'trackingNumber',
  nota: 'note',
  note: 'note',
};
const requiredColumns: { column: Column; header: string }[] = [
  { column: 'folio', header: 'folio' },
  { column: 'status', header: 'estado' },
];

/** Status cells: the Spanish words or the API codes, folded. */
const statusByWord = new Map<string, RedemptionStatus>(
  redemptionStatuses.flatMap((status) => [
    [foldText(statusWords[status]), status],
    [foldText(status), status],
  ]),
);

const limits = { carrier: 80, trackingNumber: 80, note: 255, folio: 64, statusText: 64 };

/** Rows checked against the database per query while a file is read. */
const chunkSize = 500;
/** Rows moved per transaction while an import applies. */
const applyChunkSize = 100;
/** Rows a preview or apply answer carries; all are kept and page through the detail. */
export const answerRows = 500;

export const importDir = (services: Services) =>
  path.join(services.config.dataDir, 'redemption-imports');

const notSpreadsheet = () =>
  new AppError(
    415,
    'not_a_spreadsheet',
    'El archivo no es una hoja de cálculo: sube un archivo .xlsx, .xls o .csv.',
  );
const emptyFile = () =>
  new AppError(422, 'empty_file', 'El archivo no tiene filas con datos debajo de los encabezados.');

/** Which cell holds which column, from the header row; 422 naming the required ones missing. */
function columnsOf(header: SheetRow): Partial<Record<Column, number>> {
  const columns: Partial<Record<Column, number>> = {};
  header.cells.forEach((cell, index) => {
    const column = headerNames[foldText(cell)];
    if (column && columns[column] === undefined) columns[column] = index;
  });
  const missing = requiredColumns.filter(({ column }) => columns[column] === undefined);
  if (missing.length > 0) {
    throw new AppError(
      422,
      'wrong_headers',
      `Faltan columnas en la primera fila: ${missing.map((m) => m.header).join(', ')}. Las columnas son folio, estado, paqueteria, guia y nota.`,
    );
  }
  return columns;
}

/** A row as read from its cells, before it is checked against the redemption it names. */
function readRow(row: SheetRow, columns: Partial<Record<Column, number>>): ImportRow {
  const cell = (column: Column) => {
    const index = columns[column];
    const text = index === undefined ? '' : (row.cells[index] ?? '').trim();
    return text === '' ? null : text;
  };
  const statusText = cell('status');
  return {
    row: row.number,
    folio: cell('folio'),
    statusText,
    status: statusText === null ? null : (statusByWord.get(foldText(statusText)) ?? null),
    carrier: cell('carrier'),
    trackingNumber: cell('trackingNumber'),
    note: cell('note'),
    result: 'ok',
    reason: null,
    redemptionId: null,
  };
}

/** What is wrong with a row on its own (no database needed), or null. */
function rowProblem(row: ImportRow): string | null {
  if (!row.folio) return 'Falta el folio.';
  if (!folioFrom(row.folio)) return `"${row.folio.slice(0, 40)}" no es un folio (ej. R-000123).`;
  if (!row.statusText) return 'Falta el estado.';
  if (!row.status) {
    return `Estado desconocido: "${row.statusText.slice(0, 40)}". Usa solicitado, aprobado, enviado, listo para recoger, entregado, rechazado o cancelado.`;
  }
  if ((row.carrier?.length ?? 0) > limits.carrier) return 'La paquetería pasa de 80 caracteres.';
  if ((row.trackingNumber?.length ?? 0) > limits.trackingNumber) {
    return 'La guía pasa de 80 caracteres.';
  }
  if ((row.note?.length ?? 0) > limits.note) return 'La nota pasa de 255 caracteres.';
  return null;
}

const withResult = (row: ImportRow, result: RowResult, reason: string | null = null) => {
  row.result = result;
  row.reason = reason;
};

/**
 * Checks a chunk of rows against the redemptions they name (only those the actor may see):
 * unknown folios, repeated folios, transitions the redemption cannot make, and rows that would
 * change nothing. Sets each row's result.
 */
async function checkRows(
  actor: Actor,
  rows: ImportRow[],
  seen: Map<string, number>,
  transaction: Transaction,
): Promise<void> {
  const folios = new Map<ImportRow, string>();
  for (const row of rows) {
    const problem = rowProblem(row);
    if (problem) {
      withResult(row, 'error', problem);
      continue;
    }
    const folio = folioFrom(row.folio ?? '') ?? '';
    const earlier = seen.get(folio);
    if (earlier !== undefined) {
      withResult(row, 'error', `El folio ${folio} ya viene en la fila ${earlier}.`);
      continue;
    }
    seen.set(folio, row.row);
    folios.set(row, folio);
  }
  if (folios.size === 0) return;
  const found = await Redemption.findAll({
    where: { folio: [...folios.values()] },
    include: [
      { association: 'customer', attributes: [], where: scoped(actor, {}), required: true },
      { association: 'reward', attributes: ['deliveryMode'] },
    ],
    transaction,
  });
  const byFolio = new Map(found.map((redemption) => [redemption.folio, redemption]));
  for (const [row, folio] of folios) {
    row.folio = folio;
    const redemption = byFolio.get(folio);
    if (!redemption) {
      withResult(row, 'error', `No hay un canje con el folio ${folio} (o no es de tu zona).`);
      continue;
    }
    row.redemptionId = redemption.id;
    checkAgainst(row, redemption, redemption.reward?.deliveryMode ?? 'shipping');
  }
}

/** A readable row's result against the redemption's current state. */
function checkAgainst(row: ImportRow, redemption: Redemption, mode: DeliveryMode): void {
  const status = row.status ?? redemption.status;
  const change = {
    status,
    note: row.note,
    carrier: row.carrier,
    trackingNumber: row.trackingNumber,
  };
  if (changesNothing(redemption, change)) {
    withResult(row, 'unchanged', `Ya está ${statusWords[status]}.`);
    return;
  }
  const problem =
    redemption.status === status ? null : transitionProblem(redemption.status, status, mode);
  withResult(row, problem ? 'error' : 'ok', problem);
}

const rowColumns = [
  'import_id',
  'sheet_row',
  'folio',
  'status_text',
  'status',
  'carrier',
  'tracking_number',
  'note',
  'result',
  'reason',
  'redemption_id',
];

const cut = (text: string | null, max: number) => (text === null ? null : text.slice(0, max));

const rowValues = (importId: number, row: ImportRow) => [
  importId,
  row.row,
  cut(row.folio, limits.folio),
  cut(row.statusText, limits.statusText),
  row.status,
  cut(row.carrier, limits.carrier),
  cut(row.trackingNumber, limits.trackingNumber),
  cut(row.note, limits.note),
  row.result,
  cut(row.reason, 255),
  row.redemptionId,
];

export interface ImportSummary {
  upload: RedemptionImport;
  /** The first rows, for the answer; the rest are kept and page through the detail. */
  rows: ImportRow[];
}

/** Pulls the header and the first data row, so a wrong or empty file is refused before any write. */
async function openSheet(bytes: Buffer) {
  const type = spreadsheetTypeOf(bytes);
  if (!type) throw notSpreadsheet();
  const rows = spreadsheetRows(bytes, type);
  const next = async () => {
    try {
      for (;;) {
        const { value, done } = await rows.next();
        if (done) return null;
        if (value.cells.some((cell) => cell.trim() !== '')) return value;
      }
    } catch (err) {
      if (err instanceof UnreadableSpreadsheet) throw notSpreadsheet();
      throw err;
    }
  };
  const header = await next();
  if (!header) throw emptyFile();
  const columns = columnsOf(header);
  const first = await next();
  if (!first) throw emptyFile();
  return { type, columns, first, next };
}

/**
 * Reads an uploaded status spreadsheet and records what applying it would do, row by row,
 * changing no redemption. The file is kept under the data folder; the rows and their results
 * in the database. Rows are read and checked in chunks, so a large file streams through.
 */
export async function previewImport(
  services: Services,
  who: Who,
  input: { fileName: string; bytes: Buffer },
): Promise<ImportSummary> {
  if (input.bytes.length === 0) throw emptyFile();
  const sheet = await openSheet(input.bytes);
  const storedAs = `${randomUUID()}.${sheet.type}`;
  const dir = importDir(services);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, storedAs), input.bytes);
  try {
    return await services.sequelize.transaction(async (transaction) => {
      const upload = await RedemptionImport.create(
        {
          fileName: input.fileName,
          fileType: sheet.type,
          fileSize: input.bytes.length,
          storedAs,
          status: 'previewed',
          rowCount: 0,
          okCount: 0,
          errorCount: 0,
          unchangedCount: 0,
          createdBy: who.actor.userId,
          appliedBy: null,
          appliedAt: null,
        },
        { transaction },
      );
      const seen = new Map<string, number>();
      const counts: Record<RowResult, number> = { ok: 0, error: 0, unchanged: 0 };
      const firstRows: ImportRow[] = [];
      let chunk: ImportRow[] = [];
      const flush = async () => {
        await checkRows(who.actor, chunk, seen, transaction);
        for (const row of chunk) counts[row.result] += 1;
        if (firstRows.length < answerRows) {
          firstRows.push(...chunk.slice(0, answerRows - firstRows.length));
        }
        await insertRows(
          services.sequelize,
          'redemption_import_rows',
          rowColumns,
          chunk.map((row) => rowValues(upload.id, row)),
          transaction,
        );
        chunk = [];
      };
      for (let row: SheetRow | null = sheet.first; row; row = await sheet.next()) {
        chunk.push(readRow(row, sheet.columns));
        if (chunk.length === chunkSize) await flush();
      }
      if (chunk.length > 0) await flush();
      await upload.update(
        {
          rowCount: counts.ok + counts.error + counts.unchanged,
          okCount: counts.ok,
          errorCount: counts.error,
          unchangedCount: counts.unchanged,
        },
        { transaction },
      );
      await recordAudit(transaction, who, {
        action: 'redemption_import.previewed',
        targetType: 'redemption_import',
        targetId: upload.id,
        zoneId: who.actor.zoneId,
        after: { fileName: input.fileName, fileType: sheet.type, ...counts },
      });
      return { upload, rows: firstRows };
    });
  } catch (err) {
    await rm(path.join(dir, storedAs), { force: true });
    throw err;
  }
}

interface StoredRow {
  id: number | string;
  sheet_row: number;
  folio: string | null;
  status_text: string | null;
  status: RedemptionStatus | null;
  carrier: string | null;
  tracking_number: string | null;
  note: string | null;
  result: RowResult;
  reason: string | null;
  redemption_id: number | string | null;
}

const fromStored = (row: StoredRow): ImportRow => ({
  row: row.sheet_row,
  folio: row.folio,
  statusText: row.status_text,
  status: row.status,
  carrier: row.carrier,
  trackingNumber: row.tracking_number,
  note: row.note,
  result: row.result,
  reason: row.reason,
  redemptionId: row.redemption_id === null ? null : Number(row.redemption_id),
});

/** One page of an import's kept rows, in sheet order. */
export async function importRows(
  services: Services,
  importId: number,
  page: { offset: number; limit: number; afterRow?: number; onlyOk?: boolean },
): Promise<(ImportRow & { id: number })[]> {
  const rows = await services.sequelize.query<StoredRow>(
    `SELECT id, sheet_row, folio, status_text, status, carrier, tracking_number, note, result,
            reason, redemption_id
       FROM redemption_import_rows
      WHERE import_id = ? AND sheet_row > ?${page.onlyOk ? " AND result = 'ok'" : ''}
      ORDER BY sheet_row LIMIT ? OFFSET ?`,
    {
      replacements: [importId, page.afterRow ?? 0, page.limit, page.offset],
      type: QueryTypes.SELECT,
    },
  );
  return rows.map((row) => ({ ...fromStored(row), id: Number(row.id) }));
}

/** An import the actor may see: staff see their own zone's uploads (admins) or all. */
export async function findImport(actor: Actor, id: number): Promise<RedemptionImport> {
  const upload = await RedemptionImport.findByPk(id, {
    include: [
      { association: 'creator', attributes: ['id', 'name', 'zoneId'] },
      { association: 'applier', attributes: ['id', 'name'] },
    ],
  });
  const zoneOfCreator = upload?.creator?.zoneId ?? null;
  if (!upload || (actor.role === 'admin' && zoneOfCreator !== actor.zoneId)) {
    throw notFound('La carga no existe.');
  }
  return upload;
}

/** Files with more rows to apply than this are applied in the background; smaller ones at once. */
export const inlineApplyRows = 500;

/**
 * Claims a previewed import for applying with a conditional UPDATE, so of two applies only one
 * runs. Answers whether its rows are few enough to apply within the request.
 */
export async function claimImport(
  services: Services,
  who: Who,
  importId: number,
): Promise<{ inline: boolean }> {
  const upload = await findImport(who.actor, importId);
  const now = new Date();
  const claimed = await services.sequelize.query(
    `UPDATE redemption_imports SET status = 'applying', applied_by = ?, applied_at = ?, updated_at = ?
      WHERE id = ? AND status = 'previewed'`,
    { replacements: [who.actor.userId, now, now, importId], type: QueryTypes.BULKUPDATE },
  );
  if (claimed === 0) {
    throw conflict(
      'import_already_applied',
      upload.status === 'applying'
        ? 'Esta carga ya se está aplicando.'
        : 'Esta carga ya se aplicó; súbela de nuevo si hace falta.',
    );
  }
  return { inline: upload.okCount <= inlineApplyRows };
}

/**
 * Applies the ok rows of a claimed import, from where it got to. Each row is checked again
 * against the redemption as it is now (a row that became invalid is reported as an error, one
 * already done as unchanged); a refused row writes nothing and the others go on. Each chunk's
 * commit records how far the apply got; at the end the import is applied, with its counts.
 */
export async function continueApply(
  services: Services,
  who: Who,
  importId: number,
): Promise<RedemptionImport> {
  const { sequelize } = services;
  const settings = await getSettings(sequelize);
  const started = await RedemptionImport.findByPk(importId);
  if (!started) throw notFound('La carga no existe.');
  let afterRow = started.appliedThroughRow;
  for (;;) {
    const rows = await importRows(services, importId, {
      offset: 0,
      limit: applyChunkSize,
      afterRow,
      onlyOk: true,
    });
    const last = rows.at(-1);
    if (!last) break;
    await applyChunk(services, who, importId, rows, settings);
    afterRow = last.row;
  }
  return sequelize.transaction(async (transaction) => {
    const counts = await sequelize.query<{ result: RowResult; n: number | string }>(
      'SELECT result, COUNT(*) AS n FROM redemption_import_rows WHERE import_id = ? GROUP BY result',
      { replacements: [importId], type: QueryTypes.SELECT, transaction },
    );
    const count = (result: RowResult) => Number(counts.find((c) => c.result === result)?.n ?? 0);
    const upload = await RedemptionImport.findByPk(importId, { transaction });
    if (!upload) throw notFound('La carga no existe.');
    await upload.update(
      {
        status: 'applied',
        okCount: count('ok'),
        errorCount: count('error'),
        unchangedCount: count('unchanged'),
      },
      { transaction },
    );
    await recordAudit(transaction, who, {
      action: 'redemption_import.applied',
      targetType: 'redemption_import',
      targetId: importId,
      zoneId: who.actor.zoneId,
      after: { ok: upload.okCount, error: upload.errorCount, unchanged: upload.unchangedCount },
    });
    return upload;
  });
}

/** How long an apply may go without committing a chunk before another process takes it over. */
export const applyLeaseMs = 2 * 60_000;

/**
 * Goes on with the applies that stopped half-way (the process applying them restarted or
 * died): those with no chunk committed for a while. Taken over with a conditional UPDATE, so of
 * several processes only one goes on with each. Runs as the person who applied it.
 */
export async function resumeStalledImports(
  services: Services,
  now = new Date(),
): Promise<number[]> {
  const stale = new Date(now.getTime() - applyLeaseMs);
  const stalled = await RedemptionImport.findAll({
    where: { status: 'applying', updatedAt: { [Op.lt]: stale } },
    include: [{ association: 'applier', attributes: ['id', 'role', 'zoneId'] }],
  });
  const resumed: number[] = [];
  for (const upload of stalled) {
    const applier = upload.applier;
    if (!applier) continue;
    const taken = await services.sequelize.query(
      `UPDATE redemption_imports SET updated_at = ?
        WHERE id = ? AND status = 'applying' AND updated_at < ?`,
      { replacements: [now, upload.id, stale], type: QueryTypes.BULKUPDATE },
    );
    if (taken === 0) continue;
    const actor = actorOf({ id: applier.id, role: applier.role, zoneId: applier.zoneId });
    await continueApply(services, { actor, ip: null }, upload.id);
    resumed.push(upload.id);
  }
  return resumed;
}

/**
 * Moves the redemptions of a chunk of rows in one transaction (one commit per chunk, not per
 * row), recording each row's outcome with it; the screens hear of the moves after the commit.
 */
async function applyChunk(
  services: Services,
  who: Who,
  importId: number,
  rows: (ImportRow & { id: number })[],
  settings: Settings,
): Promise<void> {
  const { sequelize } = services;
  const moves = await retryOnConflict(() =>
    sequelize.transaction(async (transaction) => {
      const done: Moved[] = [];
      for (const row of rows) {
        const outcome = await applyRow(services, who, importId, row, settings, transaction);
        if (outcome.moved?.changed) done.push(outcome.moved);
        if (outcome.result !== 'ok') {
          await sequelize.query(
            'UPDATE redemption_import_rows SET result = ?, reason = ? WHERE id = ?',
            { replacements: [outcome.result, outcome.reason, row.id], transaction },
          );
        }
      }
      // How far the apply got, committed with the rows: a resumed apply starts after them.
      await sequelize.query(
        `UPDATE redemption_imports
            SET applied_through_row = ?, applied_rows = applied_rows + ?, updated_at = ?
          WHERE id = ?`,
        { replacements: [rows.at(-1)?.row ?? 0, rows.length, new Date(), importId], transaction },
      );
      return done;
    }),
  );
  for (const moved of moves) announceMove(services, moved);
}

/** Moves one row's redemption, answering how it went instead of throwing. */
async function applyRow(
  services: Services,
  who: Who,
  importId: number,
  row: ImportRow,
  settings: Settings,
  transaction: Transaction,
): Promise<{ result: RowResult; reason: string | null; moved?: Moved }> {
  if (row.redemptionId === null || row.status === null) {
    return { result: 'error', reason: 'La fila no nombra un canje.' };
  }
  try {
    const moved = await moveWithin(
      services,
      who,
      row.redemptionId,
      {
        status: row.status,
        note: row.note,
        carrier: row.carrier,
        trackingNumber: row.trackingNumber,
      },
      { importId, audited: false, settings },
      transaction,
    );
    return moved.changed
      ? { result: 'ok', reason: null, moved }
      : { result: 'unchanged', reason: `Ya está ${statusWords[row.status]}.` };
  } catch (err) {
    if (err instanceof AppError) return { result: 'error', reason: err.message };
    throw err;
  }
}
