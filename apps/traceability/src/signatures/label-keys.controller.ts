import { Body, Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@ocop/auth';
import {
  parseDigitalLink,
  parseProductCodeLink,
  productCodeSignedMessage,
  unitSignedMessage,
} from '@ocop/ocop-domain';
import { Public } from '@ocop/service-kit';
import { bilingual } from '../common/bilingual';
import { yearInVietnam } from '../common/vietnam-time';
import {
  LabelKeyListView,
  LabelVerificationView,
  PublishedLabelKeysView,
  RevokeLabelKeyDto,
  RotatedLabelKeyView,
  VerifyLabelDto,
} from './label-keys.dto';
import { LabelKeys } from './label-keys.service';

export const SIGNED_MESSAGE_DESCRIPTION =
  'Ed25519 over the UTF-8 GS1 element string of the label without AI 8030: "01"+GTIN-14, then 22/10/21 when ' +
  'present, then the other AIs in ascending order, each as AI+value, with GS (U+001D) after each variable-length ' +
  'element that is not last; signature in base64url without padding (AI 8030). Try every key not revoked.';

@ApiTags('label-keys')
@Controller()
export class LabelKeysController {
  constructor(private readonly keys: LabelKeys) {}

  @Public()
  @Get('.well-known/ocop-label-keys.json')
  // Verifiers may cache for an hour: a new key only signs labels printed after it appears.
  @Header('cache-control', 'public, max-age=3600')
  @ApiOperation({
    summary: 'Khóa công khai kiểm tra chữ ký tem / public keys that verify unit labels offline',
  })
  @ApiOkResponse({ type: PublishedLabelKeysView })
  async published(): Promise<PublishedLabelKeysView> {
    return { keys: await this.keys.published(), signedMessage: SIGNED_MESSAGE_DESCRIPTION };
  }

  @Public()
  @Post('label-signatures/verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Kiểm tra chữ ký trên tem / check the signature of a scanned label URI' })
  @ApiOkResponse({ type: LabelVerificationView })
  async verify(@Body() body: VerifyLabelDto): Promise<LabelVerificationView> {
    const unsigned = {
      valid: false as const,
      reason: bilingual('tem không có chữ ký', 'the label carries no signature'),
    };
    let signed: { message: Buffer; signature: string };
    // A /t/ label (a product without GTIN, decision 0048) signs its code, lot and serial.
    if (/^https?:\/\/[^/?#]+\/t\//i.test(body.uri)) {
      const parsed = parseProductCodeLink(body.uri);
      if (!parsed.ok) return { valid: false, reason: bilingual(parsed.problem.vi, parsed.problem.en) };
      const { code, lot, serial, signature } = parsed.value;
      if (!signature || serial === undefined) return unsigned;
      signed = { message: productCodeSignedMessage({ code, lot, serial }), signature };
    } else {
      const parsed = parseDigitalLink(body.uri, yearInVietnam());
      if (!parsed.ok) return { valid: false, reason: bilingual(parsed.problem.vi, parsed.problem.en) };
      const signature = parsed.value.attributes['8030'];
      if (!signature || parsed.value.serial === undefined) return unsigned;
      signed = { message: unitSignedMessage(parsed.value), signature };
    }
    const result = await this.keys.verify(signed.message, signed.signature);
    return result.valid
      ? { valid: true, kid: result.kid }
      : { valid: false, reason: bilingual('chữ ký không khớp', 'the signature does not match') };
  }

  // A handful of keys (one per rotation): one list, no pages.
  @Roles('admin')
  @ApiBearerAuth()
  @Get('label-keys')
  @ApiOperation({
    summary:
      'Các khóa ký tem, trạng thái, lý do thu hồi, số tem đã ký / every label key: status, revocation reason, units signed',
  })
  @ApiOkResponse({ type: LabelKeyListView })
  async list(): Promise<LabelKeyListView> {
    return { items: await this.keys.list() };
  }

  @Roles('admin')
  @ApiBearerAuth()
  @Post('label-keys/rotate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đổi khóa ký tem / start signing with a new key; the old one stays published' })
  @ApiOkResponse({ type: RotatedLabelKeyView })
  rotate(): Promise<RotatedLabelKeyView> {
    return this.keys.rotate();
  }

  @Roles('admin')
  @ApiBearerAuth()
  @Post('label-keys/:kid/revoke')
  @HttpCode(204)
  @ApiOperation({ summary: 'Thu hồi khóa bị lộ / revoke a compromised key: labels it signed stop verifying' })
  revoke(@Param('kid') kid: string, @Body() body: RevokeLabelKeyDto): Promise<void> {
    return this.keys.revoke(kid, body.reason);
  }
}
