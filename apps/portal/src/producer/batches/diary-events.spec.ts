import { describe, expect, it } from 'vitest';
import {
  batchClass,
  DIARY_FIELDS,
  harvestEvent,
  inputEvent,
  nowInVietnam,
  packingEvent,
  pesticideApplications,
  shippingEvent,
  unsafeBefore,
  vocabularyOf,
} from './diary-events';

const gs1Batch = {
  digitalLink: 'http://127.0.0.1:3006/01/08936047000500/10/SR261201?17=261231',
  unit: 'KGM',
};
const codeBatch = { digitalLink: 'https://tra.example.vn/qr/t/P1A2B3/L7', unit: 'XBX' };
const when = { date: '2026-12-01', time: '06:30' };
const lot = 'http://127.0.0.1:3006/01/08936047000500/10/SR261201';

describe('the farm diary as EPCIS events', () => {
  it('names the lot by its Digital Link without dates, and finds the platform vocabulary on the same resolver', () => {
    expect(batchClass(gs1Batch)).toBe(lot);
    expect(vocabularyOf(gs1Batch)).toBe('http://127.0.0.1:3006/voc/');
    expect(vocabularyOf(codeBatch)).toBe('https://tra.example.vn/qr/voc/');
  });

  it('a harvest is the lot coming into being, at the given time in Viet Nam (+07:00)', () => {
    const event = harvestEvent(gs1Batch, { ...when, quantity: 420, unit: 'KGM' });
    expect(event).toMatchObject({
      '@context': [
        'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
        { ocop: 'http://127.0.0.1:3006/voc/' },
      ],
      type: 'ObjectEvent',
      eventTime: '2026-12-01T06:30:00+07:00',
      eventTimeZoneOffset: '+07:00',
      action: 'ADD',
      bizStep: 'creating_class_instance',
      disposition: 'active',
      epcList: [],
      quantityList: [{ epcClass: lot, quantity: 420, uom: 'KGM' }],
    });
    expect(event['eventID']).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(harvestEvent(gs1Batch, { ...when, quantity: 1, unit: 'KGM' })['eventID']).not.toBe(
      event['eventID'],
    );
  });

  it('an input application carries what, how much and the pre-harvest interval in the platform’s terms', () => {
    const event = inputEvent(gs1Batch, {
      ...when,
      inputKind: 'pesticide',
      inputName: '  Anvil 5SC ',
      dose: 20,
      doseUnit: 'ml/16l',
      preHarvestDays: 7,
    });
    expect(event).toMatchObject({
      action: 'OBSERVE',
      bizStep: 'http://127.0.0.1:3006/voc/BizStep-input_application',
      quantityList: [{ epcClass: lot }],
      'ocop:inputKind': 'pesticide',
      'ocop:inputName': 'Anvil 5SC',
      'ocop:dose': 20,
      'ocop:doseUnit': 'ml/16l',
      'ocop:preHarvestIntervalDays': 7,
    });
    expect(event).not.toHaveProperty('disposition');
  });

  it('packing and shipping name the lot and the quantity; shipping keeps the receiver in private fields', () => {
    expect(packingEvent(codeBatch, { ...when, quantity: 50, unit: 'XBX' })).toMatchObject({
      bizStep: 'packing',
      disposition: 'in_progress',
      quantityList: [{ epcClass: 'https://tra.example.vn/qr/t/P1A2B3/L7', quantity: 50, uom: 'XBX' }],
    });
    expect(
      shippingEvent(gs1Batch, {
        ...when,
        quantity: 400,
        unit: 'KGM',
        shipTo: ' Siêu thị Co.opmart Bến Tre ',
        destination: 'Phường An Hội',
      }),
    ).toMatchObject({
      bizStep: 'shipping',
      disposition: 'in_transit',
      'ocop:shipTo': 'Siêu thị Co.opmart Bến Tre',
      'ocop:destination': 'Phường An Hội',
    });
  });

  it('maps the service’s field paths to the forms’ fields', () => {
    expect(DIARY_FIELDS['quantityList[0].quantity']).toBe('quantity');
    expect(DIARY_FIELDS['ocop:preHarvestIntervalDays']).toBe('preHarvestDays');
    expect(DIARY_FIELDS['eventTime']).toBe('date');
  });
});

describe('the pre-harvest interval', () => {
  const sprayed = [
    {
      type: 'ObjectEvent',
      eventTime: '2026-12-01T17:30:00.000Z',
      'ocop:inputKind': 'pesticide',
      'ocop:inputName': 'Anvil',
      'ocop:preHarvestIntervalDays': 7,
    },
    {
      type: 'ObjectEvent',
      eventTime: '2026-12-03T01:00:00.000Z',
      'ocop:inputKind': 'fertiliser',
      'ocop:inputName': 'NPK',
      'ocop:preHarvestIntervalDays': 30,
    },
  ];

  it('counts days from the Vietnamese day of spraying (00:30 on the 2nd there), fertiliser aside', () => {
    const applications = pesticideApplications(sprayed);
    expect(applications).toEqual([
      { eventTime: '2026-12-01T17:30:00.000Z', inputName: 'Anvil', preHarvestDays: 7 },
    ]);
    expect(unsafeBefore(applications, '2026-12-08')).toMatchObject({
      inputName: 'Anvil',
      safeFrom: '2026-12-09',
    });
    expect(unsafeBefore(applications, '2026-12-09')).toBeUndefined();
    expect(unsafeBefore(applications, '2026-12-01')).toBeUndefined();
  });

  it('names the application that keeps the produce unsafe longest', () => {
    const applications = [
      { eventTime: '2026-12-01T01:00:00.000Z', inputName: 'A', preHarvestDays: 14 },
      { eventTime: '2026-12-05T01:00:00.000Z', inputName: 'B', preHarvestDays: 3 },
    ];
    expect(unsafeBefore(applications, '2026-12-06')).toMatchObject({
      inputName: 'A',
      safeFrom: '2026-12-15',
    });
  });

  it('gives today’s date and time on Viet Nam’s clock', () => {
    expect(nowInVietnam(new Date('2026-12-04T18:05:00Z'))).toEqual({ date: '2026-12-05', time: '01:05' });
  });
});
