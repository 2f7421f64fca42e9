import { productSetFromLabel, foldVietnamese, isTaxCodeFor } from '@ocop/ocop-domain';
import { adminUnits } from '@ocop/ocop-domain';
import { parseCsv } from '../common/csv';
import sampleCsv from './data/ben-tre-ocop-products-public-sample.csv';
import { DEMO_CATALOGUE, DEMO_PRODUCERS } from './demo-catalogue';

describe('demo catalogue', () => {
  const [header, ...rows] = parseCsv(sampleCsv);
  const column = (name: string) => header.fields.indexOf(name);

  it('has the 21 products of the sample file, line by line', () => {
    expect(DEMO_CATALOGUE).toHaveLength(21);
    expect(DEMO_CATALOGUE.map((e) => e.sourceLine)).toEqual(rows.map((r) => r.line));
  });

  it('keeps names, communes and stars as the sources give them', () => {
    for (const entry of DEMO_CATALOGUE) {
      const row = rows.find((r) => r.line === entry.sourceLine)?.fields ?? [];
      const communeCode = row[column('commune_code')];
      if (!row[column('product_name')].startsWith('Chả tôm'))
        expect(entry.product.nameVi).toBe(row[column('product_name')]);
      if (communeCode) expect(entry.producer.communeCode2022).toBe(communeCode);
      const stars = row[column('stars')];
      expect(entry.reportedStars).toBe(stars ? Number(stars) : null);
      expect(entry.product.productSet).toBe(
        productSetFromLabel(row[column('suggested_product_set_qd148')], foldVietnamese)?.no,
      );
    }
  });

  it('places producers in communes of the 2022 map, with valid placeholder tax codes', () => {
    for (const producer of DEMO_PRODUCERS) {
      if (producer.communeCode2022)
        expect(adminUnits().commune('bt-2022', producer.communeCode2022)).toBeDefined();
      expect(isTaxCodeFor(producer.type, producer.taxCode)).toBe(true);
      expect(producer.taxCode.startsWith('00')).toBe(true);
    }
    expect(DEMO_PRODUCERS).toHaveLength(12);
    const publicProducts = DEMO_CATALOGUE.filter((e) => e.producer.communeCode2022);
    expect(publicProducts).toHaveLength(13);
  });
});
