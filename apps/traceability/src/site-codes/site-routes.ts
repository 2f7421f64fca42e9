import { Body, Delete, Get, Headers, HttpCode, Post, Query, Res, Type } from '@nestjs/common';
import { ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import type { FastifyReply } from 'fastify';
import {
  DOCUMENT_MEDIA_TYPES,
  DocumentUploadQuery,
  DocumentViewDto,
  sendDocument,
  UuidParam,
} from '@ocop/service-kit';
import { RegisteredSites, SiteRecord } from './registered-sites';
import { ReviewActionParam } from './review-action.pipe';
import { REVIEW_ACTIONS, ReviewAction } from './site-lifecycle';
import { ExportCodeDto, ReviewDto, SiteHistoryView } from './site.dto';

/**
 * The routes a growing area and a packing house answer alike: reading one, its history, its export codes, its
 * documents and its review. Each kind's controller extends these under its own path, id parameter and view, and
 * adds what differs (registration, the list and amendment, whose bodies are the kind's own).
 */
export function SiteRoutes<V>(idParam: string, View: Type<V>, words: { exportCodeSummary: string }) {
  abstract class Routes {
    abstract readonly sites: RegisteredSites<SiteRecord, V>;

    @Get(`:${idParam}`)
    @ApiOkResponse({ type: View })
    get(@CurrentActor() actor: Actor, @UuidParam(idParam) id: string): Promise<V> {
      return this.sites.get(actor, id);
    }

    @Get(`:${idParam}/history`)
    @ApiOkResponse({ type: SiteHistoryView, isArray: true })
    history(@CurrentActor() actor: Actor, @UuidParam(idParam) id: string): Promise<SiteHistoryView[]> {
      return this.sites.history(actor, id);
    }

    @Post(`:${idParam}/export-codes`)
    @Roles('officer', 'admin')
    @HttpCode(200)
    @ApiOperation({ summary: words.exportCodeSummary })
    @ApiOkResponse({ type: View })
    addExportCode(
      @CurrentActor() actor: Actor,
      @UuidParam(idParam) id: string,
      @Body() body: ExportCodeDto,
    ): Promise<V> {
      return this.sites.addExportCode(actor, id, body);
    }

    @Post(`:${idParam}/documents`)
    @Roles('producer')
    @ApiConsumes(...DOCUMENT_MEDIA_TYPES)
    @ApiOperation({
      summary:
        'Nộp tài liệu kèm hồ sơ trước khi cấp mã (thân yêu cầu là tệp PDF, PNG hoặc JPEG) / file a document with the request before its code is issued (the body is the PDF, PNG or JPEG file)',
    })
    @ApiCreatedResponse({ type: DocumentViewDto })
    fileDocument(
      @CurrentActor() actor: Actor,
      @UuidParam(idParam) id: string,
      @Headers('content-type') contentType: string | undefined,
      @Query() query: DocumentUploadQuery,
      @Body() content: Buffer,
    ) {
      return this.sites.fileDocument(actor, id, contentType, query.fileName, content);
    }

    @Get(`:${idParam}/documents`)
    @ApiOperation({
      summary: 'Tài liệu kèm hồ sơ / the request’s documents (owner, officers in territory, admins)',
    })
    @ApiOkResponse({ type: DocumentViewDto, isArray: true })
    documents(@CurrentActor() actor: Actor, @UuidParam(idParam) id: string) {
      return this.sites.listDocuments(actor, id);
    }

    @Get(`:${idParam}/documents/:documentId`)
    @ApiOperation({ summary: 'Tải tài liệu về / download a document' })
    async downloadDocument(
      @CurrentActor() actor: Actor,
      @UuidParam(idParam) id: string,
      @UuidParam('documentId') documentId: string,
      @Res() reply: FastifyReply,
    ): Promise<void> {
      await sendDocument(reply, await this.sites.downloadDocument(actor, id, documentId));
    }

    @Delete(`:${idParam}/documents/:documentId`)
    @Roles('producer')
    @HttpCode(204)
    @ApiOperation({ summary: 'Xoá tài liệu trước khi cấp mã / remove a document before the code is issued' })
    removeDocument(
      @CurrentActor() actor: Actor,
      @UuidParam(idParam) id: string,
      @UuidParam('documentId') documentId: string,
    ) {
      return this.sites.removeDocument(actor, id, documentId);
    }

    @Post(`:${idParam}/:action`)
    @Roles('officer', 'admin')
    @HttpCode(200)
    @ApiParam({ name: 'action', enum: REVIEW_ACTIONS })
    @ApiOperation({
      summary:
        'Cấp, từ chối, đình chỉ, cấp lại, hủy mã / issue, reject, suspend, re-issue or cancel the code (officer in territory)',
    })
    @ApiOkResponse({ type: View })
    review(
      @CurrentActor() actor: Actor,
      @UuidParam(idParam) id: string,
      @ReviewActionParam() action: ReviewAction,
      @Body() body: ReviewDto,
    ): Promise<V> {
      return this.sites.review(actor, id, action, body.reason);
    }
  }
  return Routes;
}
