import type { ProducerType } from '@ocop/contracts';

/**
 * The demo catalogue for `npm start`: the 21 real Ben Tre OCOP products of data/ben-tre-ocop-products-public-sample.csv
 * with their producers in the communes the sources give (GSO codes of the 2022 map, the map in force when the
 * sources were written). See data/PROVENANCE.md for what is a guess.
 *
 * What the sources do not give is left out rather than invented:
 *   - producers without a known commune are registered but stay "pending" (an officer cannot verify a producer
 *     without a commune), so their products are not public until someone adds it: 13 of the 21 products are public;
 *   - no source gives tax codes, so enterprises and cooperatives carry placeholders from the reserved range
 *     "00000000xx" (province prefix 00 exists nowhere), never a real company's number;
 *   - stars are not posted: the catalogue takes them only from the rating service. `reportedStars` is kept for the
 *     rating service's import of existing certificates.
 */
export interface DemoProducer {
  key: string;
  name: string;
  tradingName?: string;
  type: ProducerType;
  /** 2022 GSO commune code, when a source names the commune. */
  communeCode2022: string | null;
  /** Placeholder, see above. */
  taxCode: string;
  note?: string;
}

export interface DemoEntry {
  /** Line of the sample CSV (1 = header). */
  sourceLine: number;
  producer: DemoProducer;
  product: { nameVi: string; productSet: number };
  reportedStars: 3 | 4 | 5 | null;
  source: string;
}

const producers = {
  chanhThu: {
    key: 'chanh-thu',
    name: 'Công ty TNHH XNK Trái cây Chánh Thu',
    tradingName: 'Chánh Thu',
    type: 'enterprise',
    communeCode2022: '28882',
    taxCode: '0000000001',
  },
  dongA: {
    key: 'dong-a',
    name: 'Công ty TNHH SX-KD tổng hợp Đông Á',
    tradingName: 'Đông Á',
    type: 'enterprise',
    communeCode2022: '28780',
    taxCode: '0000000002',
  },
  cuuLong: {
    key: 'cuu-long',
    name: 'Công ty TNHH Chế biến sản phẩm dừa Cửu Long',
    type: 'enterprise',
    communeCode2022: null,
    taxCode: '0000000003',
  },
  vinhTien: {
    key: 'vinh-tien',
    name: 'Công ty TNHH Vĩnh Tiến',
    type: 'enterprise',
    communeCode2022: '28756',
    taxCode: '0000000004',
    note: 'Phú Khương from baodongkhoi.vn (2008): "cơ sở kẹo Vĩnh Tiến ở Phú Khương - TXBT"',
  },
  quoiSon: {
    key: 'quoi-son',
    name: 'HTX Bưởi da xanh Quới Sơn',
    type: 'cooperative',
    communeCode2022: '28807',
    taxCode: '0000000005',
    note: 'GSO spells the commune "Xã Qưới Sơn"',
  },
  giaoLong: {
    key: 'giao-long',
    name: 'HTX Dịch vụ nông nghiệp Giao Long',
    type: 'cooperative',
    communeCode2022: '28813',
    taxCode: '0000000006',
  },
  nodavi: {
    key: 'nodavi',
    name: 'Công ty TNHH Thực phẩm NODAVI',
    type: 'enterprise',
    communeCode2022: null,
    taxCode: '0000000007',
  },
  tanPhu: {
    key: 'tan-phu',
    name: 'HTX Nông nghiệp Tân Phú',
    type: 'cooperative',
    communeCode2022: '28840',
    taxCode: '0000000008',
  },
  tinPhat: {
    key: 'tin-phat',
    name: 'Công ty cổ phần Mật ong Tín Phát',
    type: 'enterprise',
    communeCode2022: null,
    taxCode: '0000000009',
  },
  giongTrom: {
    key: 'giong-trom',
    name: 'HTX Bưởi da xanh Giồng Trôm',
    type: 'cooperative',
    communeCode2022: null,
    taxCode: '0000000010',
    note: 'district Giồng Trôm inferred from the name; commune unknown',
  },
  deltaCoco: {
    key: 'delta-coco',
    name: 'Chủ thể nhãn hàng Delta Coco (tên đầy đủ chưa xác minh)',
    tradingName: 'Delta Coco',
    type: 'enterprise',
    communeCode2022: null,
    taxCode: '0000000011',
    note: 'the source truncates the company name ("Công ty ..."); possibly Công ty CP Đầu tư Dừa Bến Tre, unverified',
  },
  haiSanXanh: {
    key: 'hai-san-xanh',
    name: 'Công ty TNHH QT Hải Sản Xanh',
    type: 'enterprise',
    communeCode2022: '29227',
    taxCode: '0000000012',
  },
} satisfies Record<string, DemoProducer>;

const NONGNGHIEP =
  'https://nongnghiep.vn/ben-tre-co-so-luong-san-pham-ocop-thuoc-top-dau-ca-nuoc-d410211.html';
const KINHTEXANH =
  'https://doanhnghiepkinhtexanh.vn/ben-tre-dung-thu-3-khu-vuc-dbscl-ve-so-luong-san-pham-ocop-a5864.html';
const KENHHOT =
  'https://kenhhot.vn/ben-tre-co-4-san-pham-duoc-cong-nhan-san-pham-ocop-cap-trung-uong-37805.html';

export const DEMO_CATALOGUE: readonly DemoEntry[] = [
  {
    sourceLine: 2,
    producer: producers.chanhThu,
    product: { nameVi: 'Trái sầu riêng cấp đông', productSet: 1 },
    reportedStars: 5,
    source: NONGNGHIEP,
  },
  {
    sourceLine: 3,
    producer: producers.chanhThu,
    product: { nameVi: 'Sầu riêng', productSet: 1 },
    reportedStars: null,
    source: KINHTEXANH,
  },
  {
    sourceLine: 4,
    producer: producers.dongA,
    product: { nameVi: 'Kẹo dừa ca cao', productSet: 7 },
    reportedStars: 5,
    source: KENHHOT,
  },
  {
    sourceLine: 5,
    producer: producers.dongA,
    product: { nameVi: 'Kẹo dừa sầu riêng lá dứa', productSet: 7 },
    reportedStars: 5,
    source: KENHHOT,
  },
  {
    sourceLine: 6,
    producer: producers.dongA,
    product: { nameVi: 'Kẹo dừa gừng', productSet: 7 },
    reportedStars: 5,
    source: KENHHOT,
  },
  {
    sourceLine: 7,
    producer: producers.dongA,
    product: { nameVi: 'Kẹo dừa sầu riêng', productSet: 7 },
    reportedStars: 5,
    source: KENHHOT,
  },
  {
    sourceLine: 8,
    producer: producers.dongA,
    product: { nameVi: 'Kẹo dừa béo nguyên chất', productSet: 7 },
    reportedStars: null,
    source: KINHTEXANH,
  },
  {
    sourceLine: 9,
    producer: producers.cuuLong,
    product: { nameVi: 'Mặt nạ dưỡng da từ nước dừa', productSet: 19 },
    reportedStars: null,
    source: KINHTEXANH,
  },
  {
    sourceLine: 10,
    producer: producers.vinhTien,
    product: { nameVi: 'Kẹo sữa dừa nguyên chất Yến Hoàng', productSet: 7 },
    reportedStars: null,
    source: KINHTEXANH,
  },
  // The source hesitates between sets 6 and 7.
  {
    sourceLine: 11,
    producer: producers.vinhTien,
    product: { nameVi: 'Bánh hoa dừa Tiến Đạt', productSet: 6 },
    reportedStars: null,
    source: KINHTEXANH,
  },
  {
    sourceLine: 12,
    producer: producers.quoiSon,
    product: { nameVi: 'Bưởi da xanh Quới Sơn', productSet: 1 },
    reportedStars: 4,
    source: NONGNGHIEP,
  },
  {
    sourceLine: 13,
    producer: producers.giaoLong,
    product: { nameVi: 'Bưởi da xanh Giao Long', productSet: 1 },
    reportedStars: 4,
    source: NONGNGHIEP,
  },
  {
    sourceLine: 14,
    producer: producers.nodavi,
    product: { nameVi: 'Xoài sấy dẻo', productSet: 7 },
    reportedStars: 4,
    source: NONGNGHIEP,
  },
  {
    sourceLine: 15,
    producer: producers.tanPhu,
    product: { nameVi: 'Sầu riêng Tân Phú', productSet: 1 },
    reportedStars: 4,
    source: NONGNGHIEP,
  },
  {
    sourceLine: 16,
    producer: producers.tinPhat,
    product: { nameVi: 'Mật ong ruồi', productSet: 4 },
    reportedStars: 4,
    source: NONGNGHIEP,
  },
  {
    sourceLine: 17,
    producer: producers.tinPhat,
    product: { nameVi: 'Mật ong hoa nhãn', productSet: 4 },
    reportedStars: 4,
    source: NONGNGHIEP,
  },
  {
    sourceLine: 18,
    producer: producers.giongTrom,
    product: { nameVi: 'Bưởi da xanh', productSet: 1 },
    reportedStars: 4,
    source: NONGNGHIEP,
  },
  {
    sourceLine: 19,
    producer: producers.deltaCoco,
    product: { nameVi: 'Creamer Dừa Béo Đặc - Delta Coco', productSet: 7 },
    reportedStars: 4,
    source: NONGNGHIEP,
  },
  {
    sourceLine: 20,
    producer: producers.deltaCoco,
    product: { nameVi: 'Nước cốt dừa - Delta Coco', productSet: 7 },
    reportedStars: 4,
    source: NONGNGHIEP,
  },
  {
    sourceLine: 21,
    producer: producers.deltaCoco,
    product: { nameVi: 'Nước cốt dừa đậm đặc - 100% tự nhiên - Delta Coco', productSet: 7 },
    reportedStars: 4,
    source: NONGNGHIEP,
  },
  // One line of the source for five shrimp products; kept as one demo product.
  {
    sourceLine: 22,
    producer: producers.haiSanXanh,
    product: { nameVi: 'Chả tôm / chạo tôm / tôm khô xẻ bướm', productSet: 8 },
    reportedStars: null,
    source: 'https://baodongkhoi.vn/da-dang-san-pham-ocop-ban-dia-a128346.html',
  },
];

/** Each demo producer once, in the order of first appearance. */
export const DEMO_PRODUCERS: readonly DemoProducer[] = [
  ...new Map(DEMO_CATALOGUE.map((e) => [e.producer.key, e.producer])).values(),
];
