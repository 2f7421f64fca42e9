import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { Public, UuidParam } from '@ocop/service-kit';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { CatalogueProblems } from '../../common/problems';
import { ProductView } from '../product-views';
import { ProductPhotos } from './product-photos';

export class PhotoUploadQuery {
  /** Alternative text of the photo (what it shows), for screen readers. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  caption?: string;
}

@ApiTags('products')
@Controller()
export class ProductPhotosController {
  constructor(private readonly photos: ProductPhotos) {}

  @Post('products/:productId/photos')
  @HttpCode(201)
  @ApiBearerAuth()
  @Roles('admin', 'officer', 'producer')
  @ApiConsumes('image/jpeg', 'image/png', 'image/webp')
  @ApiOperation({
    summary:
      'Tải ảnh sản phẩm lên (thân yêu cầu là ảnh JPEG, PNG hoặc WebP) / upload a product photo (the body is the JPEG, PNG or WebP image)',
  })
  upload(
    @CurrentActor() actor: Actor,
    @UuidParam('productId') productId: string,
    @Headers('content-type') contentType: string | undefined,
    @Query() query: PhotoUploadQuery,
    @Body() content: Buffer,
  ): Promise<ProductView> {
    return this.photos.upload(actor, productId, contentType ?? '', content, query.caption);
  }

  @Get('photos/:file')
  @Public()
  @ApiOperation({
    summary: 'Ảnh sản phẩm, WebP 4:3 (…-320.webp, ….webp = 640, …-1280.webp) / a product photo, WebP 4:3',
  })
  async photo(
    @Param('file') file: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const photo = await this.photos.render(file);
    if (!photo) throw CatalogueProblems.notFound('ảnh', 'Photo');
    // The name carries the content hash: the bytes behind a URL never change, so anyone may keep them for a year.
    void reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', photo.etag)
      .header('x-content-type-options', 'nosniff')
      .header('cross-origin-resource-policy', 'cross-origin');
    if (ifNoneMatch === photo.etag) {
      await reply.code(304).send();
      return;
    }
    await reply.type('image/webp').send(photo.body);
  }
}
