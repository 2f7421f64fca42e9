import { startOfVietnamDay, VIETNAM_UTC_OFFSET_MS } from '@ocop/ocop-domain';
import { Bilingual } from '../common/bilingual';
import { BatchRow, TraceEventRow } from '../verification/item-view';

const b = (vi: string, en: string): Bilingual => ({ vi, en });

/**
 * Every CBV 2.0 business step (EPCIS 2.0 JSON schema's bizStep enumeration) in words a shopper reads. The page never
 * shows a raw code: a step outside this list (another vocabulary's URI) is "another step".
 */
export const BUSINESS_STEPS: Readonly<Record<string, Bilingual>> = {
  accepting: b('Tiếp nhận', 'Accepted'),
  arriving: b('Đến nơi', 'Arrived'),
  assembling: b('Lắp ráp, phối trộn', 'Assembled'),
  collecting: b('Thu gom', 'Collected'),
  commissioning: b('Đăng ký lô hàng, cấp mã truy xuất', 'Batch registered, trace codes assigned'),
  consigning: b('Ký gửi', 'Consigned'),
  creating_class_instance: b('Thu hoạch, sản xuất lô hàng', 'Harvested, batch produced'),
  cycle_counting: b('Kiểm đếm', 'Counted'),
  decommissioning: b('Hủy mã truy xuất', 'Trace codes withdrawn'),
  departing: b('Rời nơi đi', 'Departed'),
  destroying: b('Tiêu hủy', 'Destroyed'),
  disassembling: b('Tháo rời', 'Disassembled'),
  dispensing: b('Chia lẻ', 'Dispensed'),
  encoding: b('Ghi mã lên tem', 'Labels encoded'),
  entering_exiting: b('Ra, vào khu vực', 'Entered or left a site'),
  holding: b('Tạm giữ', 'Held'),
  inspecting: b('Kiểm tra', 'Inspected'),
  installing: b('Lắp đặt', 'Installed'),
  killing: b('Giết mổ', 'Slaughtered'),
  loading: b('Xếp hàng lên xe', 'Loaded'),
  other: b('Bước khác', 'Other step'),
  packing: b('Đóng gói', 'Packed'),
  picking: b('Soạn hàng', 'Picked'),
  receiving: b('Nhận hàng', 'Received'),
  removing: b('Lấy ra', 'Removed'),
  repackaging: b('Đóng gói lại', 'Repackaged'),
  repairing: b('Sửa chữa', 'Repaired'),
  replacing: b('Thay thế', 'Replaced'),
  reserving: b('Đặt giữ hàng', 'Reserved'),
  retail_selling: b('Bán lẻ', 'Sold at retail'),
  shipping: b('Xuất hàng', 'Shipped'),
  staging_outbound: b('Chuẩn bị xuất hàng', 'Prepared for shipping'),
  stock_taking: b('Kiểm kê', 'Stocktaken'),
  stocking: b('Lên kệ', 'Stocked'),
  storing: b('Lưu kho', 'Stored'),
  transporting: b('Vận chuyển', 'Transported'),
  unloading: b('Dỡ hàng', 'Unloaded'),
  unpacking: b('Mở kiện', 'Unpacked'),
  void_shipping: b('Hủy lệnh xuất hàng', 'Shipment cancelled'),
  sensor_reporting: b('Ghi nhận cảm biến', 'Sensor reading'),
  sampling: b('Lấy mẫu', 'Sampled'),
};

/**
 * The dispositions a shopper should hear about, as a note on the step. The others (active, in_progress,
 * sellable_accessible…) describe a warehouse's bookkeeping and are left out rather than shown as codes.
 */
const DISPOSITIONS: Readonly<Record<string, Bilingual>> = {
  recalled: b('bị thu hồi', 'recalled'),
  destroyed: b('đã tiêu hủy', 'destroyed'),
  disposed: b('đã loại bỏ', 'disposed of'),
  damaged: b('hư hỏng', 'damaged'),
  expired: b('hết hạn', 'expired'),
  in_transit: b('đang vận chuyển', 'in transit'),
  retail_sold: b('đã bán', 'sold'),
  returned: b('bị trả lại', 'returned'),
  stolen: b('bị mất cắp', 'stolen'),
  conformant: b('đạt yêu cầu', 'conformant'),
  non_conformant: b('không đạt yêu cầu', 'not conformant'),
};

/** A step named by neither a business step nor a disposition: said by what kind of event it is. */
const EVENT_TYPES: Readonly<Record<string, Bilingual>> = {
  ObjectEvent: b('Ghi nhận', 'Recorded'),
  AggregationEvent: b('Gom hàng, đóng kiện', 'Grouped into a package'),
  TransactionEvent: b('Giao dịch mua bán', 'Sale or purchase'),
  TransformationEvent: b('Chế biến', 'Processed'),
  AssociationEvent: b('Gắn thiết bị', 'Device attached'),
};

/**
 * Steps of the platform's own vocabulary (`{resolver}/voc/BizStep-…`, the `ocop:` terms), for what farms record and
 * CBV has no step for: the farm diary's fertiliser and pesticide applications.
 */
const PLATFORM_STEPS: Readonly<Record<string, Bilingual>> = {
  input_application: b('Bón phân, phun thuốc', 'Fertiliser or pesticide applied'),
};
const platformStep = (step: string): Bilingual | undefined => {
  const term = /\/voc\/BizStep-(\w+)$/.exec(step)?.[1];
  return term ? PLATFORM_STEPS[term] : undefined;
};

const HARVEST = b('Thu hoạch', 'Harvested');
const RECALL = b('Thu hồi lô hàng', 'Batch recalled');
const OTHER = BUSINESS_STEPS['other'];

export interface JourneyStep {
  /** An instant (ISO) for an event, a Vietnamese calendar date (YYYY-MM-DD) for the batch's harvest date. */
  at: string;
  kind: 'instant' | 'date';
  label: Bilingual;
  note?: Bilingual;
  /** Declared erroneous by a later errorDeclaration: shown struck through. */
  corrected: boolean;
}

function labelOf(e: TraceEventRow): { label: Bilingual; note?: Bilingual } {
  const disposition = e.disposition ? DISPOSITIONS[e.disposition] : undefined;
  if (e.biz_step) {
    const label = BUSINESS_STEPS[e.biz_step] ?? platformStep(e.biz_step) ?? OTHER;
    return disposition ? { label, note: disposition } : { label };
  }
  if (e.disposition === 'recalled') return { label: RECALL };
  return disposition
    ? { label: EVENT_TYPES[e.type] ?? OTHER, note: disposition }
    : { label: EVENT_TYPES[e.type] ?? OTHER };
}

const sortKey = (s: JourneyStep) =>
  s.kind === 'date' ? startOfVietnamDay(s.at).getTime() : new Date(s.at).getTime();

/**
 * The batch's journey in the order things happened. The harvest stands at the batch's harvest date when no captured
 * event records it (the platform's own commissioning event is dated when the batch was registered, often days
 * later, and is named for what it is). An errorDeclaration is not a step: it strikes through the event it corrects.
 */
export function journeyOf(events: TraceEventRow[], batch: BatchRow | null): JourneyStep[] {
  const corrected = new Set(events.filter((e) => e.error_declaration).map((e) => e.event_id));
  const steps: JourneyStep[] = events
    .filter((e) => !e.error_declaration)
    .map((e) => ({
      at: new Date(e.event_time).toISOString(),
      kind: 'instant' as const,
      ...labelOf(e),
      corrected: corrected.has(e.event_id),
    }));
  const harvested = events.some(
    (e) => !corrected.has(e.event_id) && e.biz_step === 'creating_class_instance',
  );
  if (batch?.harvest_date && !harvested) {
    steps.push({ at: batch.harvest_date.slice(0, 10), kind: 'date', label: HARVEST, corrected: false });
  }
  // Stable: events at the same instant keep the read model's order (event time, then id).
  return steps
    .map((s, i) => ({ s, i, key: sortKey(s) }))
    .sort((x, y) => x.key - y.key || x.i - y.i)
    .map(({ s }) => s);
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * When a step happened, on Viet Nam's clock (UTC+7, no daylight saving): dd/mm/yyyy hh:mm for Vietnamese readers,
 * yyyy-mm-dd hh:mm for English ones (the page's dates follow the same split); a date alone for a date.
 */
export function whenOf(step: JourneyStep, lang: 'vi' | 'en'): string {
  const local = step.kind === 'date' ? null : new Date(new Date(step.at).getTime() + VIETNAM_UTC_OFFSET_MS);
  const day = local ? local.toISOString().slice(0, 10) : step.at;
  const [y, m, d] = day.split('-');
  const date = lang === 'vi' ? `${d}/${m}/${y}` : day;
  return local ? `${date} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}` : date;
}
