import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor } from '@ocop/auth';
import { CatalogueEvents, DomainError, ProducerRegisteredV1, ProductCreatedV1 } from '@ocop/contracts';
import { EventOutbox } from '@ocop/messaging';
import { foldVietnamese } from '@ocop/ocop-domain';
import { randomUUID } from 'node:crypto';
import { CsvUpload, CsvUploadError, readCsvUpload } from '@ocop/service-kit';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager, In } from 'typeorm';
import { isAdmin, mayEditProducer, officerCovers } from '../common/access';
import { bilingual, fieldErrorsOf } from '../common/validation';
import { CreateProducerDto } from '../producers/dto/producer.dto';
import { placesOf, producerSnapshot } from '../producers/producer-views';
import { Producer } from '../producers/producer.entity';
import { applyProducerInput } from '../producers/producers.service';
import { CreateProductDto } from '../products/dto/product.dto';
import { productSnapshot } from '../products/product-views';
import { GtinClaims } from '../products/gtin-claims';
import { gtinsOutsideCompanyPrefix } from '../products/gtin-rules';
import { Product } from '../products/product.entity';
import { applyProductInput, newProduct } from '../products/products.service';
import {
  ColumnSpec,
  matchHeaders,
  parseFlag,
  parseImportStatus,
  parseList,
  parsePackageSizes,
  parseProducerType,
  parseProductSet,
  parseUnitMap,
  parseWholeNumber,
  PRODUCER_COLUMNS,
  PRODUCT_COLUMNS,
} from './import-columns';

export const MAX_IMPORT_ROWS = 5000;
/** The longest row a file may have: a product row with every text column at its largest is about 20 KB. */
export const MAX_IMPORT_ROW_BYTES = 64 * 1024;
const INSERT_CHUNK = 500;

export interface RowError {
  /** Line of the file (1 = header), as the spreadsheet numbers it. */
  line: number;
  column?: string;
  message: string;
}

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  valid: number;
  errors: RowError[];
  warnings: { column: string; message: string }[];
  /** Only after a real import: the new record of each line. */
  created?: { line: number; id: string }[];
}

interface Row {
  line: number;
  cells: Map<string, string>;
  errors: RowError[];
  /** Field → the header as the file writes it, so errors use the office's own column names. */
  headerOf: Map<string, string>;
}

const NO_PRODUCER = '00000000-0000-0000-0000-000000000000';

function rejected(report: ImportReport): DomainError {
  return new DomainError(
    'import-rejected',
    400,
    bilingual('Tệp nhập có dòng lỗi, chưa lưu gì', 'The file has bad rows; nothing was stored'),
    bilingual(
      `${report.errors.length} lỗi trên ${report.rows} dòng`,
      `${report.errors.length} errors in ${report.rows} rows`,
    ),
    { rows: report.rows, valid: report.valid, errors: report.errors, warnings: report.warnings },
  );
}

/**
 * Bulk import of producers and products from CSV, the way provincial and district offices keep them. Every
 * row is held to the same rules as the API (the same DTO classes validate it); a dry run reports every bad row
 * with its reason, and a real import stores all rows in one transaction or none.
 */
@Injectable()
export class CatalogueImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: EventOutbox,
  ) {}

  /**
   * Reads an import file from the request as it arrives (see readCsvUpload): at most MAX_IMPORT_ROWS rows, the
   * route's byte limit, so a large file never sits in memory whole. `import-file-invalid` when it cannot be read.
   */
  async readFile(body: Readable): Promise<CsvUpload> {
    try {
      return await readCsvUpload(body, {
        maxRows: MAX_IMPORT_ROWS,
        maxRowBytes: MAX_IMPORT_ROW_BYTES,
        delimiter: 'detect',
      });
    } catch (err) {
      if (err instanceof CsvUploadError) throw badFile(err.line, err.explanation);
      throw err;
    }
  }

  async importProducers(
    actor: Actor,
    file: CsvUpload,
    dryRun: boolean,
    manager?: EntityManager,
  ): Promise<ImportReport> {
    const { rows, warnings } = this.read(file, PRODUCER_COLUMNS);
    const now = new Date();
    const accepted: { row: Row; producer: Producer }[] = [];
    const taxCodeLines = new Map<string, number>();
    for (const row of rows) {
      const cell = (field: string) => row.cells.get(field);
      const plain = {
        type: parseProducerType(cell('type')),
        name: cell('name'),
        tradingName: cell('tradingName'),
        nameEn: cell('nameEn'),
        taxCode: cell('taxCode'),
        gs1CompanyPrefix: cell('gs1CompanyPrefix'),
        legalRepresentative: {
          fullName: cell('legalRepName'),
          position: cell('legalRepPosition'),
          woman: parseFlag(cell('legalRepWoman')),
          ethnicMinority: parseFlag(cell('legalRepEthnicMinority')),
        },
        address: {
          street: cell('street'),
          unitMap: parseUnitMap(cell('unitMap')),
          communeCode: cell('communeCode'),
        },
        contact: { phone: cell('phone'), email: cell('email'), website: cell('website') },
      };
      const { value, errors } = await fieldErrorsOf(CreateProducerDto, plain);
      this.report(row, errors, PRODUCER_COLUMNS);
      if (row.errors.length) continue;
      const producer = Object.assign(new Producer(), {
        id: randomUUID(),
        status: 'pending' as const,
        statusReason: null,
        statusChangedAt: null,
        statusChangedBy: null,
        createdAt: now,
        createdBy: actor.accountId,
        updatedAt: now,
      });
      applyProducerInput(producer, value, now);
      if (!isAdmin(actor) && !officerCovers(actor, placesOf(producer))) {
        row.errors.push({
          line: row.line,
          column: this.header(row, 'communeCode'),
          message: bilingual('nằm ngoài địa bàn bạn phụ trách', 'is outside your territory'),
        });
        continue;
      }
      if (producer.taxCode) {
        const first = taxCodeLines.get(producer.taxCode);
        if (first !== undefined) {
          row.errors.push({
            line: row.line,
            column: this.header(row, 'taxCode'),
            message: bilingual(`trùng mã số thuế với dòng ${first}`, `same tax code as line ${first}`),
          });
          continue;
        }
        taxCodeLines.set(producer.taxCode, row.line);
      }
      accepted.push({ row, producer });
    }
    const taxCodes = [...taxCodeLines.keys()];
    if (taxCodes.length) {
      const existing = await this.dataSource.manager.findBy(Producer, { taxCode: In(taxCodes) });
      for (const found of existing) {
        const entry = accepted.find((a) => a.producer.taxCode === found.taxCode);
        entry?.row.errors.push({
          line: entry.row.line,
          column: this.header(entry.row, 'taxCode'),
          message: bilingual(
            'mã số thuế đã có chủ thể khác dùng',
            'another producer already has this tax code',
          ),
        });
      }
    }
    const report = this.summary(rows, warnings, dryRun);
    if (dryRun) return report;
    if (report.errors.length) throw rejected(report);
    await this.inTransaction(manager, async (m) => {
      const producers = accepted.map((a) => a.producer);
      for (let i = 0; i < producers.length; i += INSERT_CHUNK) {
        await m.insert(Producer, producers.slice(i, i + INSERT_CHUNK));
      }
      for (const producer of producers) {
        await this.outbox.add<ProducerRegisteredV1>(m, {
          type: CatalogueEvents.producerRegistered,
          subject: producer.id,
          data: { producer: producerSnapshot(producer), actorId: actor.accountId },
        });
      }
    });
    return { ...report, created: accepted.map((a) => ({ line: a.row.line, id: a.producer.id })) };
  }

  async importProducts(
    actor: Actor,
    file: CsvUpload,
    dryRun: boolean,
    manager?: EntityManager,
  ): Promise<ImportReport> {
    const { rows, warnings } = this.read(file, PRODUCT_COLUMNS);
    const producers = await this.referencedProducers(rows);
    const now = new Date();
    const accepted: { row: Row; product: Product }[] = [];
    const gtinLines = new Map<string, number>();
    for (const row of rows) {
      const cell = (field: string) => row.cells.get(field);
      const producer = this.resolveProducer(row, producers, actor);
      const packages = parsePackageSizes(cell('packageSizes'));
      if (packages.problem)
        row.errors.push({
          line: row.line,
          column: this.header(row, 'packageSizes'),
          message: packages.problem,
        });
      const status = parseImportStatus(cell('status'));
      if (status === null) {
        row.errors.push({
          line: row.line,
          column: this.header(row, 'status'),
          message: bilingual('trạng thái là "nháp" hoặc "đang bán"', 'status is "draft" or "active"'),
        });
      }
      const plain = {
        producerId: producer?.id ?? NO_PRODUCER,
        nameVi: cell('nameVi'),
        nameEn: cell('nameEn'),
        productSet: parseProductSet(cell('productSet')),
        descriptionVi: cell('descriptionVi'),
        descriptionEn: cell('descriptionEn'),
        gtins: cell('gtins') === undefined ? undefined : parseList(cell('gtins')),
        packageSizes: packages.sizes,
        ingredients: cell('ingredients'),
        allergens: cell('allergens') === undefined ? undefined : parseList(cell('allergens')),
        shelfLifeDays: parseWholeNumber(cell('shelfLifeDays')),
        geographicalIndication: cell('geographicalIndication'),
        trademark: cell('trademark'),
      };
      const { value, errors } = await fieldErrorsOf(CreateProductDto, plain);
      this.report(row, errors, PRODUCT_COLUMNS);
      if (row.errors.length || !producer) continue;
      const product = newProduct(randomUUID(), producer.id, actor.accountId, now);
      applyProductInput(product, value);
      if (status === 'active') {
        product.status = 'active';
        product.statusChangedAt = now;
      }
      const outside = gtinsOutsideCompanyPrefix(product.gtins, producer.gs1CompanyPrefix);
      if (outside.length) {
        row.errors.push(
          ...outside.map(({ gtin }) => ({
            line: row.line,
            column: this.header(row, 'gtins'),
            message: bilingual(
              `GTIN ${gtin} không thuộc mã doanh nghiệp GS1 ${producer.gs1CompanyPrefix} của chủ thể`,
              `GTIN ${gtin} is not under the producer’s GS1 company prefix ${producer.gs1CompanyPrefix}`,
            ),
          })),
        );
        continue;
      }
      const repeated = product.gtins.find((g) => gtinLines.has(g));
      if (repeated) {
        row.errors.push({
          line: row.line,
          column: this.header(row, 'gtins'),
          message: bilingual(
            `GTIN ${repeated} trùng với dòng ${gtinLines.get(repeated)}`,
            `GTIN ${repeated} repeats line ${gtinLines.get(repeated)}`,
          ),
        });
        continue;
      }
      product.gtins.forEach((g) => gtinLines.set(g, row.line));
      accepted.push({ row, product });
    }
    const conflicts = await GtinClaims.conflicts(
      this.dataSource.manager,
      accepted.map((a) => a.product),
    );
    for (const [gtin, conflict] of conflicts) {
      const entry = accepted.find((a) => a.product.gtins.includes(gtin));
      entry?.row.errors.push({
        line: entry.row.line,
        column: this.header(entry.row, 'gtins'),
        message:
          conflict === 'taken'
            ? bilingual(
                `GTIN ${gtin} đã gắn với sản phẩm khác`,
                `GTIN ${gtin} already belongs to another product`,
              )
            : bilingual(
                `GTIN ${gtin} thuộc về chủ thể khác (đã in trên tem của lô hàng)`,
                `GTIN ${gtin} belongs to another producer (its batches’ labels carry it)`,
              ),
      });
    }
    const report = this.summary(rows, warnings, dryRun);
    if (dryRun) return report;
    if (report.errors.length) throw rejected(report);
    await this.inTransaction(manager, async (m) => {
      const products = accepted.map((a) => a.product);
      for (let i = 0; i < products.length; i += INSERT_CHUNK) {
        await m.insert(Product, products.slice(i, i + INSERT_CHUNK));
      }
      await GtinClaims.claim(m, products);
      for (const product of products) {
        // One fact per new product; an imported product may already be on sale, as its snapshot says.
        await this.outbox.add<ProductCreatedV1>(m, {
          type: CatalogueEvents.productCreated,
          subject: product.id,
          data: { product: productSnapshot(product), actorId: actor.accountId },
        });
      }
    });
    return { ...report, created: accepted.map((a) => ({ line: a.row.line, id: a.product.id })) };
  }

  private read(
    { header, rows: data }: CsvUpload,
    specs: ColumnSpec<string>[],
  ): { rows: Row[]; warnings: { column: string; message: string }[] } {
    if (!header) throw badFile(1, bilingual('tệp trống', 'the file is empty'));
    const match = matchHeaders(header.fields, specs);
    if (match.duplicates.length) {
      throw badFile(
        1,
        bilingual(
          `cột bị lặp: ${match.duplicates.join(', ')}`,
          `repeated columns: ${match.duplicates.join(', ')}`,
        ),
      );
    }
    const rows = data.map((record): Row => {
      const cells = new Map<string, string>();
      for (const [field, index] of match.columns) {
        const value = record.fields[index]?.trim();
        if (value) cells.set(field, value);
      }
      return { line: record.line, cells, errors: [], headerOf: match.headerOf } as Row & {
        headerOf: Map<string, string>;
      };
    });
    return { rows, warnings: match.warnings };
  }

  /** Turns DTO field errors into row errors named by the file's own column headers. */
  private report(row: Row, errors: { field: string; message: string }[], specs: ColumnSpec<string>[]): void {
    for (const error of errors) {
      // The column whose path is the most specific for the field ("address.communeCode" before "address").
      let best: { field: string; length: number } | undefined;
      for (const spec of specs) {
        for (const path of spec.paths) {
          const fits = error.field === path || error.field.startsWith(`${path}.`);
          if (fits && path.length > (best?.length ?? -1)) best = { field: spec.field, length: path.length };
        }
      }
      row.errors.push({
        line: row.line,
        column: best ? this.header(row, best.field) : error.field,
        message: error.message,
      });
    }
  }

  private header(row: Row, field: string): string {
    return row.headerOf.get(field) ?? field;
  }

  private summary(rows: Row[], warnings: ImportReport['warnings'], dryRun: boolean): ImportReport {
    const errors = rows.flatMap((r) => r.errors).sort((a, b) => a.line - b.line);
    return {
      dryRun,
      rows: rows.length,
      valid: rows.filter((r) => !r.errors.length).length,
      errors,
      warnings,
    };
  }

  /** Producers the rows name, by id, tax code or exact (folded) name, fetched in three queries for the file. */
  private async referencedProducers(rows: Row[]) {
    const pick = (field: string) => [
      ...new Set(rows.map((r) => r.cells.get(field)).filter((v): v is string => !!v)),
    ];
    const ids = pick('producerId').filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    const taxCodes = pick('producerTaxCode');
    const names = pick('producerName').map(foldVietnamese);
    const manager = this.dataSource.manager;
    const [byId, byTax, byName] = await Promise.all([
      ids.length ? manager.findBy(Producer, { id: In(ids) }) : [],
      taxCodes.length ? manager.findBy(Producer, { taxCode: In(taxCodes) }) : [],
      names.length
        ? manager.createQueryBuilder(Producer, 'p').where('p.name_folded = ANY (:names)', { names }).getMany()
        : [],
    ]);
    return { byId, byTax, byName };
  }

  private resolveProducer(
    row: Row,
    known: { byId: Producer[]; byTax: Producer[]; byName: Producer[] },
    actor: Actor,
  ): Producer | undefined {
    const id = row.cells.get('producerId');
    const taxCode = row.cells.get('producerTaxCode');
    const name = row.cells.get('producerName');
    const fail = (field: string, vi: string, en: string) => {
      row.errors.push({ line: row.line, column: this.header(row, field), message: bilingual(vi, en) });
      return undefined;
    };
    let producer: Producer | undefined;
    if (id) {
      producer = known.byId.find((p) => p.id === id);
      if (!producer) return fail('producerId', 'không có chủ thể với mã này', 'no producer with this id');
    } else if (taxCode) {
      producer = known.byTax.find((p) => p.taxCode === taxCode);
      if (!producer)
        return fail(
          'producerTaxCode',
          'không có chủ thể với mã số thuế này',
          'no producer with this tax code',
        );
    } else if (name) {
      const matches = known.byName.filter((p) => p.nameFolded === foldVietnamese(name));
      if (matches.length > 1)
        return fail(
          'producerName',
          'nhiều chủ thể trùng tên; hãy dùng mã số thuế',
          'several producers have this name; use the tax code',
        );
      producer = matches[0];
      if (!producer) return fail('producerName', 'không có chủ thể tên này', 'no producer with this name');
    } else {
      return fail(
        'producerName',
        'cần mã chủ thể, mã số thuế hoặc tên chủ thể',
        'needs the producer id, tax code or name',
      );
    }
    if (!isAdmin(actor) && !mayEditProducer(actor, { id: producer.id, places: placesOf(producer) })) {
      return fail(
        id ? 'producerId' : taxCode ? 'producerTaxCode' : 'producerName',
        'chủ thể ngoài phạm vi của bạn',
        'this producer is outside your reach',
      );
    }
    return producer;
  }

  private inTransaction(
    manager: EntityManager | undefined,
    work: (m: EntityManager) => Promise<void>,
  ): Promise<void> {
    return manager ? work(manager) : this.dataSource.transaction(work);
  }
}

function badFile(line: number, message: string): DomainError {
  return new DomainError(
    'import-file-invalid',
    400,
    bilingual('Tệp CSV không đọc được', 'The CSV file cannot be read'),
    message,
    {
      errors: [{ field: 'body', message: `${bilingual('dòng', 'line')} ${line}: ${message}` }],
    },
  );
}
