import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor } from '@ocop/auth';
import {
  CatalogueEvents,
  ProductActivatedV1,
  ProductCreatedV1,
  ProductDiscontinuedV1,
  ProductStatus,
  ProductUpdatedV1,
} from '@ocop/contracts';
import { EventOutbox } from '@ocop/messaging';
import { productSet, toGtin14 } from '@ocop/ocop-domain';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { isAdmin, mayEditProducer, mayReadProducer, mayStartProducerWork } from '../common/access';
import { decodeCursor, Page, toPage } from '@ocop/service-kit';
import { CatalogueProblems } from '../common/problems';
import { bilingual, fieldErrorsOf, invalidField, invalidFields } from '../common/validation';
import { isPublicProducer } from '../producers/producer-identity';
import { placesOf } from '../producers/producer-views';
import { Producer } from '../producers/producer.entity';
import { ProducersService } from '../producers/producers.service';
import { ProductListQuery } from './dto/product-list.query';
import { CreateProductDto, UpdateProductDto } from './dto/product.dto';
import { GtinClaims, gtinOutsideCompanyPrefix } from './gtin-claims';
import { gtinsOutsideCompanyPrefix } from './gtin-rules';
import { productSnapshot, productView, ProductView } from './product-views';
import { Product } from './product.entity';

/** As many images as a product record takes (ImageDto's ArrayMaxSize): the oldest upload drops off. */
const MAX_IMAGES = 10;

export const productNotFound = () => CatalogueProblems.notFound('sản phẩm', 'Product');

const producerNotVerified = () =>
  CatalogueProblems.conflict(
    'producer-not-verified',
    'producerId',
    'Chủ thể chưa được cán bộ xác minh; chỉ được xem và sửa hồ sơ đăng ký cho đến khi được xác minh',
    'The producer has not been verified by an officer yet; until then it may only read and correct its registration',
  );

const STATUS_VI: Record<ProductStatus, string> = {
  draft: 'nháp',
  active: 'đang bán',
  discontinued: 'ngừng bán',
};

type ProductInput = Omit<CreateProductDto, 'producerId'>;

/** The fields of a product that a create or update sets, in the shape CreateProductDto validates. */
function inputOf(p: Product): CreateProductDto {
  return {
    producerId: p.producerId,
    nameVi: p.nameVi,
    nameEn: p.nameEn,
    productSet: p.productSet,
    descriptionVi: p.descriptionVi,
    descriptionEn: p.descriptionEn,
    images: p.images,
    gtins: p.gtins,
    packageSizes: p.packageSizes,
    ingredients: p.ingredients,
    allergens: p.allergens,
    shelfLifeDays: p.shelfLifeDays,
    certifications: p.certifications,
    geographicalIndication: p.geographicalIndication,
    trademark: p.trademark,
    salesLinks: p.salesLinks,
  };
}

type WithoutNulls<T> = { [K in keyof T]: Exclude<T[K], null> };

/** Drops null/undefined members of nested objects so stored JSON carries only what was said. */
const compact = <T extends object>(items: T[] | null | undefined): WithoutNulls<T>[] =>
  (items ?? []).map(
    (item) =>
      Object.fromEntries(
        Object.entries(item).filter(([, v]) => v !== null && v !== undefined),
      ) as WithoutNulls<T>,
  );

/** Absent: leave as it is; null: clear; a value: set. */
const orNull = <T>(value: T | null | undefined): T | null | undefined =>
  value === undefined ? undefined : (value ?? null);

export function applyProductInput(p: Product, input: Partial<ProductInput>): void {
  const set = <K extends keyof Product>(key: K, value: Product[K] | undefined) => {
    if (value !== undefined) p[key] = value;
  };
  set('nameVi', input.nameVi);
  set('nameEn', orNull(input.nameEn));
  if (input.productSet !== undefined) {
    // A null here is caught by the whole-record validation that follows every change.
    p.productSet = input.productSet;
    const found = productSet(input.productSet ?? 0);
    if (found) p.productGroup = found.group;
  }
  set('descriptionVi', orNull(input.descriptionVi));
  set('descriptionEn', orNull(input.descriptionEn));
  if (input.images !== undefined) p.images = compact(input.images);
  if (input.gtins !== undefined) p.gtins = (input.gtins ?? []).map(toGtin14);
  if (input.packageSizes !== undefined) p.packageSizes = compact(input.packageSizes);
  set('ingredients', orNull(input.ingredients));
  if (input.allergens !== undefined) p.allergens = input.allergens ?? [];
  set('shelfLifeDays', orNull(input.shelfLifeDays));
  if (input.certifications !== undefined) p.certifications = compact(input.certifications);
  set('geographicalIndication', orNull(input.geographicalIndication));
  set('trademark', orNull(input.trademark));
  if (input.salesLinks !== undefined) p.salesLinks = compact(input.salesLinks);
}

export function newProduct(id: string, producerId: string, actorId: string, now: Date): Product {
  return Object.assign(new Product(), {
    id,
    producerId,
    nameEn: null,
    descriptionVi: null,
    descriptionEn: null,
    images: [],
    gtins: [],
    packageSizes: [],
    ingredients: null,
    allergens: [],
    shelfLifeDays: null,
    certifications: [],
    geographicalIndication: null,
    trademark: null,
    salesLinks: [],
    status: 'draft' as const,
    statusChangedAt: null,
    ocopStars: null,
    ocopCertificateId: null,
    ocopCertificateNumber: null,
    ocopIssuedAt: null,
    ocopExpiresAt: null,
    ocopDecisionRef: null,
    createdAt: now,
    createdBy: actorId,
    updatedAt: now,
  });
}

/**
 * A producer that declared a GS1 Company Prefix adds only GTINs under it (decision 0023). Only what is `added`
 * answers to it: a prefix declared later does not lock the GTINs a product already lists in place.
 */
function assertUnderCompanyPrefix(
  gtins: string[],
  producer: Pick<Producer, 'gs1CompanyPrefix'>,
  added: string[] = gtins,
): void {
  const outside = gtinsOutsideCompanyPrefix(gtins, producer.gs1CompanyPrefix).filter((o) =>
    added.includes(o.gtin),
  );
  if (outside.length) throw gtinOutsideCompanyPrefix(outside, producer.gs1CompanyPrefix as string);
}

@Injectable()
export class ProductsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: EventOutbox,
    private readonly producers: ProducersService,
  ) {}

  async create(actor: Actor, dto: CreateProductDto, manager: EntityManager): Promise<ProductView> {
    const producer = await this.producerForEdit(manager, actor, dto.producerId);
    if (!mayStartProducerWork(actor, producer)) throw producerNotVerified();
    const now = new Date();
    const product = newProduct(randomUUID(), producer.id, actor.accountId, now);
    applyProductInput(product, dto);
    assertUnderCompanyPrefix(product.gtins, producer);
    await manager.insert(Product, product);
    await GtinClaims.claim(manager, [product]);
    await this.outbox.add<ProductCreatedV1>(manager, {
      type: CatalogueEvents.productCreated,
      subject: product.id,
      data: { product: productSnapshot(product), actorId: actor.accountId },
    });
    return productView(product, producer);
  }

  /** A product the actor may read: its producer's people and staff in territory always, anyone once it is public. */
  async get(actor: Actor, id: string): Promise<ProductView> {
    const found = await this.load(this.dataSource.manager, id);
    if (!found || !this.mayRead(actor, found.product, found.producer)) throw productNotFound();
    return productView(found.product, found.producer);
  }

  async list(actor: Actor, query: ProductListQuery): Promise<Page<ProductView>> {
    const qb = this.dataSource.manager
      .createQueryBuilder(Product, 'product')
      .innerJoinAndMapOne('product.producer', Producer, 'p', 'p.id = product.producer_id');
    this.producers.restrictToReadable(actor, qb);
    if (query.producerId) qb.andWhere('product.producer_id = :producerId', { producerId: query.producerId });
    if (query.status) qb.andWhere('product.status = :status', { status: query.status });
    if (query.cursor) {
      const [name, id] = decodeCursor(query.cursor, 'products', ['text', 'uuid']);
      qb.andWhere('(product.name_folded, product.id) > (:name, :id)', { name, id });
    }
    const rows = (await qb
      .orderBy('product.name_folded', 'ASC')
      .addOrderBy('product.id', 'ASC')
      .limit(query.limit + 1)
      .getMany()) as (Product & { producer: Producer })[];
    return toPage(
      rows,
      query.limit,
      'products',
      (r) => [r.nameFolded, r.id],
      (r) => productView(r, r.producer),
    );
  }

  async update(actor: Actor, id: string, dto: UpdateProductDto): Promise<ProductView> {
    return this.dataSource.transaction(async (manager) => {
      const { product, producer } = await this.lockForEdit(manager, actor, id);
      const before = productSnapshot(product);
      applyProductInput(product, dto);
      // Fields are checked one by one by the pipe; a null on a required one only shows on the whole.
      const { errors } = await fieldErrorsOf(CreateProductDto, inputOf(product));
      if (errors.length) throw invalidFields(errors);
      const after = productSnapshot(product);
      const changed = (Object.keys(after) as (keyof typeof after)[]).filter(
        (key) => key !== 'updatedAt' && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
      );
      if (!changed.length) return productView(product, producer);
      const added = product.gtins.filter((g) => !before.gtins.includes(g));
      assertUnderCompanyPrefix(product.gtins, producer, added);
      product.updatedAt = new Date();
      await manager.save(Product, product);
      if (changed.includes('gtins')) {
        await GtinClaims.release(manager, id, product.gtins);
        await GtinClaims.claim(manager, [{ id, producerId: product.producerId, gtins: added }]);
      }
      await this.outbox.add<ProductUpdatedV1>(manager, {
        type: CatalogueEvents.productUpdated,
        subject: id,
        data: { product: productSnapshot(product), changed, actorId: actor.accountId },
      });
      return productView(product, producer);
    });
  }

  /**
   * Puts an uploaded photo first in the product's images (decision 0043), in one transaction with `store`, which
   * keeps the bytes; the same rights as editing the product (404 when it may not see it, 403 when it may not
   * change it). The update event carries the new images, so lookup's page shows the photo.
   */
  async addImage(
    actor: Actor,
    id: string,
    image: { url: string; caption?: string },
    store: (manager: EntityManager, productId: string) => Promise<void>,
  ): Promise<ProductView> {
    return this.dataSource.transaction(async (manager) => {
      const { product, producer } = await this.lockForEdit(manager, actor, id);
      await store(manager, product.id);
      product.images = [image, ...product.images.filter((i) => i.url !== image.url)].slice(0, MAX_IMAGES);
      product.updatedAt = new Date();
      await manager.save(Product, product);
      await this.outbox.add<ProductUpdatedV1>(manager, {
        type: CatalogueEvents.productUpdated,
        subject: id,
        data: { product: productSnapshot(product), changed: ['images'], actorId: actor.accountId },
      });
      return productView(product, producer);
    });
  }

  /** On sale: public as soon as (and as long as) its producer is verified. */
  async activate(actor: Actor, id: string): Promise<ProductView> {
    return this.changeStatus(actor, id, 'active', ['draft', 'discontinued'], async (manager, product) => {
      await this.outbox.add<ProductActivatedV1>(manager, {
        type: CatalogueEvents.productActivated,
        subject: id,
        data: { product: productSnapshot(product), actorId: actor.accountId },
      });
    });
  }

  async discontinue(actor: Actor, id: string, reason: string | null | undefined): Promise<ProductView> {
    return this.changeStatus(actor, id, 'discontinued', ['draft', 'active'], async (manager, product) => {
      await this.outbox.add<ProductDiscontinuedV1>(manager, {
        type: CatalogueEvents.productDiscontinued,
        subject: id,
        data: { product: productSnapshot(product), ...(reason ? { reason } : {}), actorId: actor.accountId },
      });
    });
  }

  private async changeStatus(
    actor: Actor,
    id: string,
    to: ProductStatus,
    from: ProductStatus[],
    announce: (manager: EntityManager, product: Product) => Promise<void>,
  ): Promise<ProductView> {
    return this.dataSource.transaction(async (manager) => {
      const { product, producer } = await this.lockForEdit(manager, actor, id);
      if (!from.includes(product.status)) {
        const action = to === 'active' ? 'mở bán / activate' : 'ngừng bán / discontinue';
        throw CatalogueProblems.invalidTransition(STATUS_VI[product.status], product.status, action);
      }
      const now = new Date();
      product.status = to;
      product.statusChangedAt = now;
      product.updatedAt = now;
      await manager.save(Product, product);
      await announce(manager, product);
      return productView(product, producer);
    });
  }

  private mayRead(actor: Actor, product: Product, producer: Producer): boolean {
    const ref = { id: producer.id, places: placesOf(producer) };
    return (
      isAdmin(actor) ||
      mayReadProducer(actor, ref) ||
      (product.status === 'active' && isPublicProducer(producer.status))
    );
  }

  private async load(manager: EntityManager, id: string, lock = false) {
    const product = await manager.findOne(Product, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!product) return undefined;
    const producer = await manager.findOneByOrFail(Producer, { id: product.producerId });
    return { product, producer };
  }

  /** 404 when the actor may not see the product, 403 when it may see but not change it. */
  private async lockForEdit(manager: EntityManager, actor: Actor, id: string) {
    const found = await this.load(manager, id, true);
    if (!found || !this.mayRead(actor, found.product, found.producer)) throw productNotFound();
    if (
      !isAdmin(actor) &&
      !mayEditProducer(actor, { id: found.producer.id, places: placesOf(found.producer) })
    ) {
      throw CatalogueProblems.forbidden(
        'Bạn không được sửa sản phẩm của chủ thể khác',
        'You may not change another producer’s products',
      );
    }
    return found;
  }

  /** The producer a new product is filed under, which the actor must be allowed to edit. */
  async producerForEdit(manager: EntityManager, actor: Actor, producerId: string): Promise<Producer> {
    const producer = await manager.findOneBy(Producer, { id: producerId });
    const ref = producer && { id: producer.id, places: placesOf(producer) };
    if (!producer || !ref || !(isAdmin(actor) || mayEditProducer(actor, ref))) {
      throw invalidField(
        'producerId',
        bilingual('không có chủ thể này trong phạm vi của bạn', 'no such producer within your reach'),
      );
    }
    return producer;
  }
}
