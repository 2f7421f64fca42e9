import { Body, Controller, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Public } from '@ocop/service-kit';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { problem } from '../common/bilingual';
import { LookupConfig } from '../config';
import { itemKeyOf, scannedKeyPath } from '../resolver/scanned-link';
import { Resolution } from '../resolver/resolution';
import { clientHash } from '../scans/client-hash';

export const REPORT_CATEGORIES = ['counterfeit', 'quality', 'label', 'other'] as const;

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
 * Consumers report a problem with a scanned item (the page's form, or JSON). Stored for officers; rate-limited
 * per client (REPORT_LIMIT_PER_HOUR). A form post is answered with 303 back to the page, at its confirmation.
 */
@Controller('reports')
export class ReportsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resolution: Resolution,
    private readonly config: LookupConfig,
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
    const [row] = (await this.dataSource.query(
      `INSERT INTO problem_reports (gtin, lot, serial, product_id, category, message, contact, client_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        itemKeyOf(link),
        link.lot ?? null,
        link.serial ?? null,
        resolved.item?.product.id ?? null,
        dto.category,
        dto.message,
        dto.contact ?? null,
        clientHash(this.config.SCAN_CLIENT_SECRET, req.ip, req.headers['user-agent']),
      ],
    )) as { id: string }[];
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
    return { reportId: row.id };
  }
}
