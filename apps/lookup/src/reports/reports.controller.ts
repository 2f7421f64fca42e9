import { Body, Controller, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { LookupEvents, ReportFiledV1 } from '@ocop/contracts';
import { EventOutbox } from '@ocop/messaging';
import { Public } from '@ocop/service-kit';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource, EntityManager } from 'typeorm';
import { problem } from '../common/bilingual';
import { Clock } from '../common/clock';
import { LookupConfig } from '../config';
import { Resolved, Resolution } from '../resolver/resolution';
import { itemKeyOf, keyJson, scannedKeyPath } from '../resolver/scanned-link';
import { clientHash } from '../scans/client-hash';

export const REPORT_CATEGORIES = ['counterfeit', 'quality', 'label', 'other'] as const;

/** How much of the message a notice quotes: enough to triage from the inbox, the rest is in the case. */
const EXCERPT_MAX = 280;

function excerpt(message: string): string {
  const chars = Array.from(message.trim());
  return chars.length <= EXCERPT_MAX ? chars.join('') : `${chars.slice(0, EXCERPT_MAX - 1).join('')}…`;
}

export class ProblemReportDto {
  /** The scanned Digital Link (as the page's form sends it). */
  @IsString()
  @MaxLength(2048)
  code!: string;

  @IsIn(REPORT_CATEGORIES)
  category!: (typeof REPORT_CATEGORIES)[number];

  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  message!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  contact?: string;

  @IsOptional()
  @IsIn(['vi', 'en'])
  lang?: 'vi' | 'en';
}

/**
 * Consumers report a problem with a scanned item (the page's form, or JSON); rate-limited per client
 * (REPORT_LIMIT_PER_HOUR). The report becomes a case for the officers of the producer's territory (ReportCases),
 * and `ocop.lookup.report.filed` commits with it, so that notifications tells them and the producer (decision
 * 0046). A form post is answered with 303 back to the page, at its confirmation.
 */
@Controller('reports')
export class ReportsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resolution: Resolution,
    private readonly config: LookupConfig,
    private readonly outbox: EventOutbox,
    private readonly clock: Clock,
  ) {}

  @Post()
  @Public()
  @HttpCode(201)
  @ApiOperation({ summary: 'Report a problem with a scanned product' })
  async report(
    @Body() dto: ProblemReportDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('content-type') contentType?: string,
  ): Promise<{ reportId: string } | undefined> {
    const match = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]+(.*)$/.exec(dto.code.trim());
    const parsed = this.resolution.parse(match ? match[1] : dto.code.trim());
    if (!parsed.ok) {
      throw problem('invalid-digital-link', 400, parsed.problem.vi, parsed.problem.en, {
        reason: parsed.problem.code,
        field: 'code',
      });
    }
    const { link } = parsed;
    const resolved = await this.resolution.resolve(link);
    const reportId = await this.dataSource.transaction((manager) =>
      this.file(
        manager,
        dto,
        resolved,
        clientHash(this.config.SCAN_CLIENT_SECRET, req.ip, req.headers['user-agent']),
      ),
    );
    if (contentType?.startsWith('application/x-www-form-urlencoded')) {
      // Back to the item's page, written from the parsed link rather than from what was posted: a header value
      // cannot carry a line break or a non-ASCII character, and the form field may hold either.
      const query = new URLSearchParams(parsed.query);
      query.delete('reported');
      query.delete('lang');
      query.set('reported', '1');
      if (dto.lang) query.set('lang', dto.lang);
      // The fragment lands the reloaded page on its thank-you (id="reported"), not at the top where the form is not.
      void reply.code(303).header('location', `/p${scannedKeyPath(link)}?${query.toString()}#reported`);
      return undefined;
    }
    return { reportId };
  }

  /**
   * Stores the report with what lookup knows of its item now (a snapshot: the read model may be rebuilt or the
   * producer move, the case stays where it was filed) and records the event in the same transaction.
   */
  private async file(
    manager: EntityManager,
    dto: ProblemReportDto,
    resolved: Resolved,
    client: string,
  ): Promise<string> {
    const { link, item } = resolved;
    const product = item?.product;
    // Under every unit map: an officer's territory is written in the codes of one (decision 0046).
    const places = item?.producer?.places;
    const hasPlaces = !!places && Object.keys(places).length > 0;
    const filedAt = this.clock.now();
    const [row] = (await manager.query(
      `INSERT INTO problem_reports (gtin, lot, serial, product_id, producer_id, product_name_vi, product_name_en,
                                    outcome, places, category, message, contact, client_hash, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [
        itemKeyOf(link),
        link.lot ?? null,
        link.serial ?? null,
        product?.id ?? null,
        product?.producer_id ?? null,
        product?.name_vi ?? null,
        product?.name_en ?? null,
        resolved.verification.outcome,
        hasPlaces ? JSON.stringify(places) : null,
        dto.category,
        dto.message,
        dto.contact ?? null,
        client,
        filedAt,
      ],
    )) as { id: string }[];
    const data: ReportFiledV1 = {
      reportId: row.id,
      category: dto.category,
      messageExcerpt: excerpt(dto.message),
      hasContact: !!dto.contact?.trim(),
      ...keyJson(link),
      ...(link.lot !== undefined ? { lot: link.lot } : {}),
      ...(link.serial !== undefined ? { serial: link.serial } : {}),
      outcome: resolved.verification.outcome,
      ...(product
        ? {
            product: {
              productId: product.id,
              nameVi: product.name_vi,
              ...(product.name_en ? { nameEn: product.name_en } : {}),
            },
            producerId: product.producer_id,
          }
        : {}),
      ...(hasPlaces ? { places } : {}),
      filedAt: filedAt.toISOString(),
    };
    await this.outbox.add(manager, { type: LookupEvents.reportFiled, subject: row.id, data });
    return row.id;
  }
}
