import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import type { FastifyReply } from 'fastify';
import { RatingProblems } from '../common/problems';
import { uploadStream, UuidParam, contentDisposition } from '@ocop/service-kit';
import { RatingConfig } from '../config';
import { CertificateImportService } from './certificate-import.service';
import { certificateIssuer } from './certificate-issuer';
import { renderCertificatePdf } from './certificate-pdf';
import { CertificateListQuery, ImportQuery, RevokeCertificateDto } from './certificate.dto';
import { CertificatesService } from './certificates.service';

@ApiTags('certificates')
@ApiBearerAuth()
@Controller('certificates')
export class CertificatesController {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly imports: CertificateImportService,
    private readonly config: RatingConfig,
  ) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: CertificateListQuery) {
    return this.certificates.list(actor, query);
  }

  @Post('import')
  @HttpCode(200)
  @Roles('officer', 'admin')
  @ApiConsumes('text/csv')
  @ApiOperation({
    summary:
      'Nhập giấy chứng nhận cấp trước khi có hệ thống (CSV; mặc định chạy thử) / Import pre-platform certificates (CSV; dry run by default)',
    description: `Columns: product_name, producer_name, stars, decision_ref, decision_date, and optionally product_id and certificate_number.`,
  })
  import(@CurrentActor() actor: Actor, @Query() query: ImportQuery, @Body() body: unknown) {
    // service.ts makes this route stream text/csv and text/plain; anything else arrives parsed or not at all.
    const csv = uploadStream(body);
    if (!csv) {
      throw RatingProblems.invalid(
        'body',
        'gửi tệp CSV với Content-Type: text/csv',
        'send the CSV file as text/csv',
      );
    }
    return this.imports.import(actor, csv, query.dryRun !== 'false');
  }

  @Get(':certificateId')
  async get(@CurrentActor() actor: Actor, @UuidParam('certificateId') certificateId: string) {
    return this.certificates.view(await this.certificates.get(actor, certificateId));
  }

  @Get(':certificateId/pdf')
  @ApiOperation({ summary: 'Giấy chứng nhận để in (PDF) / Printable certificate (PDF)' })
  async pdf(
    @CurrentActor() actor: Actor,
    @UuidParam('certificateId') certificateId: string,
    @Res() reply: FastifyReply,
  ) {
    const certificate = await this.certificates.get(actor, certificateId);
    const pdf = await renderCertificatePdf({
      certificate,
      issuer: certificateIssuer(certificate, {
        central: { vi: this.config.CENTRAL_ISSUER_VI, en: this.config.CENTRAL_ISSUER_EN },
        provinceOverrides: this.config.PROVINCE_ISSUERS,
      }),
      verifyUrl: this.certificates.verifyUrl(certificate.number),
      compress: this.config.CERTIFICATE_PDF_COMPRESS,
    });
    await reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', contentDisposition('inline', `${certificate.number}.pdf`))
      .header('cache-control', 'private, no-store')
      .send(pdf);
  }

  @Post(':certificateId/revoke')
  @HttpCode(200)
  @Roles('officer', 'admin')
  @ApiOperation({ summary: 'Thu hồi giấy chứng nhận / Revoke a certificate' })
  revoke(
    @CurrentActor() actor: Actor,
    @UuidParam('certificateId') certificateId: string,
    @Body() dto: RevokeCertificateDto,
  ) {
    return this.certificates.revoke(actor, certificateId, dto.reason);
  }
}
