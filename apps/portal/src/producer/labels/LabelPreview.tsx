import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCalendarDate } from '../../common/format/format';
import type { LabelTemplate } from './templates';

export interface LabelText {
  nameVi: string;
  nameEn?: string;
  lot: string;
  productionDate?: string;
  packingDate?: string;
  expiryDate?: string;
  bestBeforeDate?: string;
  stars?: number | null;
}

/** Room under the code for the serial, in mm (the service prints it in a bold monospace face). */
const SERIAL_LINE_MM = 3.5;

/**
 * One label at the size it prints, in CSS millimetres: true on a screen at 100 % zoom whose pixels the browser
 * knows, near enough elsewhere. It shows what every label of the run carries (the printed lines are bilingual
 * whatever the portal's language); the service lays out the real one and shrinks a long name to fit.
 */
export function LabelPreview({
  template,
  text,
  qrSrc,
}: {
  template: LabelTemplate;
  text: LabelText;
  qrSrc: string;
}) {
  const { t } = useTranslation();
  const [qrFailed, setQrFailed] = useState(false);
  const inner = {
    width: template.labelWidthMm - 2 * template.safeMarginMm,
    height: template.labelHeightMm - 2 * template.safeMarginMm,
  };
  const qrMm = Math.max(10, Math.min(inner.height - SERIAL_LINE_MM, inner.width * 0.45));
  const small = template.labelHeightMm < 35;
  const details = [t('labels.printed.lot', { lot: text.lot })];
  if (text.productionDate)
    details.push(t('labels.printed.production', { date: formatCalendarDate(text.productionDate) }));
  else if (text.packingDate)
    details.push(t('labels.printed.packing', { date: formatCalendarDate(text.packingDate) }));
  if (text.expiryDate)
    details.push(t('labels.printed.expiry', { date: formatCalendarDate(text.expiryDate) }));
  if (text.bestBeforeDate)
    details.push(t('labels.printed.bestBefore', { date: formatCalendarDate(text.bestBeforeDate) }));

  return (
    <figure className="label-preview">
      <div
        className="label-preview-scroll"
        // A label wider than a phone scrolls inside this box, not the page; a scrolling region must take focus so
        // that keyboard users can scroll it too (WCAG 2.1.1, axe's scrollable-region-focusable).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
        role="region"
        aria-label={t('labels.preview.region')}
      >
        <div
          className={`label-preview-label${small ? ' label-preview-small' : ''}`}
          style={{
            width: `${template.labelWidthMm}mm`,
            height: `${template.labelHeightMm}mm`,
            padding: `${template.safeMarginMm}mm`,
          }}
        >
          <div className="label-preview-code" style={{ width: `${qrMm}mm` }}>
            {qrFailed ? (
              <div className="label-preview-qr-missing" style={{ width: `${qrMm}mm`, height: `${qrMm}mm` }}>
                {t('labels.preview.qrMissing')}
              </div>
            ) : (
              <img
                src={qrSrc}
                alt={t('labels.preview.qrAlt')}
                style={{ width: `${qrMm}mm`, height: `${qrMm}mm` }}
                onError={() => setQrFailed(true)}
              />
            )}
            <span className="label-preview-serial">{t('labels.preview.serial')}</span>
          </div>
          <div className="label-preview-text">
            {text.stars ? (
              <span className="label-preview-ocop">
                {t('labels.printed.ocop')} {'★'.repeat(text.stars)}
              </span>
            ) : null}
            <span className="label-preview-name">{text.nameVi}</span>
            {text.nameEn && <span className="label-preview-name-en">{text.nameEn}</span>}
            {details.map((line) => (
              <span key={line}>{line}</span>
            ))}
            <span className="label-preview-scan">{t('labels.printed.scan')}</span>
          </div>
        </div>
      </div>
      <figcaption className="label-preview-caption">
        {t('labels.preview.caption', {
          width: template.labelWidthMm,
          height: template.labelHeightMm,
        })}
      </figcaption>
    </figure>
  );
}
