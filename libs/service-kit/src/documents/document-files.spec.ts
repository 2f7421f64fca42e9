import { DomainError } from '@ocop/contracts';
import { acceptDocument, contentDisposition, safeFileName } from './document-files';

const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

function refusal(file: Parameters<typeof acceptDocument>[0]): { code: string; status: number } {
  try {
    acceptDocument(file);
  } catch (err) {
    if (err instanceof DomainError) return { code: err.code, status: err.status };
    throw err;
  }
  throw new Error('the file was accepted');
}

describe('acceptDocument', () => {
  it('takes a PDF whose first bytes say PDF, with its digest and a clean name', () => {
    const file = acceptDocument({
      contentType: 'application/pdf; charset=binary',
      fileName: 'C:\\scans\\Giấy phép kinh doanh.pdf',
      content: PDF,
      maxBytes: 1024,
    });
    expect(file).toMatchObject({
      contentType: 'application/pdf',
      fileName: 'Giấy phép kinh doanh.pdf',
      sizeBytes: PDF.length,
    });
    expect(file.sha256.toString('hex')).toHaveLength(64);
  });

  it('refuses a script sent as a PDF, a type it does not keep, an empty and an oversized file', () => {
    expect(
      refusal({
        contentType: 'application/pdf',
        fileName: 'x.pdf',
        content: Buffer.from('<script>'),
        maxBytes: 99,
      }),
    ).toEqual({ code: 'attachment-content-mismatch', status: 422 });
    expect(refusal({ contentType: 'image/png', fileName: 'x.png', content: PDF, maxBytes: 99 })).toEqual({
      code: 'attachment-content-mismatch',
      status: 422,
    });
    expect(refusal({ contentType: 'text/html', fileName: 'x.html', content: PDF, maxBytes: 99 })).toEqual({
      code: 'attachment-type-not-allowed',
      status: 422,
    });
    expect(refusal({ contentType: undefined, fileName: 'x', content: PDF, maxBytes: 99 })).toEqual({
      code: 'attachment-type-not-allowed',
      status: 422,
    });
    expect(
      refusal({ contentType: 'image/png', fileName: 'x.png', content: Buffer.alloc(0), maxBytes: 99 }),
    ).toEqual({ code: 'validation-failed', status: 400 });
    expect(refusal({ contentType: 'image/png', fileName: 'x.png', content: PNG, maxBytes: 8 })).toEqual({
      code: 'attachment-too-large',
      status: 422,
    });
  });
});

describe('safeFileName', () => {
  it('keeps no path, no control or quote characters, and names a nameless file by its type', () => {
    expect(safeFileName('../../etc/passwd', 'application/pdf')).toBe('passwd');
    expect(safeFileName('a\u0000b\u202e"c.pdf', 'application/pdf')).toBe('abc.pdf');
    expect(safeFileName('   ', 'image/jpeg')).toBe('tai-lieu.jpg');
    expect(safeFileName(undefined, 'image/png')).toBe('tai-lieu.png');
    expect(safeFileName('x'.repeat(300), 'image/png')).toHaveLength(200);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('attachment', 'Bản đồ "vùng".pdf')).toBe(
      `attachment; filename="Ban do vung.pdf"; filename*=UTF-8''B%E1%BA%A3n%20%C4%91%E1%BB%93%20%22v%C3%B9ng%22.pdf`,
    );
  });
});
