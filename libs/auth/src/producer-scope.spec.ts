import { DomainError } from '@ocop/contracts';
import { Actor } from './actor';
import { assertOwnsProducer, inTerritory, ownsProducer } from './producer-scope';

const actor = (overrides: Partial<Actor>): Actor => ({
  accountId: 'a1',
  roles: [],
  language: 'vi',
  ...overrides,
});

describe('producer ownership', () => {
  const producerA = actor({ roles: ['producer'], producerId: 'producer-a' });

  it('lets a producer account act on its own producer only', () => {
    expect(ownsProducer(producerA, 'producer-a')).toBe(true);
    expect(ownsProducer(producerA, 'producer-b')).toBe(false);
  });

  it('lets an admin act on every producer', () => {
    expect(ownsProducer(actor({ roles: ['admin'] }), 'producer-b')).toBe(true);
  });

  it('does not treat a producerId without the producer role as ownership', () => {
    expect(ownsProducer(actor({ roles: ['retailer'], producerId: 'producer-a' }), 'producer-a')).toBe(false);
  });

  it('answers 404, not 403, for someone else’s producer so that existence does not leak', () => {
    const thrown = (() => {
      try {
        assertOwnsProducer(producerA, 'producer-b', 'Batch');
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ status: 404, code: 'not-found', title: 'Batch not found' });
  });

  it('leaves officers to the territory check', () => {
    expect(ownsProducer(actor({ roles: ['officer'], scope: { provinceCode: '83' } }), 'producer-a')).toBe(
      false,
    );
  });
});

describe('territory scope', () => {
  const place = { provinceCode: '83', districtCode: '831', communeCode: '28756' };

  it('province-wide scope covers every place of the province, and no other province', () => {
    const officer = actor({ roles: ['officer'], scope: { provinceCode: '83' } });
    expect(inTerritory(officer, place)).toBe(true);
    expect(inTerritory(officer, { districtCode: '835' })).toBe(true);
    expect(inTerritory(officer, { ...place, provinceCode: '84' })).toBe(false);
  });

  it('district scope covers its district only', () => {
    const officer = actor({ roles: ['officer'], scope: { provinceCode: '83', districtCode: '831' } });
    expect(inTerritory(officer, place)).toBe(true);
    expect(inTerritory(officer, { districtCode: '835', communeCode: '28900' })).toBe(false);
  });

  it('commune scope covers its commune only', () => {
    const officer = actor({
      roles: ['officer'],
      scope: { provinceCode: '83', districtCode: '831', communeCode: '28756' },
    });
    expect(inTerritory(officer, place)).toBe(true);
    expect(inTerritory(officer, { districtCode: '831', communeCode: '28759' })).toBe(false);
  });

  it('covers nothing for an actor without scope, admins included', () => {
    expect(inTerritory(actor({ roles: ['admin'] }), place)).toBe(false);
  });
});
