import type { ImportRow } from '../commands/redemptionImports';
import type { RedemptionImport } from '../db/models';

/** An uploaded status file with its counts; expects `creator` and `applier` loaded when wanted. */
export const presentImport = (upload: RedemptionImport) => ({
  id: upload.id,
  fileName: upload.fileName,
  fileType: upload.fileType,
  fileSize: upload.fileSize,
  status: upload.status,
  counts: { ok: upload.okCount, error: upload.errorCount, unchanged: upload.unchangedCount },
  /** While it applies in the background: rows done of the rows to apply. */
  progress:
    upload.status === 'applying' ? { done: upload.appliedRows, total: upload.okCount } : null,
  rowCount: upload.rowCount,
  createdBy: upload.creator ? { id: upload.creator.id, name: upload.creator.name } : null,
  appliedBy: upload.applier ? { id: upload.applier.id, name: upload.applier.name } : null,
  appliedAt: upload.appliedAt?.toISOString() ?? null,
  createdAt: upload.createdAt.toISOString(),
});

/** One row of a file and what it did (or would do). */
export const presentImportRow = (row: ImportRow) => ({
  row: row.row,
  folio: row.folio,
  status: row.status,
  statusText: row.statusText,
  carrier: row.carrier,
  trackingNumber: row.trackingNumber,
  note: row.note,
  result: row.result,
  ...(row.reason !== null && { reason: row.reason }),
});
