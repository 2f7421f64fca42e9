/**
 * The longest product names of the public sample of real Ben Tre OCOP products (shared data,
 * ben-tre-ocop-products-public-sample.csv: 56, 49 and 33 characters), for label tests. The sample gives no English
 * names; these are translations of the same length or longer, as a producer would type them.
 */
export const LONGEST_NAMES: { vi: string; en: string }[] = [
  {
    vi: 'Chả tôm / chạo tôm / tôm khô xẻ bướm (5 shrimp products)',
    en: 'Shrimp cakes / shrimp paste rolls / butterfly-cut dried shrimp',
  },
  {
    vi: 'Nước cốt dừa đậm đặc - 100% tự nhiên - Delta Coco',
    en: 'Concentrated coconut milk - 100% natural - Delta Coco',
  },
  { vi: 'Kẹo sữa dừa nguyên chất Yến Hoàng', en: 'Pure coconut milk candy Yen Hoang' },
];
