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
import { PackingHouseInput, PackingHouseListQuery, PackingHouseView } from './packing-house.dto';
import { PackingHousesService } from './packing-houses.service';

@ApiTags('packing-houses')
@ApiBearerAuth()
@Controller('packing-houses')
export class PackingHousesController {
  constructor(
    private readonly houses: PackingHousesService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Post()
  @Roles('producer', 'admin')
  @AcceptsIdempotencyKey()
  @ApiOperation({ summary: 'Đăng ký cơ sở đóng gói / register a packing house (awaits an officer’s review)' })
  @ApiCreatedResponse({ type: PackingHouseView })
  async register(
    @CurrentActor() actor: Actor,
    @Body() body: PackingHouseInput,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PackingHouseView> {
    return answer(
      reply,
      await this.idempotency.run(actor, key, 'packing-house.register', body, (manager) =>
        this.houses.register(manager, actor, body),
      ),
    );
  }

  @Get()
  @ApiOperation({
    summary: 'Cơ sở đóng gói / packing houses the caller may see (own, or in the officer’s territory)',
  })
  @ApiOkResponse({ description: 'A page of packing houses, newest first' })
  list(@CurrentActor() actor: Actor, @Query() query: PackingHouseListQuery): Promise<Page<PackingHouseView>> {
    return this.houses.list(actor, query);
  }

  @Get(':packingHouseId')
  @ApiOkResponse({ type: PackingHouseView })
  get(@CurrentActor() actor: Actor, @UuidParam('packingHouseId') id: string): Promise<PackingHouseView> {
    return this.houses.get(actor, id);
  }

  @Put(':packingHouseId')
  @Roles('producer', 'admin')
  @ApiOperation({ summary: 'Sửa hồ sơ trước khi cấp mã / amend the registration before the code is issued' })
  @ApiOkResponse({ type: PackingHouseView })
  amend(
    @CurrentActor() actor: Actor,
    @UuidParam('packingHouseId') id: string,
    @Body() body: PackingHouseInput,
  ): Promise<PackingHouseView> {
    return this.houses.amend(actor, id, body);
  }

  @Get(':packingHouseId/history')
  @ApiOkResponse({ type: SiteHistoryView, isArray: true })
  history(@CurrentActor() actor: Actor, @UuidParam('packingHouseId') id: string): Promise<SiteHistoryView[]> {
    return this.houses.history(actor, id);
  }

  @Post(':packingHouseId/export-codes')
  @Roles('officer', 'admin')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Ghi nhận mã cơ sở đóng gói xuất khẩu (PHC) / record an export code (PHC) as a reference',
  })
  @ApiOkResponse({ type: PackingHouseView })
  addExportCode(
    @CurrentActor() actor: Actor,
    @UuidParam('packingHouseId') id: string,
    @Body() body: ExportCodeDto,
  ): Promise<PackingHouseView> {
    return this.houses.addExportCode(actor, id, body);
  }

  @Post(':packingHouseId/documents')
  @Roles('producer')
  @ApiConsumes(...DOCUMENT_MEDIA_TYPES)
  @ApiOperation({
    summary:
      'Nộp tài liệu kèm hồ sơ trước khi cấp mã (thân yêu cầu là tệp PDF, PNG hoặc JPEG) / file a document with the request before its code is issued (the body is the PDF, PNG or JPEG file)',
  })
  @ApiCreatedResponse({ type: DocumentViewDto })
  fileDocument(
    @CurrentActor() actor: Actor,
    @UuidParam('packingHouseId') id: string,
    @Headers('content-type') contentType: string | undefined,
    @Query() query: DocumentUploadQuery,
    @Body() content: Buffer,
  ) {
    return this.houses.fileDocument(actor, id, contentType, query.fileName, content);
  }

  @Get(':packingHouseId/documents')
  @ApiOperation({
    summary: 'Tài liệu kèm hồ sơ / the request’s documents (owner, officers in territory, admins)',
  })
  @ApiOkResponse({ type: DocumentViewDto, isArray: true })
  documents(@CurrentActor() actor: Actor, @UuidParam('packingHouseId') id: string) {
    return this.houses.listDocuments(actor, id);
  }

  @Get(':packingHouseId/documents/:documentId')
  @ApiOperation({ summary: 'Tải tài liệu về / download a document' })
  async downloadDocument(
    @CurrentActor() actor: Actor,
    @UuidParam('packingHouseId') id: string,
    @UuidParam('documentId') documentId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendDocument(reply, await this.houses.downloadDocument(actor, id, documentId));
  }

  @Delete(':packingHouseId/documents/:documentId')
  @Roles('producer')
  @HttpCode(204)
  @ApiOperation({ summary: 'Xoá tài liệu trước khi cấp mã / remove a document before the code is issued' })
  removeDocument(
    @CurrentActor() actor: Actor,
    @UuidParam('packingHouseId') id: string,
    @UuidParam('documentId') documentId: string,
  ) {
    return this.houses.removeDocument(actor, id, documentId);
  }

  @Post(':packingHouseId/:action')
  @Roles('officer', 'admin')
  @HttpCode(200)
  @ApiParam({ name: 'action', enum: REVIEW_ACTIONS })
  @ApiOperation({
    summary:
      'Cấp, từ chối, đình chỉ, cấp lại, hủy mã / issue, reject, suspend, re-issue or cancel the code (officer in territory)',
  })
  @ApiOkResponse({ type: PackingHouseView })
  review(
    @CurrentActor() actor: Actor,
    @UuidParam('packingHouseId') id: string,
    @ReviewActionParam() action: ReviewAction,
    @Body() body: ReviewDto,
  ): Promise<PackingHouseView> {
    return this.houses.review(actor, id, action, body.reason);
  }
}
