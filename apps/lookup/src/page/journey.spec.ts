import { BatchRow, TraceEventRow } from '../verification/item-view';
import { BUSINESS_STEPS, journeyOf, whenOf } from './journey';

let n = 0;
const event = (o: Partial<TraceEventRow>): TraceEventRow => ({
  id: `t${++n}`,
  event_id: `urn:uuid:${n}`,
  type: 'ObjectEvent',
  event_time: '2026-05-01T00:00:00Z',
  event_time_zone_offset: '+07:00',
  action: 'ADD',
  biz_step: null,
  disposition: null,
  read_point: null,
  biz_location: null,
  error_declaration: false,
  ...o,
});

const batch = { harvest_date: '2026-05-01' } as BatchRow;

describe('the journey in words', () => {
  it('puts the harvest at its harvest date, before the packing and the batch’s registration', () => {
    // What traceability records by itself: the commissioning when the batch is registered (often days after the
    // harvest), the captured packing, and a recall with no business step.
    const events = [
      event({ biz_step: 'packing', disposition: 'in_progress', event_time: '2026-05-03T02:00:00Z' }),
      event({ biz_step: 'commissioning', disposition: 'active', event_time: '2026-05-10T03:00:00Z' }),
      event({ disposition: 'recalled', action: 'OBSERVE', event_time: '2026-05-20T01:00:00Z' }),
    ];
    const steps = journeyOf(events, batch);
    expect(steps.map((s) => [whenOf(s, 'vi'), s.label.vi, s.note?.vi])).toEqual([
      ['01/05/2026', 'Thu hoạch', undefined],
      ['03/05/2026 09:00', 'Đóng gói', undefined],
      ['10/05/2026 10:00', 'Đăng ký lô hàng, cấp mã truy xuất', undefined],
      ['20/05/2026 08:00', 'Thu hồi lô hàng', undefined],
    ]);
    expect(steps.map((s) => [whenOf(s, 'en'), s.label.en])).toEqual([
      ['2026-05-01', 'Harvested'],
      ['2026-05-03 09:00', 'Packed'],
      ['2026-05-10 10:00', 'Batch registered, trace codes assigned'],
      ['2026-05-20 08:00', 'Batch recalled'],
    ]);
  });

  it('takes a captured harvest (creating_class_instance) as the harvest, at its own time', () => {
    const steps = journeyOf(
      [
        event({ biz_step: 'packing', event_time: '2026-05-03T02:00:00Z' }),
        event({ biz_step: 'creating_class_instance', event_time: '2026-04-30T23:30:00Z' }),
      ],
      batch,
    );
    expect(steps.map((s) => [whenOf(s, 'vi'), s.label.vi])).toEqual([
      ['01/05/2026 06:30', 'Thu hoạch, sản xuất lô hàng'],
      ['03/05/2026 09:00', 'Đóng gói'],
    ]);
  });

  it('never shows a raw code: unknown steps, event types and bookkeeping dispositions are said in words', () => {
    const steps = journeyOf(
      [
        event({ biz_step: 'https://example.com/steps/drying', disposition: 'sellable_accessible' }),
        event({ type: 'TransformationEvent', disposition: 'in_progress' }),
        event({ biz_step: 'shipping', disposition: 'in_transit' }),
        event({ type: 'AggregationEvent', disposition: 'damaged' }),
        event({ biz_step: 'https://id.ocop.example/voc/BizStep-input_application' }),
      ],
      null,
    );
    const words = steps.flatMap((s) => [s.label.vi, s.label.en, s.note?.vi ?? '', s.note?.en ?? '']);
    expect(words.join(' ')).not.toMatch(/_|https?:|Event\b|\(/);
    expect(steps.map((s) => s.label.en)).toEqual([
      'Other step',
      'Processed',
      'Shipped',
      'Grouped into a package',
      // The farm diary's spraying and fertilising: a step of the platform's own vocabulary, named too.
      'Fertiliser or pesticide applied',
    ]);
    expect(steps[2].note).toEqual({ vi: 'đang vận chuyển', en: 'in transit' });
    expect(steps[3].note?.en).toBe('damaged');
  });

  it('names every CBV 2.0 business step in both languages, without underscores', () => {
    expect(Object.keys(BUSINESS_STEPS)).toHaveLength(41);
    for (const words of Object.values(BUSINESS_STEPS)) {
      expect(words.vi).toMatch(/^[^_]+$/);
      expect(words.en).toMatch(/^[^_]+$/);
    }
  });

  it('strikes through an event declared erroneous and leaves the declaration out', () => {
    const wrong = event({ biz_step: 'receiving', event_time: '2026-05-06T02:00:00Z' });
    const declaration = { ...wrong, id: 'decl', error_declaration: true, event_time: '2026-05-07T00:00:00Z' };
    const steps = journeyOf([wrong, declaration], null);
    expect(steps).toEqual([expect.objectContaining({ corrected: true, label: BUSINESS_STEPS['receiving'] })]);
  });

  it('reads times on Viet Nam’s clock across midnight and the year’s end', () => {
    const [step] = journeyOf([event({ biz_step: 'shipping', event_time: '2026-12-31T17:05:00Z' })], null);
    expect(whenOf(step, 'vi')).toBe('01/01/2027 00:05');
    expect(whenOf(step, 'en')).toBe('2027-01-01 00:05');
  });
});
