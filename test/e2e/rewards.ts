import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { expect } from 'vitest';
import type { StaffApi } from './helpers';

/** A product-like picture for a reward: a soft gradient and a simple drawing of `shape`. */
export function rewardPicture(
  shape: 'gift' | 'cup' | 'ticket' | 'headphones',
  [light, dark]: [string, string],
): Promise<Buffer> {
  const drawings = {
    gift: '<rect x="230" y="250" width="340" height="230" rx="18"/><rect x="205" y="200" width="390" height="70" rx="14"/><rect x="385" y="200" width="30" height="280" fill="#fff" opacity=".8"/><path d="M400 200c-40-70-120-70-110-20 8 35 70 25 110 20zm0 0c40-70 120-70 110-20-8 35-70 25-110 20z" fill="none" stroke="#fff" stroke-width="16"/>',
    cup: '<path d="M260 210h260v150a130 130 0 0 1-260 0z"/><path d="M520 250h40a50 50 0 0 1 0 100h-40" fill="none" stroke="#fff" stroke-width="22" opacity=".9"/><rect x="240" y="480" width="300" height="22" rx="11"/>',
    ticket:
      '<path d="M200 220h400v70a40 40 0 0 0 0 80v70H200v-70a40 40 0 0 0 0-80z"/><path d="M470 230v220" stroke="#fff" stroke-width="8" stroke-dasharray="18 14"/>',
    headphones:
      '<path d="M250 400v-60a150 150 0 0 1 300 0v60" fill="none" stroke="#fff" stroke-width="30"/><rect x="220" y="380" width="80" height="130" rx="30"/><rect x="500" y="380" width="80" height="130" rx="30"/>',
  } as const;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="${light}"/><stop offset="1" stop-color="${dark}"/>
    </linearGradient></defs>
    <rect width="800" height="600" fill="url(#g)"/>
    <circle cx="660" cy="110" r="160" fill="#fff" opacity=".12"/>
    <g fill="#fff" opacity=".95">${drawings[shape]}</g>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 88 }).toBuffer();
}

export interface RewardInput {
  code: string;
  name: string;
  description: string;
  pointsCost: number;
  stock: number | null;
  category: string;
  deliveryMode: 'shipping' | 'pickup' | 'digital';
}

export interface CreatedReward extends RewardInput {
  id: number;
  thumbnailUrl: string | null;
}

/** A catalog reward created by `staff` through the API, with its picture. */
export async function createReward(
  staff: StaffApi,
  input: RewardInput,
  picture: Buffer,
): Promise<CreatedReward> {
  const created = await staff.post<CreatedReward>('/api/rewards', {
    ...input,
    availableFrom: null,
    availableTo: null,
    zoneIds: [],
    customerTypeIds: [],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const withImage = await staff.upload<CreatedReward>(
    'PUT',
    `/api/rewards/${created.body.id}/image`,
    picture,
    'image/jpeg',
  );
  expect(withImage.status, JSON.stringify(withImage.body)).toBe(200);
  return withImage.body;
}

/** A status update workbook as staff fill it: the template's headers, then one row per line. */
export async function statusWorkbook(
  rows: { folio: string; estado: string; paqueteria?: string; guia?: string; nota?: string }[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Estados');
  sheet.addRow(['Folio', 'Estado', 'Paquetería', 'Guía', 'Nota']);
  for (const row of rows) {
    sheet.addRow([row.folio, row.estado, row.paqueteria ?? '', row.guia ?? '', row.nota ?? '']);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
