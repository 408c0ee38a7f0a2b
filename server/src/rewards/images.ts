import sharp from 'sharp';
import { AppError } from '../errors';

type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

/** The largest image kept (wider uploads are scaled down) and the catalog's thumbnail width. */
const imageWidth = 1600;
const thumbnailWidth = 320;
/** Refuses images that would decode to more pixels than this (a small file can claim a huge size). */
const maxPixels = 40_000_000;

/** What the bytes are, from their signature; the declared Content-Type is not trusted. */
export function imageTypeOf(bytes: Buffer): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return 'image/jpeg';
  }
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'image/png';
  }
  if (
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  ) {
    return 'image/webp';
  }
  return null;
}

export interface PreparedImage {
  image: Buffer;
  thumbnail: Buffer;
  /** Both are re-encoded as WebP, which also drops whatever metadata (GPS, camera) the file had. */
  contentType: 'image/webp';
}

/** Checks an upload is a JPEG, PNG or WebP image that decodes, and makes the kept sizes. */
export async function prepareImage(bytes: Buffer): Promise<PreparedImage> {
  if (!imageTypeOf(bytes)) {
    throw new AppError(
      415,
      'image_type_not_supported',
      'La imagen debe ser JPEG, PNG o WebP (se revisa el contenido del archivo).',
    );
  }
  const resized = (width: number) =>
    sharp(bytes, { limitInputPixels: maxPixels })
      .rotate()
      .resize({ width, withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer();
  try {
    const [image, thumbnail] = await Promise.all([resized(imageWidth), resized(thumbnailWidth)]);
    return { image, thumbnail, contentType: 'image/webp' };
  } catch {
    throw new AppError(
      422,
      'image_unreadable',
      'No se pudo leer la imagen: el archivo está dañado o es demasiado grande en pixeles.',
    );
  }
}
