import { Body, Controller, Delete, Get, Headers, HttpCode, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import {
  DOCUMENT_MEDIA_TYPES,
  DocumentUploadQuery,
  DocumentViewDto,
  sendDocument,
  UuidParam,
} from '@ocop/service-kit';
import type { FastifyReply } from 'fastify';
import { ProducerDocuments } from './producer-documents.service';

@ApiTags('producers')
@ApiBearerAuth()
@Controller('producers/:producerId/documents')
export class ProducerDocumentsController {
  constructor(private readonly documents: ProducerDocuments) {}

  @Post()
  @Roles('admin', 'officer', 'producer')
  @ApiConsumes(...DOCUMENT_MEDIA_TYPES)
  @ApiOperation({
    summary:
      'Nộp tài liệu đăng ký (thân yêu cầu là tệp PDF, PNG hoặc JPEG) / file a registration document (the body is the PDF, PNG or JPEG file)',
    description:
      'Khi đăng ký hoặc thay đổi thông tin đang chờ xác minh; tối đa 20 tài liệu / while the registration or an identity change waits for review; at most 20 documents',
  })
  @ApiCreatedResponse({ type: DocumentViewDto })
  file(
    @CurrentActor() actor: Actor,
    @UuidParam('producerId') producerId: string,
    @Headers('content-type') contentType: string | undefined,
    @Query() query: DocumentUploadQuery,
    @Body() content: Buffer,
  ) {
    return this.documents.file(actor, producerId, contentType, query.fileName, content);
  }

  @Get()
  @ApiOperation({
    summary: 'Tài liệu đăng ký của chủ thể / a producer’s registration documents',
    description:
      'Chủ thể, cán bộ trong địa bàn và quản trị / the producer, officers of its territory and admins',
  })
  @ApiOkResponse({ type: DocumentViewDto, isArray: true })
  list(@CurrentActor() actor: Actor, @UuidParam('producerId') producerId: string) {
    return this.documents.list(actor, producerId);
  }

  @Get(':documentId')
  @ApiOperation({ summary: 'Tải tài liệu về / download a document' })
  async download(
    @CurrentActor() actor: Actor,
    @UuidParam('producerId') producerId: string,
    @UuidParam('documentId') documentId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendDocument(reply, await this.documents.download(actor, producerId, documentId));
  }

  @Delete(':documentId')
  @HttpCode(204)
  @Roles('admin', 'officer', 'producer')
  @ApiOperation({ summary: 'Xoá tài liệu khi còn chờ xác minh / remove a document while review waits' })
  remove(
    @CurrentActor() actor: Actor,
    @UuidParam('producerId') producerId: string,
    @UuidParam('documentId') documentId: string,
  ) {
    return this.documents.remove(actor, producerId, documentId);
  }
}
