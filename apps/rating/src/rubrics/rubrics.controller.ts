import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { CsvSyntaxError, parseCsvRows } from '@ocop/ocop-domain';
import { Public, UuidParam } from '@ocop/service-kit';
import type { FastifyRequest } from 'fastify';
import { RatingProblems } from '../common/problems';
import { ImportFile, RubricCatalog } from './rubric-catalog';
import { ImportSheetsQuery } from './rubrics.dto';
import { XLSX_TYPE, xlsxRows } from './spreadsheet-rows';

/**
 * The scoring sheets are public law: anyone may read them, their revisions and their validation report. Who
 * imported and activated what is for officers; importing and activating is the administrator's (decision 0031).
 */
@ApiTags('rubrics')
@Controller('rubrics')
export class RubricsController {
  constructor(@Inject(RubricCatalog) private readonly catalog: RubricCatalog) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Các phiên bản bộ tiêu chí / Rubric versions' })
  async versions() {
    const validation = await this.catalog.validation();
    return validation.map((v) => {
      const spec = this.catalog.spec(v.version);
      return {
        version: spec.id,
        nameVi: spec.nameVi,
        nameEn: spec.nameEn,
        legalBasis: spec.legalBasis,
        partMaxima: spec.partMaxima,
        sets: spec.sets.map((s) => ({
          setCode: s.code,
          ...(s.no !== undefined ? { setNo: s.no } : {}),
          name: s.nameVi,
        })),
        usableSets: v.usableSets,
        provisionalSets: v.provisionalSets,
        unusableSets: v.unusableSets,
      };
    });
  }

  @Get('validation')
  @Public()
  @ApiOperation({
    summary:
      'Trạng thái mọi phiếu đánh giá: dùng được, dùng tạm, không dùng được (và lý do) / Every sheet’s state: usable, provisional, unusable (and why)',
  })
  validation() {
    return this.catalog.validation();
  }

  @Get('sheets/:sheetId')
  @Public()
  @ApiOperation({
    summary: 'Một lần sửa của phiếu, với báo cáo kiểm tra / One revision of a sheet, with its report',
  })
  revision(@UuidParam('sheetId') sheetId: string) {
    return this.catalog.revisionView(sheetId);
  }

  @Get(':version/sets/:set')
  @Public()
  @ApiOperation({
    summary:
      'Phiếu đánh giá đang dùng của một bộ sản phẩm (mã bộ, hoặc số bộ của QĐ 148) / The active sheet of a product set (its code, or its QĐ 148 number)',
  })
  set(@Param('version') version: string, @Param('set') set: string) {
    return this.catalog.activeSet(version, set);
  }

  @Get(':version/sets/:set/history')
  @ApiBearerAuth()
  @Roles('officer', 'admin')
  @ApiOperation({
    summary: 'Các lần sửa của phiếu, ai làm, khi nào / Every revision of a sheet, who and when',
  })
  history(@Param('version') version: string, @Param('set') set: string) {
    return this.catalog.history(version, set);
  }

  @Post(':version/sheets')
  @ApiBearerAuth()
  @Roles('admin')
  @ApiConsumes('text/csv', XLSX_TYPE)
  @ApiOperation({
    summary:
      'Nhập phiếu đánh giá (CSV hoặc XLSX) thành bản nháp, kèm báo cáo kiểm tra / Import scoring sheets (CSV or XLSX) as drafts, with their validation report',
    description:
      'Tree format, one row per part, section, criterion or option: set_code or set_no or set_name, level (0–3), title, score, and optionally description, min_star_marker, unverified. The flat QĐ 1048 format (part, section, criterion, option_points, option_text, product_set_name) is read too.',
  })
  async import(
    @CurrentActor() actor: Actor,
    @Param('version') version: string,
    @Query() query: ImportSheetsQuery,
    @Req() request: FastifyRequest,
    @Body() body: unknown,
  ) {
    const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    // An upload route (service.ts): the file's bytes, whatever their type.
    const file: ImportFile | undefined = !Buffer.isBuffer(body)
      ? undefined
      : type === XLSX_TYPE
        ? { format: 'xlsx', rows: await readXlsx(body), fileName: query.fileName ?? null }
        : type === 'text/csv' || type === 'text/plain'
          ? { format: 'csv', rows: readCsv(body.toString('utf8')), fileName: query.fileName ?? null }
          : undefined;
    if (!file) {
      throw RatingProblems.invalid(
        'body',
        `gửi tệp với Content-Type: text/csv hoặc ${XLSX_TYPE}`,
        `send the file as text/csv or ${XLSX_TYPE}`,
      );
    }
    return this.catalog.import(actor, version, file, query.note ?? null);
  }

  @Post('sheets/:sheetId/activate')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('admin')
  @ApiOperation({
    summary:
      'Kích hoạt một lần sửa (chỉ phiếu hợp lệ); đợt mới dùng nó, đợt đang mở giữ phiếu đã ghim / Activate a revision (valid ones only); new rounds pin it, open rounds keep theirs',
  })
  activate(@CurrentActor() actor: Actor, @UuidParam('sheetId') sheetId: string) {
    return this.catalog.activate(actor, sheetId);
  }
}

function readCsv(body: string) {
  try {
    return parseCsvRows(body);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    throw RatingProblems.unprocessable(
      'rubric-import-unreadable',
      `Không đọc được tệp: ${err.message}`,
      `The file cannot be read: ${err.message}`,
      { line: err.line },
    );
  }
}

async function readXlsx(body: Buffer) {
  try {
    return await xlsxRows(body);
  } catch {
    throw RatingProblems.unprocessable(
      'rubric-import-unreadable',
      'Không đọc được tệp XLSX',
      'The XLSX file cannot be read',
    );
  }
}
