import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor } from '@ocop/auth';
import { DomainError } from '@ocop/contracts';
import { SERVICE_CONFIG } from '@ocop/service-kit';
import { createHash } from 'node:crypto';
import type Sharp from 'sharp';
import { DataSource } from 'typeorm';
import { CatalogueConfig } from '../../config';
import { bilingual } from '../../common/validation';
import { ProductView } from '../product-views';
import { ProductsService } from '../products.service';
import {
  MAX_PHOTO_PIXELS,
  parsePhotoFileName,
  photoFileName,
  photoHeight,
  photoProblem,
} from './photo-rules';

// sharp brings libvips (about 12 MB resident); photos are uploaded and resized rarely, and each size once (then
// cached), so it is loaded on the first photo rather than at boot (idle RSS budget: 150 MB per service).
let sharpModule: Promise<typeof Sharp> | undefined;
const loadSharp = () => (sharpModule ??= import('sharp').then((m) => m.default));

const invalidPhoto = (code: string, vi: string, en: string) =>
  new DomainError(code, 400, bilingual('Ảnh không hợp lệ', 'Invalid photo'), bilingual(vi, en), {
    errors: [{ field: 'body', message: bilingual(vi, en) }],
  });

/** Rendered sizes kept in memory: a page's photo is asked for by every shopper's phone. */
const RENDERED_MAX = 200;

export interface RenderedPhoto {
  body: Buffer;
  etag: string;
}

/**
 * Product photos (decision 0043): an upload is decoded before it is kept (type, size, a readable picture), kept as
 * uploaded in the catalogue's database, and served re-encoded as WebP at a few widths, 4:3, which also drops
 * whatever metadata (a camera's GPS position) the original carried.
 */
@Injectable()
export class ProductPhotos {
  private readonly rendered = new Map<string, RenderedPhoto>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly products: ProductsService,
    @Inject(SERVICE_CONFIG) private readonly config: CatalogueConfig,
  ) {}

  async upload(
    actor: Actor,
    productId: string,
    contentType: string,
    content: Buffer,
    caption: string | undefined,
  ): Promise<ProductView> {
    const type = contentType.split(';')[0].trim().toLowerCase();
    const sharp = await loadSharp();
    let meta: Sharp.Metadata;
    try {
      meta = await sharp(content, { limitInputPixels: MAX_PHOTO_PIXELS }).metadata();
      // Decoding the whole picture finds a truncated or corrupt file that a header alone would pass.
      await sharp(content, { limitInputPixels: MAX_PHOTO_PIXELS }).resize(8, 8).toBuffer();
    } catch {
      throw invalidPhoto(
        'photo-unreadable',
        'không đọc được ảnh (tệp hỏng, hoặc quá lớn)',
        'the photo cannot be read (a damaged file, or too large a picture)',
      );
    }
    const problem = photoProblem(type, meta);
    if (problem) throw invalidPhoto(problem.code, problem.vi, problem.en);
    const hash = createHash('sha256').update(content).digest('hex').slice(0, 32);
    const url = `${this.config.CATALOGUE_PUBLIC_URL}/photos/${photoFileName(hash)}`;
    return this.products.addImage(actor, productId, { url, ...(caption ? { caption } : {}) }, (manager, id) =>
      manager.query(
        `INSERT INTO product_photos (product_id, hash, media_type, width, height, bytes, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [id, hash, type, meta.width, meta.height, content, actor.accountId],
      ),
    );
  }

  /** A served size of a photo by its file name, or undefined when there is no such photo or size. */
  async render(file: string): Promise<RenderedPhoto | undefined> {
    const name = parsePhotoFileName(file);
    if (!name) return undefined;
    const key = `${name.hash}-${name.width}`;
    const cached = this.rendered.get(key);
    if (cached) return cached;
    const [row] = (await this.dataSource.query(`SELECT bytes FROM product_photos WHERE hash = $1 LIMIT 1`, [
      name.hash,
    ])) as { bytes: Buffer }[];
    if (!row) return undefined;
    const sharp = await loadSharp();
    const body = await sharp(row.bytes, { limitInputPixels: MAX_PHOTO_PIXELS })
      .rotate()
      .resize(name.width, photoHeight(name.width), { fit: 'cover' })
      .webp({ quality: 80 })
      .toBuffer();
    const photo = { body, etag: `"${key}"` };
    if (this.rendered.size >= RENDERED_MAX) this.rendered.delete(this.rendered.keys().next().value as string);
    this.rendered.set(key, photo);
    return photo;
  }
}
