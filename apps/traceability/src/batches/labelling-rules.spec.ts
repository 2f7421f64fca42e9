import { labellingRefusal } from './labelling-rules';

describe('labellingRefusal', () => {
  it('lets an active product of a producer that is not suspended go ahead', () => {
    expect(labellingRefusal({ status: 'active' }, { status: 'verified' })).toBeUndefined();
    expect(labellingRefusal({ status: 'active' }, { status: 'pending' })).toBeUndefined();
    expect(labellingRefusal({ status: 'active' }, null)).toBeUndefined();
  });

  it('refuses a suspended producer first, whatever its product', () => {
    for (const status of ['active', 'discontinued'] as const) {
      expect(labellingRefusal({ status }, { status: 'suspended' })).toMatchObject({
        status: 409,
        code: 'producer-suspended',
      });
    }
  });

  it('refuses a discontinued or draft product, saying which', () => {
    const refusal = labellingRefusal({ status: 'discontinued' }, { status: 'verified' });
    expect(refusal).toMatchObject({
      status: 409,
      code: 'product-not-active',
      extensions: { productStatus: 'discontinued' },
    });
    expect(refusal?.detail).toContain('ngừng bán');
    expect(labellingRefusal({ status: 'draft' }, null)?.code).toBe('product-not-active');
  });
});
