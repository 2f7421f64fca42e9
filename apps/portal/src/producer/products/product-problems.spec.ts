import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../../common/api/problem';
import { changeLanguage, initI18n } from '../../common/i18n/i18n';
import { productProblem } from './product-problems';

const t = initI18n('vi').t;
const problem = (code: string, errors: { field: string; message: string }[], extensions = {}) =>
  new ApiProblem(400, code, 'Dữ liệu không hợp lệ / Invalid data', undefined, errors, extensions);

describe('where the catalogue’s complaints about a product go in its form', () => {
  it('puts each bad GTIN of a format check under its own box, without the index, in the person’s language', async () => {
    const gtins = ['8936047000500', '8936047000501', '123'];
    const answer = problem('validation-failed', [
      {
        field: 'gtins',
        message:
          '[1] "8936047000501" sai số kiểm tra (phải là 0) / [1] "8936047000501" wrong check digit (expected 0); ' +
          '[2] "123" phải có 8, 12, 13 hoặc 14 chữ số / [2] "123" must have 8, 12, 13 or 14 digits',
      },
    ]);
    expect(productProblem(t, answer, gtins)).toEqual({
      fields: [
        { name: ['gtins', 1], errors: ['"8936047000501" sai số kiểm tra (phải là 0)'] },
        { name: ['gtins', 2], errors: ['"123" phải có 8, 12, 13 hoặc 14 chữ số'] },
      ],
    });
    await changeLanguage('en');
    expect(productProblem(t, answer, gtins).fields[0]).toEqual({
      name: ['gtins', 1],
      errors: ['"8936047000501" wrong check digit (expected 0)'],
    });
    await changeLanguage('vi');
  });

  it('finds the box of a GTIN another product or producer holds by its number, as typed or stored', () => {
    const answer = new ApiProblem(
      409,
      'gtin-taken',
      'Xung đột dữ liệu / Conflict',
      undefined,
      [{ field: 'gtins', message: 'Mã GTIN đã gắn với sản phẩm khác: 08936047000500 / GTIN already …' }],
      { gtins: ['08936047000500'] },
    );
    expect(productProblem(t, answer, ['96385074', '893 6047 00050 0'])).toEqual({
      fields: [{ name: ['gtins', 1], errors: ['Mã GTIN này đã gắn với một sản phẩm khác.'] }],
    });
  });

  it('puts a GTIN outside the company prefix under the box the catalogue names', () => {
    const answer = problem('gtin-outside-company-prefix', [
      {
        field: 'gtins[0]',
        message:
          '08936047000500 không thuộc mã doanh nghiệp GS1 8930001 của chủ thể / 08936047000500 is not …',
      },
    ]);
    expect(productProblem(t, answer, ['8936047000500']).fields).toEqual([
      { name: ['gtins', 0], errors: ['08936047000500 không thuộc mã doanh nghiệp GS1 8930001 của chủ thể'] },
    ]);
  });

  it('puts a field of the form under it, and tells what concerns no field above the form', () => {
    expect(
      productProblem(
        t,
        problem('validation-failed', [{ field: 'nameVi', message: 'bắt buộc / is required' }]),
        [],
      ).fields,
    ).toEqual([{ name: ['nameVi'], errors: ['bắt buộc'] }]);
    const unverified = new ApiProblem(
      409,
      'producer-not-verified',
      'Xung đột dữ liệu / Conflict',
      undefined,
      [
        {
          field: 'producerId',
          message: 'Chủ thể chưa được cán bộ xác minh / The producer has not been verified',
        },
      ],
    );
    expect(productProblem(t, unverified, [])).toEqual({
      fields: [],
      message: 'Cơ sở chưa được cán bộ xã xác minh, nên chưa thêm hay sửa sản phẩm được.',
    });
  });
});
