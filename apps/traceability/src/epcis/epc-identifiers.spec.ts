import { productCodeOf } from '@ocop/ocop-domain';
import { cbvTerm } from './cbv';
import { epcReferences, epcRefKeys, parseEpc } from './epc-identifiers';

describe('EPC identifiers', () => {
  it('reads an SGTIN in URN and Digital Link form as the same unit', () => {
    const urn = parseEpc('urn:epc:id:sgtin:0614141.107346.2017', 2026);
    const dl = parseEpc('https://id.gs1.org/01/10614141073464/21/2017', 2026);
    expect(urn).toEqual({
      kind: 'sgtin',
      key: 'sgtin:10614141073464:2017',
      gtin: '10614141073464',
      serial: '2017',
    });
    expect(dl.key).toBe(urn.key);
    expect(parseEpc('https://id.ocop.vn/01/10614141073464/10/L1/21/2017', 2026).key).toBe(urn.key);
  });

  it('reads lots (LGTIN), decodes URN escapes, and GTIN patterns', () => {
    expect(parseEpc('urn:epc:class:lgtin:4012345.012345.998877', 2026)).toMatchObject({
      kind: 'lgtin',
      gtin: '04012345123456',
      lot: '998877',
    });
    expect(parseEpc('urn:epc:id:sgtin:4012345.012345.A%2FB', 2026).serial).toBe('A/B');
    expect(parseEpc('https://id.gs1.org/01/04012345123456/10/998877', 2026).key).toBe(
      'lgtin:04012345123456:998877',
    );
    expect(parseEpc('urn:epc:idpat:sgtin:4012345.044444.*', 2026)).toMatchObject({ kind: 'gtin' });
  });

  it('reads /t/ units and lots of products without GTIN on any domain, signature or not, as one key each', () => {
    const productId = '3f2c9a1e-7b4d-4c8e-9a01-5d6e7f8091a2';
    const code = productCodeOf(productId);
    const unit = parseEpc(`https://id.ocop.vn/t/${code}/L%2F1/Q7KX9M2P4T6V`, 2026);
    expect(unit).toEqual({
      kind: 'code-unit',
      key: `t:/t/${code}/L%2F1/Q7KX9M2P4T6V`,
      productId,
      lot: 'L/1',
      serial: 'Q7KX9M2P4T6V',
    });
    expect(parseEpc(`http://other.example/t/${code}/L%2F1/Q7KX9M2P4T6V?sig=abc`, 2026).key).toBe(unit.key);
    expect(parseEpc(`https://id.ocop.vn/t/${code}/L%2F1`, 2026)).toMatchObject({
      kind: 'code-lot',
      productId,
    });
    expect(parseEpc(`https://id.ocop.vn/t/${code.toLowerCase()}/L1`, 2026).kind).toBe('other');
  });

  it('keeps every other identifier as it is', () => {
    for (const uri of [
      'urn:epc:id:sscc:4012345.0111111111',
      'urn:epc:id:sgln:0614141.07346.1234',
      'https://example.com/x',
    ]) {
      expect(parseEpc(uri, 2026)).toEqual({ kind: 'other', key: uri });
    }
  });

  it('finds the EPCs of every event type with their paths and roles', () => {
    const refs = epcReferences({
      parentID: 'urn:epc:id:sscc:1.2',
      childEPCs: ['a'],
      inputQuantityList: [{ epcClass: 'b', quantity: 1 }],
      outputEPCList: ['c'],
      quantityList: [{ epcClass: 'd' }],
    });
    expect(refs.map((r) => [r.path, r.role])).toEqual([
      ['childEPCs[0]', 'epc'],
      ['outputEPCList[0]', 'output'],
      ['parentID', 'parent'],
      ['quantityList[0].epcClass', 'class'],
      ['inputQuantityList[0].epcClass', 'inputClass'],
    ]);
  });

  it('keys each EPC by its role, units and lots also by their GTIN, once each', () => {
    const unit = 'https://id.ocop.vn/01/08936047000500/21/S1';
    const lot = 'urn:epc:class:lgtin:8936047.000050.L1';
    const keys = epcRefKeys(
      epcReferences({ epcList: [unit, unit], outputQuantityList: [{ epcClass: lot }] }).map((r) => ({
        role: r.role,
        epc: parseEpc(r.uri, 2026),
      })),
    );
    expect(keys).toEqual([
      'epc|sgtin:08936047000500:S1',
      'epc|gtin:08936047000500',
      'outputClass|lgtin:08936047000500:L1',
      'outputClass|gtin:08936047000500',
    ]);
  });
});

describe('CBV terms', () => {
  it('reduce every spelling to the bare word', () => {
    expect(cbvTerm('bizStep', 'https://ref.gs1.org/cbv/BizStep-shipping')).toBe('shipping');
    expect(cbvTerm('bizStep', 'urn:epcglobal:cbv:bizstep:receiving')).toBe('receiving');
    expect(cbvTerm('disposition', 'https://ref.gs1.org/cbv/Disp-in_transit')).toBe('in_transit');
    expect(cbvTerm('bizStep', 'https://example.com/my-step')).toBe('https://example.com/my-step');
  });
});
