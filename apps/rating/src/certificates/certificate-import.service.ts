import { Injectable } from '@nestjs/common';
import { Actor } from '@ocop/auth';
import {
  certificateValidity,
  CertifiedStars,
  foldVietnamese,
  isCertifiedStars,
  parseVietnameseDate,
} from '@ocop/ocop-domain';
import { CsvUploadError, readCsvUpload } from '@ocop/service-kit';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
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
  /**
   * An expired certificate, or an older one the product's newer certificate replaced, is kept as history (no
   * events, no reminders): it still counts in coverage on the days it was valid.
   */
  becomes?: 'issued' | 'expired' | 'superseded';
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
      // Newest first, so that an older certificate of the same product finds the one that replaced it.
      const newestFirst = [...valid].sort((a, b) =>
        (b.decisionDate ?? '').localeCompare(a.decisionDate ?? ''),
      );
      for (const row of newestFirst) await this.importRow(manager, actor, row);
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
    const products: ProductMatch[] = await manager.query(
      `SELECT p.id, p.producer_id, p.name_vi, pr.name AS producer_name
         FROM product_views p JOIN producer_views pr ON pr.id = p.producer_id`,
    );
    const byId = new Map(products.map((p) => [p.id, p]));
    const byNames = new Map<string, typeof products>();
    for (const p of products) {
      const key = `${foldVietnamese(p.name_vi)}|${foldVietnamese(p.producer_name)}`;
      byNames.set(key, [...(byNames.get(key) ?? []), p]);
    }
    const existing: { number: string; product_id: string; decision_date: string; issued_at: Date }[] =
      await manager.query(`SELECT number, product_id, decision_date::text, issued_at FROM certificates`);
    const numbers = new Set(existing.map((c) => c.number));
    // A product's certificates by decision date: the same decision twice is a duplicate, another is its history.
    const decided = new Map<string, string>(
      existing.map((c) => [`${c.product_id}|${c.decision_date}`, c.number]),
    );
    const issuedAtOf = new Map<string, Date[]>();
    for (const c of existing)
      issuedAtOf.set(c.product_id, [...(issuedAtOf.get(c.product_id) ?? []), c.issued_at]);
    const seenNumbers = new Set<string>();
    const seenDecisions = new Set<string>();
    const now = this.clock.now();
    const rows: ImportRow[] = records.map(({ line, values }) => {
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
      const stars = Number(values['stars']);
      if (!isCertifiedStars(stars))
        errors.push(bilingualError('số sao phải là 3, 4 hoặc 5', 'stars must be 3, 4 or 5'));
      const decisionRef = values['decision_ref'];
      if (!decisionRef) errors.push(bilingualError('thiếu số quyết định', 'decision_ref is missing'));
      const decisionDate = parseVietnameseDate(values['decision_date'] ?? '');
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
      if (product && decisionDate) {
        const key = `${product.id}|${decisionDate}`;
        const same = decided.get(key);
        if (same || seenDecisions.has(key)) {
          errors.push(
            bilingualError(
              same
                ? `sản phẩm đã có giấy chứng nhận ${same} theo quyết định ngày này`
                : 'sản phẩm có hai dòng cùng ngày quyết định trong tệp',
              same
                ? `the product already has certificate ${same} decided on this date`
                : 'the product appears twice in the file with the same decision_date',
            ),
          );
        }
        seenDecisions.add(key);
      }
      const validity = decisionDate ? certificateValidity(decisionDate) : undefined;
      const expiresAt = validity?.expiresAt;
      if (validity && validity.issuedAt > now)
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
    // What a certificate becomes also depends on the product's others, in the database and in the file.
    for (const row of rows)
      if (row.ok)
        issuedAtOf.set(row.productId as string, [
          ...(issuedAtOf.get(row.productId as string) ?? []),
          certificateValidity(row.decisionDate as string).issuedAt,
        ]);
    for (const row of rows) {
      if (!row.ok || !row.decisionDate) continue;
      const { issuedAt, expiresAt } = certificateValidity(row.decisionDate);
      const replaced = (issuedAtOf.get(row.productId as string) ?? []).some(
        (at) => at > issuedAt && at < expiresAt,
      );
      if (replaced) row.becomes = 'superseded';
    }
    return rows;
  }
}
