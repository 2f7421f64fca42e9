import { api, call } from '../../common/api/client';

/** One code's answer from lookup's POST /verify (apps/lookup retail/verify.controller.ts): untyped in OpenAPI. */
export interface VerifyResult {
  code: string;
  format?: string;
  outcome: string;
  /** What the code identifies: a product, a batch or one unit. */
  level?: 'product' | 'batch' | 'unit';
  reason?: { vi: string; en: string };
  problem?: { reason: string; field?: string };
  gtin?: string;
  lot?: string;
  serial?: string;
  product?: { nameVi?: string; nameEn?: string };
  producer?: { name?: string };
  ocop?: { stars: number; certificate: { number: string; state: string; expiresAt: string } } | null;
}

/** The most codes one request takes (lookup's VERIFY_MAX_CODES default). */
export const MAX_CODES = 1000;

/** Codes typed or pasted, one a line (blank lines skipped), as a scanner's keyboard wedge types them. */
export const codesOf = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** The list with one more code at its end; undefined when it holds that code already (a camera reads a label over and over). */
export function withCode(text: string, code: string): string | undefined {
  if (codesOf(text).includes(code)) return undefined;
  const kept = text.replace(/\s+$/, '');
  return kept ? `${kept}\n${code}` : code;
}

export async function verifyCodes(codes: string[]): Promise<VerifyResult[]> {
  // The DTO has no Swagger decorators, so the generated schema types it as Record<string, never>.
  const body = { codes } as unknown as Record<string, never>;
  const answer = (await call(api.POST('/api/lookup/verify', { body }))) as unknown as {
    results: VerifyResult[];
  };
  return answer.results;
}

/** A CSV file as lookup reads it (a "code" column, or one code a line): the answers as JSON, or as a CSV file. */
export async function verifyFile(file: string, as: 'json'): Promise<VerifyResult[]>;
export async function verifyFile(file: string, as: 'csv'): Promise<string>;
export async function verifyFile(file: string, as: 'json' | 'csv'): Promise<VerifyResult[] | string> {
  const answer = await call(
    api.POST('/api/lookup/verify/csv', {
      body: file as never,
      bodySerializer: (body: unknown) => body as string,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        accept: as === 'csv' ? 'text/csv' : 'application/json',
      },
      parseAs: as === 'csv' ? 'text' : 'json',
    }),
  );
  return as === 'csv'
    ? (answer as unknown as string)
    : (answer as unknown as { results: VerifyResult[] }).results;
}
