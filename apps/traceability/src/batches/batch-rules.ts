import { FieldError } from '@ocop/contracts';
import { cset82Problem, describeTextProblem, isoDateToGs1 } from '@ocop/ocop-domain';
import { bilingual } from '../common/bilingual';

/** Quantity units (UN/ECE Recommendation 20, as EPCIS quantities use them) with the words printed on labels. */
export const QUANTITY_UNITS: Record<string, { vi: string; en: string }> = {
  KGM: { vi: 'kg', en: 'kg' },
  GRM: { vi: 'g', en: 'g' },
  TNE: { vi: 'tấn', en: 't' },
  LTR: { vi: 'lít', en: 'l' },
  MLT: { vi: 'ml', en: 'ml' },
  H87: { vi: 'cái', en: 'pieces' },
  XBX: { vi: 'hộp', en: 'boxes' },
  XBG: { vi: 'bao', en: 'bags' },
  XBO: { vi: 'chai', en: 'bottles' },
  XPK: { vi: 'gói', en: 'packs' },
};

/** Why a lot code cannot be printed in a GS1 Digital Link (set 82, 1–20 characters), or undefined. */
export function lotCodeProblem(lot: string): { vi: string; en: string } | undefined {
  const problem = cset82Problem(lot, 20);
  if (!problem) return undefined;
  const { vi, en } = describeTextProblem(problem);
  return { vi: `số lô ${vi}`, en: `lot code ${en}` };
}

export interface BatchDates {
  harvestDate?: string;
  productionDate?: string;
  packingDate?: string;
  expiryDate?: string;
  bestBeforeDate?: string;
}

const DATE_VI: Record<keyof BatchDates, string> = {
  harvestDate: 'ngày thu hoạch',
  productionDate: 'ngày sản xuất',
  packingDate: 'ngày đóng gói',
  expiryDate: 'hạn sử dụng',
  bestBeforeDate: 'hạn sử dụng tốt nhất',
};

/**
 * Dates of a batch that make sense together and can be printed as GS1 dates (YYMMDD, two-digit years in GS1's
 * window around `currentYear`): nothing expires before it was harvested, produced or packed, and nothing is
 * packed before it was harvested or produced.
 */
export function batchDateErrors(dates: BatchDates, currentYear: number): FieldError[] {
  const errors: FieldError[] = [];
  for (const [field, value] of Object.entries(dates) as [keyof BatchDates, string | undefined][]) {
    if (value === undefined) continue;
    const converted = isoDateToGs1(value, currentYear);
    if (!converted.ok) {
      errors.push({
        field,
        message:
          converted.problem === 'outside-window'
            ? bilingual(
                `${DATE_VI[field]} nằm ngoài khoảng năm mà mã GS1 (2 chữ số năm) biểu diễn được`,
                'outside the years a GS1 date (two-digit year) can express',
              )
            : bilingual(
                `${DATE_VI[field]} không phải ngày hợp lệ (YYYY-MM-DD)`,
                'not a valid date (YYYY-MM-DD)',
              ),
      });
    }
  }
  if (errors.length) return errors;
  const before = (earlier: keyof BatchDates, later: keyof BatchDates) => {
    const a = dates[earlier];
    const b = dates[later];
    if (a && b && b < a) {
      errors.push({
        field: later,
        message: bilingual(`${DATE_VI[later]} trước ${DATE_VI[earlier]}`, `${later} is before ${earlier}`),
      });
    }
  };
  before('harvestDate', 'packingDate');
  before('productionDate', 'packingDate');
  for (const end of ['expiryDate', 'bestBeforeDate'] as const) {
    for (const start of ['harvestDate', 'productionDate', 'packingDate'] as const) before(start, end);
  }
  return errors;
}
