import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyLeaseMs,
  claimImport,
  importDir,
  inlineApplyRows,
  resumeStalledImports,
} from '@lealtad/server/commands/redemptionImports';
import { redeem } from '@lealtad/server/commands/redemptions';
import { Redemption } from '@lealtad/server/db/models/index';
import {
  countRows,
  createPlatform,
  demo,
  signIn,
  type Platform,
  type SignedIn,
} from '../helpers/platform';
import {
  actorFor,
  balanceOf,
  binary,
  demoCustomerId,
  givePoints,
  makeReward,
  post,
  workbookRows,
} from '../helpers/rewards';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const fixture = (name: string) => readFile(path.join(fixtures, name));

const upload = (who: SignedIn, bytes: Buffer, fileName: string) =>
  who.agent
    .post('/api/redemption-imports')
    .query({ fileName })
    .set('X-CSRF-Token', who.csrf)
    .set('Content-Type', 'application/octet-stream')
    .send(bytes);

interface Row {
  row: number;
  folio: string | null;
  result: string;
  reason?: string;
}

/** What the fixture's rows do to the redemptions `prepare` makes, on first upload. */
const firstResults: Pick<Row, 'row' | 'folio' | 'result'>[] = [
  { row: 2, folio: 'R-000001', result: 'ok' },
  { row: 3, folio: 'R-000002', result: 'ok' },
  { row: 4, folio: 'R-000003', result: 'ok' },
  { row: 5, folio: 'R-000004', result: 'error' },
  { row: 6, folio: 'R-000005', result: 'unchanged' },
  { row: 8, folio: 'R-999999', result: 'error' },
  { row: 9, folio: 'XYZ', result: 'error' },
  { row: 10, folio: 'R-000001', result: 'error' },
  { row: 11, folio: 'R-000006', result: 'error' },
  { row: 12, folio: 'R-000007', result: 'error' },
  { row: 13, folio: 'R-000008', result: 'ok' },
];

const reasons: Record<number, string> = {
  5: 'Un canje solicitado no puede pasar a entregado.',
  6: 'Ya está solicitado.',
  8: 'No hay un canje con el folio R-999999 (o no es de tu zona).',
  9: '"XYZ" no es un folio (ej. R-000123).',
  10: 'El folio R-000001 ya viene en la fila 2.',
  11: 'Estado desconocido: "perdido". Usa solicitado, aprobado, enviado, listo para recoger, entregado, rechazado o cancelado.',
  12: 'Un canje solicitado no puede pasar a listo para recoger.',
};

/**
 * A platform with the eight redemptions the status fixture names (folios R-000001 to R-000008,
 * all of demo customer 1): 1, 4, 5, 6 and 8 requested and shipped by mail, 2 approved and shipped
 * by mail, 3 approved and digital, 7 requested and picked up in store.
 */
async function prepare() {
  const platform = await createPlatform();
  const callcenter = await signIn(platform, demo.callcenter);
  const customer = await signIn(platform, demo.customer(1));
  const customerId = await demoCustomerId(1);
  const shipping = await makeReward(platform, { pointsCost: 10, stock: 20 });
  const digital = await makeReward(platform, { pointsCost: 10, deliveryMode: 'digital' });
  const pickup = await makeReward(platform, { pointsCost: 10, deliveryMode: 'pickup' });
  await givePoints(platform, customerId, 80);
  const plan = [shipping, shipping, digital, shipping, shipping, shipping, pickup, shipping];
  for (const [index, reward] of plan.entries()) {
    const res = await post(customer, '/api/me/redemptions', { rewardId: reward.id });
    expect(res.body.folio).toBe(`R-00000${index + 1}`);
  }
  for (const id of [2, 3]) {
    await post(callcenter, `/api/redemptions/${id}/status`, { status: 'approved' });
  }
  return { platform, callcenter, customerId, shipping };
}

const statusOf = async (folio: string) => (await Redemption.findOne({ where: { folio } }))?.status;

describe.each(['xlsx', 'xls', 'csv'])('a LibreOffice .%s status file', (type) => {
  let platform: Platform;
  let callcenter: SignedIn;
  let customerId: number;
  let bytes: Buffer;

  beforeAll(async () => {
    ({ platform, callcenter, customerId } = await prepare());
    bytes = await fixture(`redemption-status.${type}`);
  });
  afterAll(() => platform.close());

  it('previews each row as ok, error with its reason, or unchanged, and changes nothing', async () => {
    const events = await countRows(platform, 'redemption_events');
    const res = await upload(callcenter, bytes, `estatus.${type}`);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      fileName: `estatus.${type}`,
      fileType: type,
      status: 'previewed',
      counts: { ok: 4, error: 6, unchanged: 1 },
    });
    const rows = res.body.rows as Row[];
    expect(rows.map(({ row, folio, result }) => ({ row, folio, result }))).toEqual(firstResults);
    for (const [row, reason] of Object.entries(reasons)) {
      expect(rows.find((r) => r.row === Number(row))?.reason).toBe(reason);
    }
    expect(rows.find((r) => r.row === 3)).toMatchObject({
      status: 'shipped',
      carrier: 'Estafeta',
      trackingNumber: '7701234567',
    });
    expect(await countRows(platform, 'redemption_events')).toBe(events);
    expect(await statusOf('R-000001')).toBe('requested');
  });

  it('applies the good rows only, refunds a rejection, and keeps the file and its results', async () => {
    const preview = await upload(callcenter, bytes, `estatus.${type}`);
    const balance = await balanceOf(customerId);
    const applied = await post(callcenter, `/api/redemption-imports/${preview.body.id}/apply`);
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body).toMatchObject({
      status: 'applied',
      counts: { ok: 4, error: 6, unchanged: 1 },
      appliedBy: { name: 'Carlos Call Center' },
    });
    expect(
      (applied.body.rows as Row[]).map(({ row, folio, result }) => ({ row, folio, result })),
    ).toEqual(firstResults);
    const statuses = await Promise.all(
      [
        'R-000001',
        'R-000002',
        'R-000003',
        'R-000004',
        'R-000005',
        'R-000006',
        'R-000007',
        'R-000008',
      ].map(statusOf),
    );
    expect(statuses).toEqual([
      'approved',
      'shipped',
      'delivered',
      'requested',
      'requested',
      'requested',
      'requested',
      'rejected',
    ]);
    const shipped = await Redemption.findOne({ where: { folio: 'R-000002' } });
    expect(shipped).toMatchObject({ carrier: 'Estafeta', trackingNumber: '7701234567' });
    expect(await balanceOf(customerId)).toBe(balance + 10);
    const timeline = await callcenter.agent.get(`/api/redemptions/${shipped?.id}`);
    expect(timeline.body.timeline.at(-1)).toMatchObject({
      status: 'shipped',
      carrier: 'Estafeta',
      actor: { role: 'callcenter' },
    });

    const twice = await post(callcenter, `/api/redemption-imports/${preview.body.id}/apply`);
    expect(twice.status).toBe(409);
    expect(twice.body.error.id).toBe('import_already_applied');

    const kept = await readdir(importDir(platform.services));
    expect(kept.filter((name) => name.endsWith(`.${type}`)).length).toBeGreaterThanOrEqual(2);
    const result = await callcenter.agent
      .get(`/api/redemption-imports/${preview.body.id}/result.xlsx`)
      .buffer(true)
      .parse(binary);
    expect(result.status).toBe(200);
    const sheet = await workbookRows(result.body as Buffer);
    expect(sheet[0]).toEqual([
      'fila',
      'folio',
      'estado',
      'paqueteria',
      'guia',
      'nota',
      'resultado',
      'motivo',
    ]);
    expect(sheet.slice(1).map((row) => row[6])).toEqual(
      firstResults.map((r) => (r.result === 'unchanged' ? 'sin cambio' : r.result)),
    );
    expect(sheet[4]?.[7]).toBe(reasons[5]);
  });

  it('changes nothing when the same file comes again', async () => {
    const events = await countRows(platform, 'redemption_events');
    const lines = await countRows(platform, 'ledger_entries');
    const again = await upload(callcenter, bytes, `estatus.${type}`);
    expect(again.body.counts).toEqual({ ok: 0, error: 6, unchanged: 5 });
    const applied = await post(callcenter, `/api/redemption-imports/${again.body.id}/apply`);
    expect(applied.body.counts).toEqual({ ok: 0, error: 6, unchanged: 5 });
    expect(await countRows(platform, 'redemption_events')).toBe(events);
    expect(await countRows(platform, 'ledger_entries')).toBe(lines);
  });
});

describe('uploads', () => {
  let platform: Platform;
  let callcenter: SignedIn;
  let adminSur: SignedIn;

  beforeAll(async () => {
    ({ platform, callcenter } = await prepare());
    adminSur = await signIn(platform, demo.adminSur);
  });
  afterAll(() => platform.close());

  /** Imports and kept files, to show a refused upload wrote neither. */
  const kept = async () => ({
    imports: await countRows(platform, 'redemption_imports'),
    rows: await countRows(platform, 'redemption_import_rows'),
    files: (await readdir(importDir(platform.services)).catch(() => [])).length,
  });

  it.each([
    [
      'an image',
      async () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      415,
      'not_a_spreadsheet',
    ],
    [
      'a zip that is no workbook',
      async () => Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64, 1)]),
      415,
      'not_a_spreadsheet',
    ],
    [
      'a compound file that is no workbook',
      async () =>
        Buffer.concat([
          Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
          Buffer.alloc(600),
        ]),
      415,
      'not_a_spreadsheet',
    ],
    ['an empty file', async () => Buffer.alloc(0), 422, 'empty_file'],
    ['a sheet with only headers', () => fixture('header-only.xlsx'), 422, 'empty_file'],
    ['a sheet with other headers', () => fixture('wrong-headers.xlsx'), 422, 'wrong_headers'],
    ['a CSV with other headers', () => fixture('wrong-headers.csv'), 422, 'wrong_headers'],
    ['a 50 MB file', async () => Buffer.alloc(50 * 1024 * 1024, 0x41), 413, 'payload_too_large'],
  ])('refuses %s with a clear error and keeps nothing', async (_what, make, status, id) => {
    const before = await kept();
    const res = await upload(callcenter, await make(), 'archivo.xlsx');
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error.id).toBe(id);
    expect(res.body.error.message).toMatch(/\S/);
    expect(await kept()).toEqual(before);
  });

  it('names the missing columns', async () => {
    const res = await upload(callcenter, await fixture('wrong-headers.xlsx'), 'otro.xlsx');
    expect(res.body.error.message).toContain('folio, estado');
  });

  it('downloads the template with the columns it reads', async () => {
    const res = await callcenter.agent
      .get('/api/redemption-imports/template.xlsx')
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('.xlsx');
    expect((await workbookRows(res.body as Buffer))[0]).toEqual([
      'folio',
      'estado',
      'paqueteria',
      'guia',
      'nota',
    ]);
  });

  it('checks rows again when applying: one that became invalid is reported as an error', async () => {
    const csv = Buffer.from('folio;estado;nota\nR-000004;aprobado;Revisado\nR-000005;aprobado;\n');
    const preview = await upload(callcenter, csv, 'estatus.csv');
    expect(preview.body.counts).toEqual({ ok: 2, error: 0, unchanged: 0 });
    await post(callcenter, '/api/redemptions/4/status', { status: 'rejected' });
    const applied = await post(callcenter, `/api/redemption-imports/${preview.body.id}/apply`);
    expect(applied.body.counts).toEqual({ ok: 1, error: 1, unchanged: 0 });
    expect(applied.body.rows[0]).toMatchObject({
      folio: 'R-000004',
      result: 'error',
      reason: 'Un canje rechazado no puede pasar a aprobado.',
    });
    expect(await statusOf('R-000005')).toBe('approved');
  });

  it('reads an admin’s file within the admin’s zone: other zones’ folios are unknown', async () => {
    const csv = Buffer.from('folio,estado\nR-000006,aprobado\n');
    const res = await upload(adminSur, csv, 'sur.csv');
    expect(res.status).toBe(201);
    expect(res.body.rows).toEqual([
      expect.objectContaining({
        folio: 'R-000006',
        result: 'error',
        reason: 'No hay un canje con el folio R-000006 (o no es de tu zona).',
      }),
    ]);
    expect(await statusOf('R-000006')).toBe('requested');
  });

  it('lists past uploads with who and counts, pages their rows, and keeps admins to their zone', async () => {
    const list = await callcenter.agent.get('/api/redemption-imports');
    expect(list.status).toBe(200);
    // Newest first: the admin's upload, then the call center's two-row file.
    expect(list.body.items[0]).toMatchObject({
      fileName: 'sur.csv',
      createdBy: { name: 'Admin Sur' },
    });
    expect(list.body.items[1]).toMatchObject({
      fileName: 'estatus.csv',
      createdBy: { name: 'Carlos Call Center' },
      counts: { ok: 1, error: 1, unchanged: 0 },
    });
    expect(list.body.items[1].rows).toBeUndefined();
    const id = list.body.items[1].id as number;
    const page = await callcenter.agent
      .get(`/api/redemption-imports/${id}`)
      .query({ page: 2, pageSize: 1 });
    expect(page.body).toMatchObject({
      page: 2,
      pageSize: 1,
      total: 2,
      rows: [{ folio: 'R-000005' }],
    });
    expect((await adminSur.agent.get('/api/redemption-imports')).body.items).toEqual([
      expect.objectContaining({ fileName: 'sur.csv' }),
    ]);
    expect((await adminSur.agent.get(`/api/redemption-imports/${id}`)).status).toBe(404);
  });

  it('streams a 100,000-row workbook through the preview', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useSharedStrings: false,
    });
    const sheet = workbook.addWorksheet('Estatus');
    sheet.addRow(['folio', 'estado', 'paqueteria', 'guia', 'nota']).commit();
    for (let n = 1; n <= 100_000; n += 1) {
      sheet.addRow([`R-${String(n).padStart(6, '0')}`, 'aprobado', 'DHL', `G${n}`, '']).commit();
    }
    sheet.commit();
    await workbook.commit();
    const res = await upload(callcenter, Buffer.concat(chunks), 'grande.xlsx');
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(201);
    expect(res.body.rowCount).toBe(100_000);
    expect(res.body.rows).toHaveLength(500);
    expect(res.body.counts.error + res.body.counts.ok + res.body.counts.unchanged).toBe(100_000);
  }, 240_000);
});

describe('a large status file', () => {
  let platform: Platform;
  let callcenter: SignedIn;
  /** Folios of requested redemptions, oldest first. */
  let folios: string[];
  const count = inlineApplyRows + 100;

  beforeAll(async () => {
    platform = await createPlatform();
    callcenter = await signIn(platform, demo.callcenter);
    const customerId = await demoCustomerId(2);
    const reward = await makeReward(platform, { pointsCost: 1 });
    await givePoints(platform, customerId, count * 2);
    const who = { actor: await actorFor(demo.callcenter), ip: null };
    folios = [];
    for (let n = 0; n < count * 2; n += 1) {
      const { redemption } = await redeem(platform.services, who, {
        customerId,
        rewardId: reward.id,
        quantity: 1,
        deliveryAddress: null,
        idempotencyKey: null,
        note: 'Preparación de la prueba',
      });
      folios.push(redemption.folio ?? '');
    }
  }, 120_000);
  afterAll(() => platform.close());

  const statusFile = (chosen: string[]) =>
    Buffer.from(`folio,estado\n${chosen.map((folio) => `${folio},aprobado`).join('\n')}\n`);
  const approved = async (chosen: string[]) =>
    (await Redemption.findAll({ where: { folio: chosen } })).filter(
      (redemption) => redemption.status === 'approved',
    ).length;

  it('applies in the background past the inline size, showing its progress until applied', async () => {
    const chosen = folios.slice(0, count);
    const preview = await upload(callcenter, statusFile(chosen), 'grande.csv');
    expect(preview.body.counts).toEqual({ ok: count, error: 0, unchanged: 0 });
    const started = await post(callcenter, `/api/redemption-imports/${preview.body.id}/apply`);
    expect(started.status, JSON.stringify(started.body).slice(0, 300)).toBe(202);
    expect(started.body).toMatchObject({
      status: 'applying',
      progress: { done: expect.any(Number), total: count },
    });
    const again = await post(callcenter, `/api/redemption-imports/${preview.body.id}/apply`);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      id: 'import_already_applied',
      message: 'Esta carga ya se está aplicando.',
    });
    const seen: number[] = [];
    await expect
      .poll(
        async () => {
          const res = await callcenter.agent.get(`/api/redemption-imports/${preview.body.id}`);
          if (res.body.progress) seen.push(res.body.progress.done);
          return res.body.status;
        },
        { timeout: 60_000, interval: 50 },
      )
      .toBe('applied');
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const done = await callcenter.agent.get(`/api/redemption-imports/${preview.body.id}`);
    expect(done.body).toMatchObject({
      counts: { ok: count, error: 0, unchanged: 0 },
      progress: null,
    });
    expect(await approved(chosen)).toBe(count);
  }, 90_000);

  it('goes on after the last committed chunk when its process stopped, taken over once', async () => {
    const chosen = folios.slice(count);
    const preview = await upload(callcenter, statusFile(chosen), 'cortada.csv');
    const who = { actor: await actorFor(demo.callcenter), ip: null };
    expect(await claimImport(platform.services, who, preview.body.id)).toEqual({ inline: false });
    // As a process that committed the chunks up to sheet row 301 and then stopped would leave it.
    await platform.sequelize.query(
      `UPDATE redemption_imports SET applied_through_row = 301, applied_rows = 300, updated_at = ?
        WHERE id = ?`,
      { replacements: [new Date(Date.now() - applyLeaseMs - 1_000), preview.body.id] },
    );
    // Still within its lease for a moment more: nobody takes it yet.
    expect(await resumeStalledImports(platform.services, new Date(Date.now() - 2_000))).toEqual([]);
    const [first, second] = await Promise.all([
      resumeStalledImports(platform.services),
      resumeStalledImports(platform.services),
    ]);
    expect([...first, ...second]).toEqual([preview.body.id]);
    // Rows 2 to 301 were the stopped process's to apply: the resumed apply started after them.
    expect(await approved(chosen.slice(0, 300))).toBe(0);
    expect(await approved(chosen.slice(300))).toBe(chosen.length - 300);
    const done = await callcenter.agent.get(`/api/redemption-imports/${preview.body.id}`);
    expect(done.body.status).toBe('applied');
  });
});
