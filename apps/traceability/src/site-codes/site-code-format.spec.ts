import { CODE_FORMAT_PATTERN, formatSiteCode, SiteCodeFormatError } from './site-code-format';

describe('site code format (QĐ 3156)', () => {
  const parts = {
    provinceCode: '83',
    districtCode: '832',
    communeCode: '28882',
    facilityNumber: 1,
    year: 2022,
  };

  it('builds the structure VN – province – district – commune – facility – yy', () => {
    expect(formatSiteCode('VN-{province}-{district}-{commune}-{facility:2}-{yy}', parts)).toBe(
      'VN-83-832-28882-01-22',
    );
  });

  it('pads the facility number to the width asked for and grows beyond it', () => {
    const template = 'VN-{province}-{district}-{commune}-{facility:2}-{yy}';
    expect(formatSiteCode(template, { ...parts, facilityNumber: 7 })).toMatch(/-07-22$/);
    expect(formatSiteCode(template, { ...parts, facilityNumber: 123 })).toMatch(/-123-22$/);
  });

  it('follows another separator or a 4-digit year when configured so', () => {
    expect(formatSiteCode('VN.{province}.{commune}.{facility:3}.{yyyy}', { ...parts, year: 2025 })).toBe(
      'VN.83.28882.001.2025',
    );
  });

  it('leaves an optional district out, with its separator, for a commune directly under the province', () => {
    const template = 'VN-{province}-{district?}-{commune}-{facility:2}-{yy}';
    expect(formatSiteCode(template, parts)).toBe('VN-83-832-28882-01-22');
    expect(
      formatSiteCode(template, {
        ...parts,
        provinceCode: '86',
        districtCode: null,
        communeCode: '28756',
        year: 2026,
      }),
    ).toBe('VN-86-28756-01-26');
    expect(CODE_FORMAT_PATTERN.test(template)).toBe(true);
  });

  it('refuses a template that insists on a district for a commune directly under the province', () => {
    expect(() =>
      formatSiteCode('VN-{province}-{district}-{commune}-{facility}-{yy}', { ...parts, districtCode: null }),
    ).toThrow(SiteCodeFormatError);
  });

  it('accepts only templates with a facility number and known placeholders', () => {
    expect(CODE_FORMAT_PATTERN.test('VN-{province}-{facility:2}')).toBe(true);
    expect(CODE_FORMAT_PATTERN.test('VN-{province}-{commune}')).toBe(false);
    expect(CODE_FORMAT_PATTERN.test('VN-{provinc}-{facility}')).toBe(false);
  });
});
