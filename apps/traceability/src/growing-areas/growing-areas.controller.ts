import { Body, Controller, Delete, Get, Headers, HttpCode, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import type { FastifyReply } from 'fastify';
import {
  AcceptsIdempotencyKey,
  answer,
  DOCUMENT_MEDIA_TYPES,
  DocumentUploadQuery,
  DocumentViewDto,
  IdempotencyKey,
  IdempotencyService,
  Page,
  sendDocument,
  UuidParam,
} from '@ocop/service-kit';
import { ReviewActionParam } from '../site-codes/review-action.pipe';
import { ExportCodeDto, ReviewDto, SiteHistoryView } from '../site-codes/site.dto';
import { REVIEW_ACTIONS, ReviewAction } from '../site-codes/site-lifecycle';
import { GrowingAreaInput, GrowingAreaListQuery, GrowingAreaView } from './growing-area.dto';
import { GrowingAreasService } from './growing-areas.service';

@ApiTags('growing-areas')
@ApiBearerAuth()
@Controller('growing-areas')
export class GrowingAreasController {
  constructor(
    private readonly areas: GrowingAreasService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Post()
  @Roles('producer', 'admin')
  @AcceptsIdempotencyKey()
  @ApiOperation({ summary: 'Đăng ký vùng trồng / register a growing area (awaits an officer’s review)' })
  @ApiCreatedResponse({ type: GrowingAreaView })
  async register(
    @CurrentActor() actor: Actor,
    @Body() body: GrowingAreaInput,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GrowingAreaView> {
    return answer(
      reply,
      await this.idempotency.run(actor, key, 'growing-area.register', body, (manager) =>
        this.areas.register(manager, actor, body),
      ),
    );
  }

  @Get()
  @ApiOperation({
    summary: 'Vùng trồng / growing areas the caller may see (own, or in the officer’s territory)',
  })
  @ApiOkResponse({ description: 'A page of growing areas, newest first' })
  list(@CurrentActor() actor: Actor, @Query() query: GrowingAreaListQuery): Promise<Page<GrowingAreaView>> {
    return this.areas.list(actor, query);
  }

  @Get(':growingAreaId')
  @ApiOkResponse({ type: GrowingAreaView })
  get(@CurrentActor() actor: Actor, @UuidParam('growingAreaId') id: string): Promise<GrowingAreaView> {
    return this.areas.get(actor, id);
  }

  @Put(':growingAreaId')
  @Roles('producer', 'admin')
  @ApiOperation({ summary: 'Sửa hồ sơ trước khi cấp mã / amend the registration before the code is issued' })
  @ApiOkResponse({ type: GrowingAreaView })
  amend(
    @CurrentActor() actor: Actor,
    @UuidParam('growingAreaId') id: string,
    @Body() body: GrowingAreaInput,
  ): Promise<GrowingAreaView> {
    return this.areas.amend(actor, id, body);
  }

  @Get(':growingAreaId/history')
  @ApiOkResponse({ type: SiteHistoryView, isArray: true })
  history(@CurrentActor() actor: Actor, @UuidParam('growingAreaId') id: string): Promise<SiteHistoryView[]> {
    return this.areas.history(actor, id);
  }

  @Post(':growingAreaId/export-codes')
  @Roles('officer', 'admin')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Ghi nhận mã vùng trồng xuất khẩu (PUC) / record an export code (PUC) as a reference',
  })
  @ApiOkResponse({ type: GrowingAreaView })
  addExportCode(
    @CurrentActor() actor: Actor,
    @UuidParam('growingAreaId') id: string,
    @Body() body: ExportCodeDto,
  ): Promise<GrowingAreaView> {
    return this.areas.addExportCode(actor, id, body);
  }

  @Post(':growingAreaId/documents')
  @Roles('producer')
  @ApiConsumes(...DOCUMENT_MEDIA_TYPES)
  @ApiOperation({
    summary:
      'Nộp tài liệu kèm hồ sơ trước khi cấp mã (thân yêu cầu là tệp PDF, PNG hoặc JPEG) / file a document with the request before its code is issued (the body is the PDF, PNG or JPEG file)',
  })
  @ApiCreatedResponse({ type: DocumentViewDto })
  fileDocument(
    @CurrentActor() actor: Actor,
    @UuidParam('growingAreaId') id: string,
    @Headers('content-type') contentType: string | undefined,
    @Query() query: DocumentUploadQuery,
    @Body() content: Buffer,
  ) {
    return this.areas.fileDocument(actor, id, contentType, query.fileName, content);
  }

  @Get(':growingAreaId/documents')
  @ApiOperation({
    summary: 'Tài liệu kèm hồ sơ / the request’s documents (owner, officers in territory, admins)',
  })
  @ApiOkResponse({ type: DocumentViewDto, isArray: true })
  documents(@CurrentActor() actor: Actor, @UuidParam('growingAreaId') id: string) {
    return this.areas.listDocuments(actor, id);
  }

  @Get(':growingAreaId/documents/:documentId')
  @ApiOperation({ summary: 'Tải tài liệu về / download a document' })
  async downloadDocument(
    @CurrentActor() actor: Actor,
    @UuidParam('growingAreaId') id: string,
    @UuidParam('documentId') documentId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendDocument(reply, await this.areas.downloadDocument(actor, id, documentId));
  }

  @Delete(':growingAreaId/documents/:documentId')
  @Roles('producer')
  @HttpCode(204)
  @ApiOperation({ summary: 'Xoá tài liệu trước khi cấp mã / remove a document before the code is issued' })
  removeDocument(
    @CurrentActor() actor: Actor,
    @UuidParam('growingAreaId') id: string,
    @UuidParam('documentId') documentId: string,
  ) {
    return this.areas.removeDocument(actor, id, documentId);
  }

  @Post(':growingAreaId/:action')
  @Roles('officer', 'admin')
  @HttpCode(200)
  @ApiParam({ name: 'action', enum: REVIEW_ACTIONS })
  @ApiOperation({
    summary:
      'Cấp, từ chối, đình chỉ, cấp lại, hủy mã / issue, reject, suspend, re-issue or cancel the code (officer in territory)',
  })
  @ApiOkResponse({ type: GrowingAreaView })
  review(
    @CurrentActor() actor: Actor,
    @UuidParam('growingAreaId') id: string,
    @ReviewActionParam() action: ReviewAction,
    @Body() body: ReviewDto,
  ): Promise<GrowingAreaView> {
    return this.areas.review(actor, id, action, body.reason);
  }
}
