import { natsSubjectFor, owningService } from '../subjects';
import { CatalogueEvents, CatalogueRpc } from './catalogue';
import { RatingEvents } from './rating';

describe('catalogue and rating contracts', () => {
  it('names every catalogue event ocop.catalogue.<entity>.<event>, once', () => {
    const types = Object.values(CatalogueEvents);
    expect(new Set(types).size).toBe(types.length);
    for (const type of types) {
      expect(type).toMatch(/^ocop\.catalogue\.(producer|product)\.[a-z-]+$/);
      expect(owningService(type)).toBe('catalogue');
    }
    expect(natsSubjectFor('ocop', CatalogueEvents.productUpdated)).toBe('ocop.catalogue.product.updated');
  });

  it('names the rating certificate events the catalogue consumes', () => {
    expect(Object.values(RatingEvents)).toEqual(
      expect.arrayContaining([
        'ocop.rating.certificate.issued',
        'ocop.rating.certificate.revoked',
        'ocop.rating.certificate.expired',
        'ocop.rating.certificate.superseded',
      ]),
    );
  });

  it('names the questions under catalogue.*', () => {
    expect(Object.values(CatalogueRpc)).toEqual([
      'catalogue.product.owner',
      'catalogue.product.summary',
      'catalogue.producer.holder',
      'catalogue.producer.reviewable',
    ]);
  });
});
