import { CropCycle } from '@ocop/contracts';

/** QĐ 3156/QĐ-BNN-TT: a growing area is at least 1 ha of perennial crops or 0.1 ha of annual crops. */
export const MINIMUM_AREA_HA: Record<CropCycle, number> = { perennial: 1, annual: 0.1 };

export const CROP_CYCLE_VI: Record<CropCycle, string> = { perennial: 'cây lâu năm', annual: 'cây hàng năm' };
