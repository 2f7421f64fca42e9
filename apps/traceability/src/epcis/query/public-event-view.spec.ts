import { productCodeOf } from '@ocop/ocop-domain';
import { PublicEventView, usesPlatformTerms } from './public-event-view';

const GTIN = '08936047000500';
const lot = `https://id.ocop.vn/01/${GTIN}/10/L1`;
const unit = (serial: string) => `https://id.ocop.vn/01/${GTIN}/21/${serial}`;

describe('the public view of an event', () => {
  const captured = {
    type: 'ObjectEvent',
    eventID: 'urn:uuid:6b9d9c2f-4d43-4a53-9b1b-6a3c7c1b8f10',
    eventTime: '2026-09-01T08:00:00+07:00',
    eventTimeZoneOffset: '+07:00',
    action: 'OBSERVE',
    epcList: [unit('S1'), unit('S2'), 'urn:epc:id:sscc:8936047.0000000001'],
    quantityList: [{ epcClass: lot, quantity: 10, uom: 'KGM', 'example:note': 'x' }, { epcClass: 'urn:x:y' }],
    bizStep: 'https://ref.gs1.org/cbv/BizStep-shipping',
    disposition: 'https://farm.example/disp/nguyen-van-a',
    readPoint: { id: 'urn:epc:id:sgln:8936047.00001.0' },
    bizLocation: { id: 'https://farm.example/nha-chi-ba-so-12' },
    bizTransactionList: [{ type: 'po', bizTransaction: 'urn:epcglobal:cbv:bt:8936047000007:PO-1' }],
    sourceList: [{ type: 'owning_party', source: 'urn:epc:id:pgln:8936047.00009' }],
    destinationList: [{ type: 'owning_party', destination: 'https://buyer.example/0912345678' }],
    sensorElementList: [
      { sensorMetadata: { deviceID: 'urn:x' }, sensorReport: [{ type: 'Temperature', value: 4 }] },
    ],
    ilmd: { 'cbvmda:lotNumber': 'L1', 'ocop:growingAreaCodes': ['VN-1'], 'example:farmer': 'Nguyễn Văn A' },
    errorDeclaration: {
      declarationTime: '2026-09-02T00:00:00Z',
      reason: 'incorrect_data',
      'example:by': 'A',
    },
    'example:buyerPhone': '0912345678',
    'ocop:recallReason': 'made up',
  };

  it('keeps what happened, when and where (registered places, CBV terms), and the lot', () => {
    const view = new PublicEventView(2026, new Set(), 'https://id.ocop.vn').of({
      document: captured,
      recordTime: '2026-09-01T01:00:00.000Z',
      source: 'capture',
    });
    expect(view).toEqual({
      type: 'ObjectEvent',
      eventID: captured.eventID,
      eventTime: captured.eventTime,
      eventTimeZoneOffset: '+07:00',
      action: 'OBSERVE',
      recordTime: '2026-09-01T01:00:00.000Z',
      bizStep: captured.bizStep,
      readPoint: { id: 'urn:epc:id:sgln:8936047.00001.0' },
      // Units the asker did not name are counted per product; identifiers that are not lots or products go.
      quantityList: [
        { epcClass: lot, quantity: 10, uom: 'KGM' },
        { epcClass: `https://id.ocop.vn/01/${GTIN}`, quantity: 2 },
      ],
      // A captured ocop: term is not the platform's word.
      ilmd: { 'cbvmda:lotNumber': 'L1' },
      errorDeclaration: { declarationTime: '2026-09-02T00:00:00Z', reason: 'incorrect_data' },
    });
  });

  it('shows the serial of a unit the asker named, and the platform’s own public terms', () => {
    const view = new PublicEventView(2026, new Set([`sgtin:${GTIN}:S2`]), 'https://id.ocop.vn').of({
      document: captured,
      recordTime: '2026-09-01T01:00:00.000Z',
      source: 'platform',
    });
    expect(view?.['epcList']).toEqual([unit('S2')]);
    expect(view?.['quantityList']).toEqual([
      { epcClass: lot, quantity: 10, uom: 'KGM' },
      { epcClass: `https://id.ocop.vn/01/${GTIN}`, quantity: 1 },
    ]);
    expect(view?.['ilmd']).toEqual({ 'cbvmda:lotNumber': 'L1', 'ocop:growingAreaCodes': ['VN-1'] });
    expect(view?.['ocop:recallReason']).toBe('made up');
    expect(usesPlatformTerms(view ?? {})).toBe(true);
  });

  it('counts unnamed /t/ units of a product without GTIN in their lot, shows the one named (decision 0048)', () => {
    const code = productCodeOf('3f2c9a1e-7b4d-4c8e-9a01-5d6e7f8091a2');
    const tUnit = (serial: string) => `https://id.ocop.vn/t/${code}/L%2F1/${serial}`;
    const view = new PublicEventView(2026, new Set([`t:/t/${code}/L%2F1/S2`]), 'https://id.ocop.vn').of({
      document: { ...captured, epcList: [tUnit('S1'), tUnit('S2'), tUnit('S3')], quantityList: [] },
      recordTime: '2026-09-01T01:00:00.000Z',
      source: 'capture',
    });
    expect(view?.['epcList']).toEqual([tUnit('S2')]);
    expect(view?.['quantityList']).toEqual([{ epcClass: `https://id.ocop.vn/t/${code}/L%2F1`, quantity: 2 }]);
  });

  it('keeps a GLN Digital Link as a place; counts unnamed children; leaves out what names nothing public', () => {
    const view = new PublicEventView(2026, new Set(), 'https://id.ocop.vn');
    const input = { recordTime: '2026-09-01T01:00:00.000Z', source: 'capture' as const };
    const aggregation = {
      type: 'AggregationEvent',
      eventTime: '2026-09-01T08:00:00+07:00',
      eventTimeZoneOffset: '+07:00',
      action: 'ADD',
      parentID: 'urn:epc:id:sscc:8936047.0000000001',
      childEPCs: [unit('S1'), unit('S2')],
      bizLocation: { id: 'https://id.gs1.org/414/8936047000014' },
    };
    const packed = view.of({ document: aggregation, ...input });
    expect(packed).toMatchObject({
      childQuantityList: [{ epcClass: `https://id.ocop.vn/01/${GTIN}`, quantity: 2 }],
      bizLocation: { id: 'https://id.gs1.org/414/8936047000014' },
    });
    expect(packed).not.toHaveProperty('childEPCs');
    expect(packed).not.toHaveProperty('parentID');
    expect(usesPlatformTerms(packed ?? {})).toBe(false);
    const pallets = { ...aggregation, childEPCs: ['urn:epc:id:sscc:8936047.0000000002'] };
    expect(view.of({ document: pallets, ...input })).toBeNull();
    const observed = {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      epcList: ['urn:epc:id:sscc:8936047.0000000002'],
    };
    expect(view.of({ document: observed, ...input })).toMatchObject({ epcList: [] });
  });
});
