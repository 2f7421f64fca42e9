import { DocumentShelf } from '@ocop/service-kit';

/** The two kinds of registered site that get QĐ 3156-style codes, each numbered on its own per province. */
export type SiteKind = 'growing-area' | 'packing-house';

export const SITE_TABLE: Record<SiteKind, string> = {
  'growing-area': 'growing_areas',
  'packing-house': 'packing_houses',
};

export const SITE_NAME: Record<SiteKind, { vi: string; en: string }> = {
  'growing-area': { vi: 'vùng trồng', en: 'Growing area' },
  'packing-house': { vi: 'cơ sở đóng gói', en: 'Packing house' },
};

/** Where each kind keeps the documents of its requests (migration SiteDocuments1765430000000). */
export const SITE_DOCUMENTS: Record<SiteKind, DocumentShelf> = {
  'growing-area': new DocumentShelf('growing_area_documents', 'growing_area_id'),
  'packing-house': new DocumentShelf('packing_house_documents', 'packing_house_id'),
};
