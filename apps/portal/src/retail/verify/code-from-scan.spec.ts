import { describe, expect, it } from 'vitest';
import { codeFromScan } from './code-from-scan';

describe('codeFromScan', () => {
  it('keeps a QR code’s Digital Link as it is, without the spaces around it', () => {
    expect(codeFromScan(' https://id.ocop.vn/01/08936047000500/10/L1/21/ABC \n')).toBe(
      'https://id.ocop.vn/01/08936047000500/10/L1/21/ABC',
    );
  });

  it('reads a GS1 DataMatrix’s leading FNC1 as its symbology, keeping the separators inside', () => {
    expect(codeFromScan('\u001d010893604700050010L1\u001d21ABC')).toBe(']d2010893604700050010L1\u001d21ABC');
  });

  it('makes one line of a code that holds line breaks, and nothing of an empty one', () => {
    expect(codeFromScan('0108936047000500\r\n21ABC')).toBe('010893604700050021ABC');
    expect(codeFromScan(' \n')).toBeUndefined();
  });
});
