import {
  answerRows,
  claimImport,
  continueApply,
  findImport,
  importRows,
  previewImport,
} from '../../commands/redemptionImports';
import { statusWords } from '../../commands/redemptions';
import { RedemptionImport } from '../../db/models';
import { addHeader, streamWorkbook } from '../../http/download';
import { defineRoute, idParams, pageOf } from '../../http/route';
import type { Actor } from '../../policies/actor';
import { presentImport, presentImportRow } from '../../presenters/redemptionImport';
import { importDetailQuery, importListQuery, uploadQuery } from './schema';

/** An import with its first rows, as the preview and apply answers show it. */
async function importAnswer(
  actor: Actor,
  id: number,
  rows: Parameters<typeof presentImportRow>[0][],
) {
  return { ...presentImport(await findImport(actor, id)), rows: rows.map(presentImportRow) };
}

const resultWords = { ok: 'ok', error: 'error', unchanged: 'sin cambio' } as const;

/** Rows read per query while the result workbook streams. */
const resultChunk = 1000;

/** Spreadsheet uploads that change redemption statuses: template, preview, apply and results. */
export const redemptionImportRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/redemption-imports/template.xlsx',
    access: 'redemptions.manage',
    async handler({ res }) {
      return streamWorkbook(res, 'plantilla-estatus-canjes.xlsx', async (workbook) => {
        const sheet = workbook.addWorksheet('Estatus');
        addHeader(sheet, [
          { header: 'folio', width: 14 },
          { header: 'estado', width: 20 },
          { header: 'paqueteria', width: 20 },
          { header: 'guia', width: 24 },
          { header: 'nota', width: 40 },
        ]);
        sheet.commit();
        const help = workbook.addWorksheet('Estados válidos');
        addHeader(help, [
          { header: 'estado', width: 22 },
          { header: 'código', width: 20 },
        ]);
        for (const [code, word] of Object.entries(statusWords)) help.addRow([word, code]).commit();
        help.commit();
      });
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/redemption-imports',
    access: 'redemptions.manage',
    query: uploadQuery,
    async handler({ req, actor, query, services }) {
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const { upload, rows } = await previewImport(
        services,
        { actor, ip: req.ip ?? null },
        { fileName: query.fileName, bytes },
      );
      return { status: 201, body: await importAnswer(actor, upload.id, rows) };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/redemption-imports',
    access: 'redemptions.manage',
    query: importListQuery,
    async handler({ actor, query }) {
      const found = await RedemptionImport.findAndCountAll({
        include: [
          {
            association: 'creator',
            attributes: ['id', 'name', 'zoneId'],
            ...(actor.role === 'admin' && {
              where: { zoneId: actor.zoneId ?? -1 },
              required: true,
            }),
          },
          { association: 'applier', attributes: ['id', 'name'] },
        ],
        order: [['id', 'desc']],
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      return { body: pageOf(found, query, presentImport) };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/redemption-imports/:id',
    access: 'redemptions.manage',
    params: idParams,
    query: importDetailQuery,
    async handler({ actor, params, query, services }) {
      const upload = await findImport(actor, params.id);
      const rows = await importRows(services, upload.id, {
        offset: (query.page - 1) * query.pageSize,
        limit: query.pageSize,
      });
      return {
        body: {
          ...presentImport(upload),
          rows: rows.map(presentImportRow),
          page: query.page,
          pageSize: query.pageSize,
          total: upload.rowCount,
        },
      };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/redemption-imports/:id/apply',
    access: 'redemptions.manage',
    params: idParams,
    async handler({ req, actor, params, services }) {
      const who = { actor, ip: req.ip ?? null };
      const { inline } = await claimImport(services, who, params.id);
      if (inline) await continueApply(services, who, params.id);
      else {
        // A large file goes on after the answer (202); the screen follows its progress. Should
        // this process stop half-way, another takes it over (resumeStalledImports).
        void continueApply(services, who, params.id).catch((err: unknown) =>
          console.error(`No se pudo terminar de aplicar la carga ${params.id}:`, err),
        );
      }
      const rows = await importRows(services, params.id, { offset: 0, limit: answerRows });
      return { status: inline ? 200 : 202, body: await importAnswer(actor, params.id, rows) };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/redemption-imports/:id/result.xlsx',
    access: 'redemptions.manage',
    params: idParams,
    async handler({ res, actor, params, services }) {
      const upload = await findImport(actor, params.id);
      return streamWorkbook(res, `resultado-carga-${upload.id}.xlsx`, async (workbook) => {
        const sheet = workbook.addWorksheet('Resultado');
        addHeader(sheet, [
          { header: 'fila', width: 8 },
          { header: 'folio', width: 14 },
          { header: 'estado', width: 20 },
          { header: 'paqueteria', width: 20 },
          { header: 'guia', width: 24 },
          { header: 'nota', width: 40 },
          { header: 'resultado', width: 12 },
          { header: 'motivo', width: 60 },
        ]);
        let afterRow = 0;
        for (;;) {
          const rows = await importRows(services, upload.id, {
            offset: 0,
            limit: resultChunk,
            afterRow,
          });
          for (const row of rows) {
            sheet
              .addRow([
                row.row,
                row.folio,
                row.statusText,
                row.carrier,
                row.trackingNumber,
                row.note,
                resultWords[row.result],
                row.reason,
              ])
              .commit();
          }
          const last = rows.at(-1);
          if (!last) break;
          afterRow = last.row;
        }
        sheet.commit();
      });
    },
  }),
];
