import { Injectable } from '@nestjs/common';
import { Actor } from '@ocop/auth';
import { certificateExpiry, CertifiedStars, foldVietnamese, isCertifiedStars } from '@ocop/ocop-domain';
import { CsvUploadError, readCsvUpload } from '@ocop/service-kit';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, startOfVietnamDay } from '../common/clock';
import { RatingProblems } from '../common/problems';
import { CertificatesService, mayDecideCertificates } from './certificates.service';

export const IMPORT_COLUMNS = [
  'product_name',
  'producer_name',
  'stars',
  'decision_ref',
  'decision_date',
] as const;

/** A province's historical list is a few hundred certificates; the caps keep a hostile file small in memory. */
export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_ROW_BYTES = 16 * 1024;

/** A data row, by the header's (trimmed) column names; columns beyond the required ones are kept. */
interface CsvRecord {
  line: number;
  values: Record<string, string>;
}

export interface ImportRow {
  line: number;
  ok: boolean;
  errors: string[];
  productId?: string;
  productName?: string;
  stars?: number;
  number?: string;
  decisionRef?: string;
  decisionDate?: string;
  expiresAt?: string;
  /** An expired certificate is kept as history: no events, no reminders. */
  becomes?: 'issued' | 'expired';
}

export interface ImportReport {
  dryRun: boolean;
  total: number;
  valid: number;
  invalid: number;
  imported: number;
  rows: ImportRow[];
}

interface ProductMatch {
  id: string;
  producer_id: string;
  name_vi: string;
  producer_name: string;
}

/** 2023-03-15 or 15/03/2023 (as Vietnamese offices write it). */
function parseDate(value: string): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const [y, m, d] = iso
    ? [iso[1], iso[2], iso[3]]
    : vn
      ? [vn[3], vn[2].padStart(2, '0'), vn[1].padStart(2, '0')]
      : [];
  if (!y) return undefined;
  const date = `${y}-${m}-${d}`;
  return new Date(`${date}T00:00:00Z`).toISOString().startsWith(date) ? date : undefined;
}

const bilingualError = (vi: string, en: string) => `${vi} / ${en}`;

/**
 * Certificates issued before the platform, from the province's spreadsheet. A dry run checks every row and says
 * what would happen; a real run imports all rows or none, so a half-imported file never needs cleaning up.
 */
@Injectable()
export class CertificateImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly certificates: CertificatesService,
    private readonly clock: Clock,
  ) {}

  /** `body`: the file as it arrives, read only once the caller may import. */
  async import(actor: Actor, body: Readable, dryRun: boolean): Promise<ImportReport> {
    if (!mayDecideCertificates(actor)) {
      throw RatingProblems.forbidden(
        'Chỉ cán bộ cấp tỉnh nhập được giấy chứng nhận',
        'Only provincial officers import certificates',
      );
    }
    const records = await this.read(body);
    return this.dataSource.transaction(async (manager) => {
      const rows = await this.check(manager, records);
      const valid = rows.filter((r) => r.ok);
      const report: ImportReport = {
        dryRun,
        total: rows.length,
        valid: valid.length,
        invalid: rows.length - valid.length,
        imported: 0,
        rows,
      };
      if (dryRun) return report;
      if (report.invalid) {
        throw RatingProblems.unprocessable(
          'import-invalid',
          `${report.invalid} dòng có lỗi; không nhập dòng nào`,
          `${report.invalid} row(s) have errors; nothing was imported`,
          { report },
        );
      }
      await manager.query(`LOCK TABLE certificates IN SHARE ROW EXCLUSIVE MODE`);
      for (const row of valid) await this.importRow(manager, actor, row);
      return { ...report, imported: valid.length };
    });
  }

  private async importRow(manager: EntityManager, actor: Actor, row: ImportRow): Promise<void> {
    const [product]: ProductMatch[] = await manager.query(
      `SELECT p.id, p.producer_id, p.name_vi, pr.name AS producer_name
         FROM product_views p JOIN producer_views pr ON pr.id = p.producer_id WHERE p.id = $1`,
      [row.productId],
    );
    await this.certificates.issue(manager, {
      productId: product.id,
      producerId: product.producer_id,
      productName: product.name_vi,
      producerName: product.producer_name,
      stars: row.stars as CertifiedStars,
      decisionRef: row.decisionRef as string,
      decisionDate: row.decisionDate as string,
      source: 'import',
      actorId: actor.accountId,
      ...(row.number ? { number: row.number } : {}),
    });
  }

  /** The file's rows, read as they arrive (readCsvUpload); `import-unreadable` when it cannot be read. */
  private async read(body: Readable): Promise<CsvRecord[]> {
    const unreadable = (line: number, explanation: string) =>
      RatingProblems.unprocessable(
        'import-unreadable',
        `Không đọc được tệp CSV: dòng ${line}: ${explanation}`,
        `The CSV cannot be read: line ${line}: ${explanation}`,
      );
    let file;
    try {
      file = await readCsvUpload(body, {
        maxRows: MAX_IMPORT_ROWS,
        maxRowBytes: MAX_IMPORT_ROW_BYTES,
        delimiter: ',',
      });
    } catch (err) {
      if (err instanceof CsvUploadError) throw unreadable(err.line, err.explanation);
      throw err;
    }
    const names = (file.header?.fields ?? []).map((name) => name.trim());
    const missing = IMPORT_COLUMNS.filter((column) => !names.includes(column));
    if (missing.length) throw unreadable(1, `missing column(s): ${missing.join(', ')}`);
    return file.rows.map((row) => ({
      line: row.line,
      values: Object.fromEntries(names.map((name, i) => [name, (row.fields[i] ?? '').trim()])),
    }));
  }

  private async check(manager: EntityManager, records: CsvRecord[]): Promise<ImportRow[]> {
    const products: (ProductMatch & { valid_certificate: string | null })[] = await manager.query(
      `SELECT p.id, p.producer_id, p.name_vi, pr.name AS producer_name,
              (SELECT c.number FROM certificates c WHERE c.product_id = p.id AND c.status = 'issued') AS valid_certificate
         FROM product_views p JOIN producer_views pr ON pr.id = p.producer_id`,
    );
    const byId = new Map(products.map((p) => [p.id, p]));
    const byNames = new Map<string, typeof products>();
    for (const p of products) {
      const key = `${foldVietnamese(p.name_vi)}|${foldVietnamese(p.producer_name)}`;
      byNames.set(key, [...(byNames.get(key) ?? []), p]);
    }
    const numbers = new Set<string>(
      (await manager.query(`SELECT number FROM certificates`)).map((r: { number: string }) => r.number),
    );
    const seenNumbers = new Set<string>();
    const seenProducts = new Set<string>();
    const now = this.clock.now();
    return records.map(({ line, values }) => {
      const errors: string[] = [];
      const id = values['product_id'];
      const byIdMatch = id ? byId.get(id) : undefined;
      const candidates = id
        ? byIdMatch
          ? [byIdMatch]
          : []
        : (byNames.get(
            `${foldVietnamese(values['product_name'])}|${foldVietnamese(values['producer_name'])}`,
          ) ?? []);
      if (!candidates.length)
        errors.push(
          bilingualError('không tìm thấy sản phẩm trong danh mục', 'product not found in the catalogue'),
        );
      if (candidates.length > 1)
        errors.push(
          bilingualError(
            'tên sản phẩm và chủ thể trùng nhiều sản phẩm; hãy ghi product_id',
            'several products match; give product_id',
          ),
        );
      const product = candidates.length === 1 ? candidates[0] : undefined;
      if (product?.valid_certificate) {
        errors.push(
          bilingualError(
            `sản phẩm đã có giấy chứng nhận còn hiệu lực ${product.valid_certificate}`,
            `the product already has the valid certificate ${product.valid_certificate}`,
          ),
        );
      }
      if (product && seenProducts.has(product.id))
        errors.push(bilingualError('sản phẩm lặp lại trong tệp', 'the product appears twice in the file'));
      if (product) seenProducts.add(product.id);
      const stars = Number(values['stars']);
      if (!isCertifiedStars(stars))
        errors.push(bilingualError('số sao phải là 3, 4 hoặc 5', 'stars must be 3, 4 or 5'));
      const decisionRef = values['decision_ref'];
      if (!decisionRef) errors.push(bilingualError('thiếu số quyết định', 'decision_ref is missing'));
      const decisionDate = parseDate(values['decision_date']);
      if (!decisionDate)
        errors.push(
          bilingualError(
            'ngày quyết định không hợp lệ (YYYY-MM-DD hoặc dd/mm/yyyy)',
            'decision_date is not a date (YYYY-MM-DD or dd/mm/yyyy)',
          ),
        );
      const number = values['certificate_number'] || undefined;
      if (number && (numbers.has(number) || seenNumbers.has(number))) {
        errors.push(
          bilingualError(`số giấy chứng nhận ${number} đã có`, `certificate number ${number} already exists`),
        );
      }
      if (number) seenNumbers.add(number);
      const expiresAt = decisionDate ? certificateExpiry(startOfVietnamDay(decisionDate)) : undefined;
      if (decisionDate && startOfVietnamDay(decisionDate) > now)
        errors.push(bilingualError('ngày quyết định ở tương lai', 'decision_date is in the future'));
      return {
        line,
        ok: errors.length === 0,
        errors,
        ...(product ? { productId: product.id, productName: product.name_vi } : {}),
        ...(isCertifiedStars(stars) ? { stars } : {}),
        ...(number ? { number } : {}),
        ...(decisionRef ? { decisionRef } : {}),
        ...(decisionDate ? { decisionDate } : {}),
        ...(expiresAt
          ? {
              expiresAt: expiresAt.toISOString(),
              becomes: expiresAt > now ? ('issued' as const) : ('expired' as const),
            }
          : {}),
      };
    });
  }
}
