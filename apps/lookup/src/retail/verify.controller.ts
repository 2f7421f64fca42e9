import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { Roles } from '@ocop/auth';
import { buildDigitalLink, parseScannedCode } from '@ocop/ocop-domain';
import { CsvCell, CsvUploadError, readCsvUpload, uploadStream, writeCsv } from '@ocop/service-kit';
import { Type } from 'class-transformer';
import { IsArray, IsString, MaxLength } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { problem } from '../common/bilingual';
import { Clock } from '../common/clock';
import { LookupConfig } from '../config';
import { MAX_URI_LENGTH, Resolution, Resolved, verificationJson } from '../resolver/resolution';
import { ParseOutcome } from '../resolver/resolver-rules';
import { currentCertificate } from '../verification/verifier';

export class VerifyCodesDto {
  /** Codes as scanners and spreadsheets give them (see the README): Digital Links, element strings, GTINs. */
  @IsArray()
  @IsString({ each: true })
  @MaxLength(MAX_URI_LENGTH, { each: true })
  @Type(() => String)
  codes!: string[];
}

const PARALLEL = 8;
/** Longest line of an uploaded file: a code, and a spreadsheet's other columns. */
const MAX_ROW_BYTES = 8 * 1024;
const CSV_TYPE = 'text/csv';

/** What a retailer learns of one code. */
type VerifyResult = Record<string, unknown>;

/** The columns of the CSV answer, in order. */
const CSV_COLUMNS = [
  'code',
  'format',
  'outcome',
  'level',
  'reason_vi',
  'reason_en',
  'problem',
  'gtin',
  'product_code',
  'lot',
  'serial',
  'product_vi',
  'product_en',
  'producer',
  'stars',
  'certificate_number',
  'certificate_state',
  'certificate_expires_at',
  'batch_status',
] as const;

/**
 * Retailers check a delivery in bulk: one answer per code, in the order given, each with the OCOP stars and the
 * state of the product's certificate. Codes come as JSON or as a CSV file; the answer is JSON, or CSV on
 * `Accept: text/csv`. Not counted as consumer scans.
 */
@Controller('verify')
export class VerifyController {
  constructor(
    private readonly resolution: Resolution,
    private readonly config: LookupConfig,
    private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(200)
  @Roles('retailer', 'officer', 'admin')
  @ApiBearerAuth()
  @ApiProduces('application/json', CSV_TYPE)
  @ApiOperation({
    summary:
      'Xác thực tối đa VERIFY_MAX_CODES mã: Digital Link, chuỗi GS1, GTIN / Verify up to VERIFY_MAX_CODES codes: Digital Links, GS1 element strings, GTINs',
  })
  async verify(
    @Body() dto: VerifyCodesDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ results: VerifyResult[] } | string> {
    this.checkCount(dto.codes.length);
    return this.answer(await this.verifyAll(dto.codes), accept, reply);
  }

  @Post('csv')
  @HttpCode(200)
  @Roles('retailer', 'officer', 'admin')
  @ApiBearerAuth()
  @ApiConsumes(CSV_TYPE)
  @ApiProduces('application/json', CSV_TYPE)
  @ApiOperation({
    summary:
      'Xác thực các mã trong tệp CSV (cột "code", hoặc một mã mỗi dòng) / Verify the codes of a CSV file (a "code" column, or one code a line)',
  })
  async verifyFile(
    @Body() body: unknown,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ results: VerifyResult[] } | string> {
    // service.ts makes this route stream text/csv and text/plain; anything else arrives parsed or not at all.
    const file = uploadStream(body);
    if (!file) {
      throw problem(
        'verify-file-unreadable',
        400,
        'Gửi tệp CSV với Content-Type: text/csv',
        'Send the CSV file as text/csv',
        {
          field: 'body',
        },
      );
    }
    return this.answer(await this.verifyAll(await this.codesOf(file)), accept, reply);
  }

  private checkCount(count: number): void {
    if (count > this.config.VERIFY_MAX_CODES) {
      throw problem(
        'too-many-codes',
        413,
        `Tối đa ${this.config.VERIFY_MAX_CODES} mã mỗi lần`,
        `At most ${this.config.VERIFY_MAX_CODES} codes per request`,
        { max: this.config.VERIFY_MAX_CODES, received: count },
      );
    }
  }

  /**
   * The codes of an uploaded file: the "code" column when the first row names one (any letter case), else the first
   * cell of every row. Blank cells are skipped; each other cell is answered, in the file's order.
   */
  private async codesOf(file: NodeJS.ReadableStream): Promise<string[]> {
    let upload;
    try {
      upload = await readCsvUpload(file as never, {
        maxRows: this.config.VERIFY_MAX_CODES,
        maxRowBytes: MAX_ROW_BYTES,
        delimiter: 'detect',
      });
    } catch (err) {
      if (!(err instanceof CsvUploadError)) throw err;
      if (err.reason === 'too-many-rows') this.checkCount(this.config.VERIFY_MAX_CODES + 1);
      throw problem(
        'verify-file-unreadable',
        400,
        `Không đọc được tệp CSV: dòng ${err.line}: ${err.explanation}`,
        `The CSV cannot be read: line ${err.line}: ${err.explanation}`,
        { line: err.line, reason: err.reason },
      );
    }
    const records = upload.header ? [upload.header, ...upload.rows] : [];
    const named = records[0]?.fields.findIndex((f) => f.trim().toLowerCase() === 'code') ?? -1;
    const column = named < 0 ? 0 : named;
    const codes = records
      .slice(named < 0 ? 0 : 1)
      .map((r) => r.fields[column] ?? '')
      .filter((c) => c.trim() !== '');
    this.checkCount(codes.length);
    for (const [i, c] of codes.entries()) {
      if (c.length > MAX_URI_LENGTH) {
        throw problem(
          'verify-file-unreadable',
          400,
          `Mã thứ ${i + 1} dài quá ${MAX_URI_LENGTH} ký tự`,
          `Code ${i + 1} is longer than ${MAX_URI_LENGTH} characters`,
          { field: 'code', index: i },
        );
      }
    }
    return codes;
  }

  private async verifyAll(codes: string[]): Promise<VerifyResult[]> {
    const results: VerifyResult[] = new Array(codes.length);
    let next = 0;
    const worker = async () => {
      while (next < codes.length) {
        const i = next++;
        results[i] = await this.one(codes[i]);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    return results;
  }

  private async one(code: string): Promise<VerifyResult> {
    const now = this.clock.now();
    // GS1's two-digit years are read in Viet Nam's calendar year.
    const year = new Date(now.getTime() + 7 * 3600_000).getUTCFullYear();
    // A /t/ label of a product without GTIN (decision 0048), as its QR code reads, perhaps after the AIM
    // identifier of a QR Code: not GS1, so not for the GS1 reader; the resolver reads it as a scan does.
    const productCodeUri = /^(?:\][Qd]1)?https?:\/\/[^/?#]+(\/t\/.*)$/i.exec(code.trim());
    if (productCodeUri)
      return this.resolved(code, this.resolution.parse(productCodeUri[1]), 'product-code-link');
    const scanned = parseScannedCode(code, year);
    if (!scanned.ok) {
      return {
        code,
        outcome: 'invalid',
        problem: { reason: scanned.problem.code, field: scanned.problem.field },
        reason: { vi: scanned.problem.vi, en: scanned.problem.en },
      };
    }
    const base = this.config.LOOKUP_BASE_URL;
    return this.resolved(
      code,
      this.resolution.parse(buildDigitalLink(base, scanned.data, year).slice(base.length)),
      scanned.format,
    );
  }

  private async resolved(code: string, parsed: ParseOutcome, format: string): Promise<VerifyResult> {
    if (!parsed.ok) {
      return {
        code,
        outcome: 'invalid',
        problem: { reason: parsed.problem.code, field: parsed.problem.field },
        reason: { vi: parsed.problem.vi, en: parsed.problem.en },
      };
    }
    const resolved = await this.resolution.resolve(parsed.link);
    return {
      ...verificationJson(resolved, this.resolution.anchor(parsed.link)),
      code,
      format,
      ocop: ocopOf(resolved),
    };
  }

  private answer(
    results: VerifyResult[],
    accept: string | undefined,
    reply: FastifyReply,
  ): { results: VerifyResult[] } | string {
    if (!(accept ?? '').includes(CSV_TYPE)) return { results };
    void reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="ocop-verify.csv"');
    return writeCsv([[...CSV_COLUMNS], ...results.map(csvRow)]);
  }
}

/**
 * The OCOP certificate a code answers for: the product's current one (its stars, number, state and end), or null
 * when the product has none. `state` says whether the stars still stand: valid, expired, revoked or superseded.
 */
function ocopOf(resolved: Resolved): Record<string, unknown> | null {
  const certificate = resolved.item && currentCertificate(resolved.item.certificates, resolved.now);
  if (!certificate) return null;
  const state = certificate.revoked_at
    ? 'revoked'
    : certificate.superseded_at
      ? 'superseded'
      : new Date(certificate.expires_at) <= resolved.now
        ? 'expired'
        : 'valid';
  return {
    stars: certificate.stars,
    certificate: {
      number: certificate.number,
      state,
      expiresAt: new Date(certificate.expires_at).toISOString(),
    },
  };
}

function csvRow(r: VerifyResult): CsvCell[] {
  const get = <T>(path: string): T | undefined =>
    path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], r) as
      | T
      | undefined;
  const values: Record<(typeof CSV_COLUMNS)[number], CsvCell> = {
    code: get('code'),
    format: get('format'),
    outcome: get('outcome'),
    level: get('level'),
    reason_vi: get('reason.vi'),
    reason_en: get('reason.en'),
    problem: get('problem.reason'),
    gtin: get('gtin'),
    product_code: get('productCode'),
    lot: get('lot'),
    serial: get('serial'),
    product_vi: get('product.nameVi'),
    product_en: get('product.nameEn'),
    producer: get('producer.name'),
    stars: get('ocop.stars'),
    certificate_number: get('ocop.certificate.number'),
    certificate_state: get('ocop.certificate.state'),
    certificate_expires_at: get('ocop.certificate.expiresAt'),
    batch_status: get('batch.status'),
  };
  return CSV_COLUMNS.map((c) => values[c]);
}
