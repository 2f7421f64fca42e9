import { CatalogueEvents } from '@ocop/contracts';
import sharp from 'sharp';
import { CatalogueHarness, Json, startCatalogue } from '../../../test/catalogue-harness';
import { gtin, producerInput, productInput } from '../../../test/fixtures';

/** A real photo-sized picture in the given format (a gradient, so that it does not compress to nothing). */
async function picture(format: 'jpeg' | 'png' | 'webp', width = 1200, height = 1600): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i += 3) {
    raw[i] = (i / 3) % 256;
    raw[i + 1] = Math.floor(i / 3 / width) % 256;
    raw[i + 2] = 128;
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .withMetadata({ exif: { IFD0: { Copyright: 'GPS 10.2600 106.1265' } } })
    [format]()
    .toBuffer();
}

describe('product photos (integration)', () => {
  let catalogue: CatalogueHarness;
  let owner: { id: string; token: string };
  let stranger: { id: string; token: string };
  let product: Json;

  beforeAll(async () => {
    catalogue = await startCatalogue('cat_photos', { PHOTO_MAX_BYTES: String(2 * 1024 * 1024) });
    const admin = await catalogue.token({ roles: ['admin'] });
    const register = (body: Json) => catalogue.verifiedProducer(body, admin);
    owner = await register(producerInput());
    stranger = await register(
      producerInput({
        name: 'HTX Dừa Ba Tri',
        type: 'cooperative',
        gs1CompanyPrefix: '8931234',
        address: { unitMap: 'bt-2022', communeCode: '29113' },
      }),
    );
    const res = await catalogue.request('POST', '/products', {
      token: owner.token,
      body: productInput(owner.id, { gtins: [gtin('8936047', 901)] }),
    });
    if (res.status !== 201) throw new Error(res.text);
    product = res.body;
    await catalogue.request('POST', `/products/${product.productId}/activate`, { token: owner.token });
  });

  afterAll(async () => {
    await catalogue?.close();
  });

  const upload = (payload: Buffer, contentType: string, token?: string, query = '') =>
    catalogue.request('POST', `/products/${product.productId}/photos${query}`, {
      token,
      raw: { contentType, payload },
    });

  it('takes its producer’s photo, puts it first and tells lookup through the product event', async () => {
    const res = await upload(await picture('jpeg'), 'image/jpeg', owner.token, '?caption=Múi%20sầu%20riêng');
    expect(res.status).toBe(201);
    const url: string = res.body.images[0].url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:3002\/photos\/[0-9a-f]{32}\.webp$/);
    expect(res.body.images[0].caption).toBe('Múi sầu riêng');
    expect(res.body.images[1].url).toBe('https://cdn.example.vn/sau-rieng.jpg');
    const events = (await catalogue.outbox(CatalogueEvents.productUpdated)).filter(
      (e) => e.subject === product.productId,
    );
    expect(events[events.length - 1]?.data).toMatchObject({
      changed: ['images'],
      product: {
        images: [{ url, caption: 'Múi sầu riêng' }, { url: 'https://cdn.example.vn/sau-rieng.jpg' }],
      },
    });
  });

  it('serves it resized to 4:3 WebP, without the camera’s metadata, cached for good under its hash', async () => {
    const [{ hash }] = (await catalogue.dataSource.query(
      `SELECT hash FROM product_photos WHERE product_id = $1`,
      [product.productId],
    )) as { hash: string }[];
    for (const [file, width, height] of [
      [`${hash}.webp`, 640, 480],
      [`${hash}-320.webp`, 320, 240],
      [`${hash}-1280.webp`, 1280, 960],
    ] as const) {
      const res = await catalogue.app.inject({ method: 'GET', url: `/photos/${file}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/webp');
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const meta = await sharp(res.rawPayload).metadata();
      expect(meta).toMatchObject({ format: 'webp', width, height });
      expect(meta.exif).toBeUndefined();
      const again = await catalogue.app.inject({
        method: 'GET',
        url: `/photos/${file}`,
        headers: { 'if-none-match': String(res.headers['etag']) },
      });
      expect(again.statusCode).toBe(304);
    }
    for (const missing of [`${'0'.repeat(32)}.webp`, `${hash}-333.webp`, `${hash}.png`]) {
      expect((await catalogue.app.inject({ method: 'GET', url: `/photos/${missing}` })).statusCode).toBe(404);
    }
  });

  it('refuses another producer, an anonymous caller, and files that are not the photo they claim', async () => {
    const png = await picture('png', 400, 300);
    expect((await upload(png, 'image/png', stranger.token)).status).toBe(403);
    expect((await upload(png, 'image/png')).status).toBe(401);
    const mismatch = await upload(png, 'image/jpeg', owner.token);
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toMatchObject({ code: 'photo-type-mismatch' });
    const garbage = await upload(Buffer.from('not an image at all, just text'), 'image/webp', owner.token);
    expect(garbage.body).toMatchObject({ status: 400, code: 'photo-unreadable' });
    const truncated = (await picture('jpeg')).subarray(0, 4000);
    expect((await upload(truncated, 'image/jpeg', owner.token)).body).toMatchObject({
      code: 'photo-unreadable',
    });
    const tiny = await picture('webp', 120, 90);
    expect((await upload(tiny, 'image/webp', owner.token)).body).toMatchObject({ code: 'photo-too-small' });
    expect((await upload(png, 'image/gif', owner.token)).status).toBe(415);
    const huge = Buffer.concat([png, Buffer.alloc(2 * 1024 * 1024)]);
    expect((await upload(huge, 'image/png', owner.token)).status).toBe(413);
    // Nothing refused was kept.
    expect(await catalogue.dataSource.query(`SELECT count(*)::int AS n FROM product_photos`)).toEqual([
      { n: 1 },
    ]);
  });
});
