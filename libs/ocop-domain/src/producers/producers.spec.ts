import { foldVietnamese } from '../text/vietnamese-fold';
import { producerTypeFromLabel } from './producer-types';
import { isTaxCodeFor, taxCodeKind, taxCodeRequired } from './tax-code';

describe('tax codes', () => {
  it('accepts 10 digits and 10 digits + 3 for a dependent unit', () => {
    expect(taxCodeKind('1300123456')).toBe('organisation');
    expect(taxCodeKind('1300123456-001')).toBe('dependent-unit');
    expect(taxCodeKind('083123456789')).toBe('personal-id');
  });

  it.each([
    '130012345',
    '13001234567',
    '1300123456-01',
    '1300123456001',
    '13001234S6',
    ' 1300123456',
    '1300123456-',
  ])('refuses %p', (value) => {
    expect(taxCodeKind(value)).toBeUndefined();
    expect(isTaxCodeFor('enterprise', value)).toBe(false);
  });

  it('lets only households use a 12-digit personal identification number', () => {
    expect(isTaxCodeFor('household', '083123456789')).toBe(true);
    expect(isTaxCodeFor('enterprise', '083123456789')).toBe(false);
    expect(isTaxCodeFor('cooperative', '1300123456')).toBe(true);
  });

  it('requires a tax code of registered organisations only', () => {
    expect(taxCodeRequired('enterprise')).toBe(true);
    expect(taxCodeRequired('cooperative')).toBe(true);
    expect(taxCodeRequired('household')).toBe(false);
    expect(taxCodeRequired('cooperative-group')).toBe(false);
  });
});

describe('producer types', () => {
  it('reads codes and the labels office lists use', () => {
    expect(producerTypeFromLabel('Doanh nghiệp', foldVietnamese)).toBe('enterprise');
    expect(producerTypeFromLabel('Hợp tác xã', foldVietnamese)).toBe('cooperative');
    expect(producerTypeFromLabel('htx', foldVietnamese)).toBe('cooperative');
    expect(producerTypeFromLabel('Hộ gia đình', foldVietnamese)).toBe('household');
    expect(producerTypeFromLabel('cooperative-group', foldVietnamese)).toBe('cooperative-group');
    expect(producerTypeFromLabel('Tổ hợp tác', foldVietnamese)).toBe('cooperative-group');
    expect(producerTypeFromLabel('Trường học', foldVietnamese)).toBeUndefined();
    expect(producerTypeFromLabel('', foldVietnamese)).toBeUndefined();
  });
});
