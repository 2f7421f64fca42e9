import { Actor } from '@ocop/auth';
import { adminUnits } from '@ocop/ocop-domain';
import {
  mayEditProducer,
  mayReadProducer,
  mayReviewProducer,
  mayStartProducerWork,
  ProducerRef,
} from './access';

const actor = (overrides: Partial<Actor>): Actor => ({
  accountId: 'a',
  roles: [],
  language: 'vi',
  ...overrides,
});
const registry = adminUnits();

// Chánh Thu in Hòa Nghĩa, Chợ Lách (2022), i.e. Xã Chợ Lách from 2025-07.
const chanhThu: ProducerRef = { id: 'p-chanh-thu', places: registry.places('bt-2022', '28882') };
// A producer registered after the reorganisation, in Phường Bến Tre (spans two former districts).
const benTreWard: ProducerRef = { id: 'p-ward', places: registry.places('vl-2025-07', '28789') };

describe('catalogue access', () => {
  it('lets a producer account start producer work only once an officer has verified its producer', () => {
    const own = actor({ roles: ['producer'], producerId: 'p-chanh-thu' });
    const officer = actor({ roles: ['officer'], scope: { provinceCode: '86', communeCode: '28870' } });
    const admin = actor({ roles: ['admin'] });
    const pending = { identityVerifiedAt: null };
    const verified = { identityVerifiedAt: new Date('2026-12-01T02:00:00Z') };
    expect(mayStartProducerWork(own, pending)).toBe(false);
    expect(mayStartProducerWork(own, verified)).toBe(true);
    // Reviewers may prepare drafts for producers they register themselves.
    expect(mayStartProducerWork(officer, pending)).toBe(true);
    expect(mayStartProducerWork(admin, pending)).toBe(true);
  });

  it('lets a producer account edit its own producer only', () => {
    const own = actor({ roles: ['producer'], producerId: 'p-chanh-thu' });
    expect(mayEditProducer(own, chanhThu)).toBe(true);
    expect(mayEditProducer(own, benTreWard)).toBe(false);
    expect(mayReviewProducer(own, chanhThu)).toBe(false);
  });

  it('judges an officer by the map the scope is written in', () => {
    const choLach2022 = actor({ roles: ['officer'], scope: { provinceCode: '83', districtCode: '832' } });
    const choLach2025 = actor({ roles: ['officer'], scope: { provinceCode: '86', communeCode: '28870' } });
    const province2022 = actor({ roles: ['officer'], scope: { provinceCode: '83' } });
    const elsewhere = actor({ roles: ['officer'], scope: { provinceCode: '83', districtCode: '835' } });
    expect(mayReviewProducer(choLach2022, chanhThu)).toBe(true);
    expect(mayReviewProducer(choLach2025, chanhThu)).toBe(true);
    expect(mayReviewProducer(province2022, chanhThu)).toBe(true);
    expect(mayReviewProducer(elsewhere, chanhThu)).toBe(false);
    expect(mayReviewProducer(actor({ roles: ['officer'], scope: { provinceCode: '79' } }), chanhThu)).toBe(
      false,
    );
  });

  it('keeps a district officer off a place that may lie outside the district', () => {
    const benTreCity = actor({ roles: ['officer'], scope: { provinceCode: '83', districtCode: '829' } });
    expect(mayReviewProducer(benTreCity, benTreWard)).toBe(false);
    expect(mayReviewProducer(actor({ roles: ['officer'], scope: { provinceCode: '83' } }), benTreWard)).toBe(
      true,
    );
  });

  it('lets admins do everything and council members read in territory only', () => {
    const admin = actor({ roles: ['admin'] });
    expect(mayEditProducer(admin, chanhThu) && mayReviewProducer(admin, chanhThu)).toBe(true);
    const council = actor({ roles: ['council'], scope: { provinceCode: '83' } });
    expect(mayReadProducer(council, chanhThu)).toBe(true);
    expect(mayEditProducer(council, chanhThu)).toBe(false);
    expect(mayReadProducer(actor({ roles: ['retailer'] }), chanhThu)).toBe(false);
  });
});
