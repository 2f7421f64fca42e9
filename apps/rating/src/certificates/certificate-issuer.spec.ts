import { loadConfig } from '@ocop/service-kit';
import { RatingConfig } from '../config';
import { certificateIssuer } from './certificate-issuer';

const env = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/t' };
const settings = (config: RatingConfig) => ({
  central: { vi: config.CENTRAL_ISSUER_VI, en: config.CENTRAL_ISSUER_EN },
  provinceOverrides: config.PROVINCE_ISSUERS,
});

describe('the issuer printed on a certificate (decision 0036)', () => {
  const defaults = settings(loadConfig('rating', RatingConfig, env));

  it('is the province of the map in force on the decision date: Bến Tre to 30/06/2025, Vĩnh Long from 01/07/2025', () => {
    const issuer = (decisionDate: string, stars: 3 | 4 | 5 = 4) =>
      certificateIssuer({ decisionDate, stars, level: 'province' }, defaults).vi;
    expect(issuer('2024-05-20')).toBe('ỦY BAN NHÂN DÂN TỈNH BẾN TRE');
    expect(issuer('2025-06-30')).toBe('ỦY BAN NHÂN DÂN TỈNH BẾN TRE');
    expect(issuer('2025-07-01')).toBe('ỦY BAN NHÂN DÂN TỈNH VĨNH LONG');
    expect(issuer('2026-12-03')).toBe('ỦY BAN NHÂN DÂN TỈNH VĨNH LONG');
    // Certificates older than the 2022 map are Bến Tre's too (the earliest map answers for earlier dates).
    expect(issuer('2019-03-01')).toBe('ỦY BAN NHÂN DÂN TỈNH BẾN TRE');
    expect(issuer('2026-12-03', 5)).toBe('BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG');
  });

  it('takes the province’s own names from PROVINCE_ISSUERS, per map, and refuses a malformed setting', () => {
    const config = loadConfig('rating', RatingConfig, {
      ...env,
      PROVINCE_ISSUERS: JSON.stringify({
        'vl-2025-07': { vi: 'UBND TỈNH VĨNH LONG', en: 'Vinh Long Provincial People’s Committee' },
      }),
    });
    expect(
      certificateIssuer({ decisionDate: '2026-01-02', stars: 3, level: 'province' }, settings(config)),
    ).toEqual({ vi: 'UBND TỈNH VĨNH LONG', en: 'Vinh Long Provincial People’s Committee' });
    expect(
      certificateIssuer({ decisionDate: '2024-01-02', stars: 3, level: null }, settings(config)).vi,
    ).toBe('ỦY BAN NHÂN DÂN TỈNH BẾN TRE');
    for (const bad of [
      'not json',
      '[]',
      '{"hn-2008":{"vi":"x","en":"y"}}',
      '{"bt-2022":{"vi":""," en":"y"}}',
    ]) {
      expect(() => loadConfig('rating', RatingConfig, { ...env, PROVINCE_ISSUERS: bad })).toThrow(
        /PROVINCE_ISSUERS/,
      );
    }
  });
});
