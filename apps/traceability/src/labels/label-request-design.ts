import { DomainError } from '@ocop/contracts';
import { bilingual } from '../common/bilingual';
import { labelContent, LabelText } from './label-content';
import { labelMeasure } from './label-fonts';
import { designLabel, LabelDesign, LabelDoesNotFit } from './label-layout-engine';
import { geometryProblems, LABEL_LAYOUTS, LabelTemplate, MM, templateFromMm } from './label-layouts';
import { LabelRequestDto } from './labels.dto';

/** The template a request names, with its own safe margin and crop marks; a custom one from its millimetres. */
export function templateFor(request: LabelRequestDto): LabelTemplate {
  const base =
    request.layout === 'custom'
      ? templateFromMm('custom', 'sheet', {
          pageWidthMm: request.pageWidthMm as number,
          pageHeightMm: request.pageHeightMm as number,
          columns: request.columns as number,
          rows: request.rows as number,
          labelWidthMm: request.labelWidthMm as number,
          labelHeightMm: request.labelHeightMm as number,
          marginLeftMm: request.marginLeftMm,
          marginTopMm: request.marginTopMm,
          gapXMm: request.gapXMm,
          gapYMm: request.gapYMm,
        })
      : LABEL_LAYOUTS[request.layout];
  return {
    ...base,
    ...(request.safeMarginMm !== undefined ? { safeMargin: request.safeMarginMm * MM } : {}),
    cropMarks: request.cropMarks,
  };
}

/**
 * The template and the design of a run, or a 400 naming what does not fit: a grid larger than its page, or a
 * label too small for its QR code, serial, lot and dates at 6 pt.
 */
export async function designFor(
  request: LabelRequestDto,
  text: LabelText,
): Promise<{ template: LabelTemplate; design: LabelDesign }> {
  const template = templateFor(request);
  const problems = geometryProblems(template);
  if (problems.length) {
    const errors = problems.map((p) => ({ field: p.field, message: bilingual(p.vi, p.en) }));
    throw new DomainError(
      'label-template-does-not-fit',
      400,
      bilingual('Tem không vừa trang', 'The labels do not fit the page'),
      errors[0].message,
      { errors },
    );
  }
  const measure = await labelMeasure();
  try {
    return {
      template,
      design: designLabel(template, labelContent(text, !request.batchLevel), measure),
    };
  } catch (err) {
    if (!(err instanceof LabelDoesNotFit)) throw err;
    const message = bilingual(err.vi, err.en);
    throw new DomainError(
      'label-content-does-not-fit',
      400,
      bilingual('Nội dung không vừa tem', 'The label content does not fit the label'),
      message,
      { errors: [{ field: request.layout === 'custom' ? 'labelWidthMm' : 'layout', message }] },
    );
  }
}
