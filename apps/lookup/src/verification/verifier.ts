import { Injectable } from '@nestjs/common';
import {
  DigitalLinkData,
  formatVietnameseDate,
  productCodeSignedMessage,
  unitSignedMessage,
  verifyLabelSignature,
} from '@ocop/ocop-domain';
import { isProductCodeLink, ScannedLink } from '../resolver/scanned-link';
import { Clock } from '../common/clock';
import { CertificateRow, ItemView } from './item-view';
import { LabelKeys } from './label-keys';
import { Verification } from './verification';

const r = (vi: string, en: string) => ({ vi, en });

/** The product's certificate that speaks for it now: the newest one issued, unless a newer one superseded it. */
export function currentCertificate(certificates: CertificateRow[], now: Date): CertificateRow | undefined {
  const issued = certificates.filter((c) => new Date(c.issued_at) <= now);
  return issued.find((c) => !c.superseded_at) ?? issued[0];
}

/**
 * Decides the outcome of a scan from the read model alone (no other service is asked). In order: unknown,
 * forged, recalled, producer suspended, not released, expired, certificate revoked, certificate expired, genuine
 * — the first that applies wins, since a consumer must hear the most serious thing first.
 */
@Injectable()
export class Verifier {
  constructor(
    private readonly keys: LabelKeys,
    private readonly clock: Clock,
  ) {}

  async verify(link: ScannedLink, item: ItemView | null): Promise<Verification> {
    const level = link.serial !== undefined ? 'unit' : link.lot !== undefined ? 'batch' : 'product';
    if (!item) {
      return {
        outcome: 'unknown',
        level,
        reason: isProductCodeLink(link)
          ? r(
              'Mã sản phẩm này chưa từng được cấp trên hệ thống OCOP Trace.',
              'This product code was never issued on OCOP Trace.',
            )
          : r(
              'Mã GTIN này chưa từng được cấp trên hệ thống OCOP Trace.',
              'This GTIN was never issued on OCOP Trace.',
            ),
      };
    }
    let signature: Verification['signature'];
    if (level !== 'product') {
      if (!item.batch || (link.lot !== undefined && item.unit && item.unit.lot !== link.lot)) {
        return {
          outcome: 'unknown',
          level,
          reason: r(
            'Không tìm thấy lô hàng này: mã lô chưa từng được cấp cho sản phẩm.',
            'This batch is unknown: the lot was never issued for this product.',
          ),
        };
      }
      if (level === 'unit') {
        if (!item.unit) {
          return {
            outcome: 'unknown',
            level,
            reason: r(
              'Số sê-ri này chưa từng được cấp: sản phẩm có thể không chính hãng.',
              'This serial number was never issued: the item may not be genuine.',
            ),
          };
        }
        signature = await this.checkSignature(link, item);
        if (signature !== undefined && signature !== 'valid') {
          return {
            outcome: 'forged',
            level,
            signature,
            reason:
              signature === 'missing'
                ? r(
                    'Tem của sản phẩm này phải có chữ ký số nhưng mã vừa quét không có: có thể là tem giả.',
                    'This item’s label must carry a digital signature and the scanned code has none: the label may be forged.',
                  )
                : signature === 'revoked-key'
                  ? r(
                      'Chữ ký số trên tem dùng một khóa đã bị thu hồi: tem không còn đáng tin cậy.',
                      'The label is signed with a revoked key: it can no longer be trusted.',
                    )
                  : r(
                      'Chữ ký số trên tem không hợp lệ: tem có thể đã bị làm giả hoặc sửa đổi.',
                      'The label’s digital signature is invalid: the label may be forged or altered.',
                    ),
          };
        }
      }
      const batch = item.batch;
      if (batch.status === 'recalled') {
        return {
          outcome: 'recalled',
          level,
          signature,
          reason: r(
            `Lô hàng này đã bị thu hồi${batch.recall_reason ? `: ${batch.recall_reason}` : ''}. Không sử dụng sản phẩm.`,
            `This batch has been recalled${batch.recall_reason ? `: ${batch.recall_reason}` : ''}. Do not use the product.`,
          ),
        };
      }
    }
    // The producer of the batch (or, for a GTIN alone, of the product), as the catalogue last said: decision 0023.
    if (item.producer?.status === 'suspended') {
      return {
        outcome: 'producer-suspended',
        level,
        signature,
        reason: r(
          'Chủ thể sản xuất đang bị cơ quan quản lý OCOP tạm ngưng: không xác nhận được đây là hàng chính hãng. Hãy hỏi người bán, hoặc báo cáo bên dưới.',
          'The producer is suspended by the OCOP authority: this item cannot be confirmed as genuine. Ask the seller, or report it below.',
        ),
      };
    }
    if (level !== 'product' && item.batch) {
      const batch = item.batch;
      if (batch.status === 'open') {
        return {
          outcome: 'not-released',
          level,
          signature,
          reason: r(
            'Chủ thể chưa phát hành lô hàng này ra thị trường: sản phẩm lẽ ra chưa được bán. Tem có thể đã bị lấy trước khi phát hành.',
            'The producer has not released this batch to the market: the item should not be on sale yet. The label may have been taken before release.',
          ),
        };
      }
      const today = this.clock.vietnamToday();
      const limit = [batch.expiry_date, batch.best_before_date].filter((d): d is string => !!d).sort()[0];
      if (limit && today > limit) {
        return {
          outcome: 'expired',
          level,
          signature,
          reason: r(
            // Vietnamese readers read dd/mm/yyyy (decision 0035); English ones get the ISO date.
            `Sản phẩm đã quá hạn sử dụng (${formatVietnameseDate(limit)}).`,
            `The product is past its expiry or best-before date (${limit}).`,
          ),
        };
      }
    }
    const now = this.clock.now();
    const certificate = currentCertificate(item.certificates, now);
    if (certificate?.revoked_at) {
      return {
        outcome: 'certificate-revoked',
        level,
        signature,
        reason: r(
          `Giấy chứng nhận OCOP số ${certificate.number} của sản phẩm đã bị thu hồi.`,
          `The product’s OCOP certificate ${certificate.number} has been revoked.`,
        ),
      };
    }
    if (certificate && new Date(certificate.expires_at) <= now) {
      return {
        outcome: 'certificate-expired',
        level,
        signature,
        reason: r(
          `Giấy chứng nhận OCOP số ${certificate.number} của sản phẩm đã hết hiệu lực.`,
          `The product’s OCOP certificate ${certificate.number} has expired.`,
        ),
      };
    }
    const genuine = {
      unit: r(
        'Sản phẩm chính hãng: số sê-ri đã được cấp cho lô hàng này' +
          (signature === 'valid' ? ' và chữ ký số hợp lệ.' : '.'),
        'Genuine: this serial number was issued for this batch' +
          (signature === 'valid' ? ' and the digital signature is valid.' : '.'),
      ),
      batch: r(
        'Lô hàng có trong hệ thống truy xuất. Mã này không có số sê-ri nên không xác thực được từng sản phẩm.',
        'This batch is registered. The code has no serial number, so this very item cannot be authenticated.',
      ),
      product: r(
        'Sản phẩm có trong hệ thống OCOP Trace. Mã này không có số lô, số sê-ri.',
        'This product is registered on OCOP Trace. The code carries no lot or serial number.',
      ),
    }[level];
    // Labels stop with the product (traceability mints and prints nothing for a discontinued one), so what carries
    // one was made while it was on sale: genuine, with the news that no more is made.
    if (item.product.status === 'discontinued') {
      return {
        outcome: 'genuine',
        level,
        signature,
        reason: r(
          `${genuine.vi} Sản phẩm này nay đã ngừng bán.`,
          `${genuine.en} The product has since been discontinued.`,
        ),
      };
    }
    return { outcome: 'genuine', level, signature, reason: genuine };
  }

  /**
   * The label's signature over its own content (the scanned AIs, without 8030; a lot left out of the scan is
   * taken from the unit record, as printed; a /t/ label's code, lot and serial). Unrevoked keys are tried first,
   * the unit's own key first of all; a match only under a revoked key is reported as such.
   */
  private async checkSignature(link: ScannedLink, item: ItemView): Promise<Verification['signature']> {
    const unit = item.unit;
    if (!unit) return undefined;
    const signatureValue = isProductCodeLink(link) ? link.signature : link.attributes['8030'];
    if (!signatureValue) return unit.signed ? 'missing' : undefined;
    let message: Buffer;
    if (isProductCodeLink(link)) {
      message = productCodeSignedMessage({ code: link.code, lot: link.lot, serial: unit.serial });
    } else {
      const data: DigitalLinkData = {
        gtin: link.gtin,
        ...(link.cpv !== undefined ? { cpv: link.cpv } : {}),
        lot: link.lot ?? unit.lot,
        serial: unit.serial,
        attributes: link.attributes,
      };
      message = unitSignedMessage(data);
    }
    const keys = await this.keys.all();
    const ordered = [...keys].sort(
      (a, b) =>
        Number(a.revoked) - Number(b.revoked) ||
        Number(b.kid === unit.key_id) - Number(a.kid === unit.key_id),
    );
    for (const key of ordered) {
      if (verifyLabelSignature(key.key, message, signatureValue))
        return key.revoked ? 'revoked-key' : 'valid';
    }
    return 'invalid';
  }
}
