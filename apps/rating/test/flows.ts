import { addCalendarDays, levelChain, vietnamDateOf } from '@ocop/ocop-domain';
import { TestActor } from '@ocop/testing';
import { Json, RatingHarness } from './rating-harness';

/** A tiny valid PDF header: enough for the content check, which reads the first bytes. */
export const PDF = Buffer.from('%PDF-1.4\n% test document\n');
export const REQUIRED_ITEMS = [
  'registration-form',
  'business-plan',
  'producer-profile',
  'business-registration',
  'product-samples',
];

export const today = (h: RatingHarness, plusDays = 0) =>
  addCalendarDays(vietnamDateOf(h.clock.now()), plusDays);

export const registration = (productNameVi: string) => ({
  productNameVi,
  representative: 'Nguyễn Văn An',
  phone: '0275 3822 123',
  markets: ['Trong tỉnh', 'Xuất khẩu'],
});

export function expectStatus(reply: { status: number; body: Json }, status: number): Json {
  if (reply.status !== status)
    throw new Error(`expected ${status}, got ${reply.status}: ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/** The best option of every criterion of a sheet, then the given changes (option indices). */
export async function sheetChoices(
  h: RatingHarness,
  setNo: number,
  changes: Record<string, number | null> = {},
) {
  const set = expectStatus(await h.request('GET', `/rubrics/qd148-2023/sets/${setNo}`), 200);
  const best: Record<string, number | null> = {};
  for (const part of set.parts)
    for (const section of part.sections)
      for (const c of section.criteria) {
        const top = Math.max(...c.options.map((o: { points: number }) => o.points));
        best[c.key] = c.options.findIndex((o: { points: number }) => o.points === top);
      }
  return { ...best, ...changes };
}

export async function createRound(
  h: RatingHarness,
  officer: string,
  body: Record<string, unknown>,
): Promise<string> {
  // Open from yesterday for two months, but never past the end of the rule set's period (decision 0032).
  const rules = (body.rules as string | undefined) ?? 'qd148-2023';
  const periodEnd = levelChain(rules)?.validTo;
  const closesOn = periodEnd && today(h, 60) > periodEnd ? periodEnd : today(h, 60);
  const round = expectStatus(
    await h.request('POST', '/rounds', {
      token: officer,
      body: { rules, opensOn: today(h, -1), closesOn, ...body },
    }),
    201,
  );
  return round.roundId;
}

export async function seatCouncil(
  h: RatingHarness,
  officer: string,
  roundId: string,
  chair: string,
  members: string[],
) {
  expectStatus(
    await h.request('PUT', `/rounds/${roundId}/council/${chair}`, {
      token: officer,
      body: { role: 'chair' },
    }),
    200,
  );
  for (const m of members) {
    expectStatus(
      await h.request('PUT', `/rounds/${roundId}/council/${m}`, { token: officer, body: { role: 'member' } }),
      200,
    );
  }
}

/** A complete dossier: form, self-assessment, every required document; submitted. */
export async function applyAndSubmit(
  h: RatingHarness,
  producer: string,
  roundId: string,
  productId: string,
  setNo: number,
) {
  const dossier = expectStatus(
    await h.request('POST', `/rounds/${roundId}/dossiers`, {
      token: producer,
      body: { productId, registration: registration('Sản phẩm') },
    }),
    201,
  );
  const id = dossier.dossierId;
  expectStatus(
    await h.request('PATCH', `/dossiers/${id}`, {
      token: producer,
      body: { selfAssessment: await sheetChoices(h, setNo) },
    }),
    200,
  );
  for (const item of REQUIRED_ITEMS) {
    expectStatus(
      await h.request('POST', `/dossiers/${id}/attachments/${item}?fileName=${item}.pdf`, {
        token: producer,
        raw: { contentType: 'application/pdf', payload: PDF },
      }),
      201,
    );
  }
  expectStatus(await h.request('POST', `/dossiers/${id}/submit`, { token: producer }), 200);
  return id as string;
}

/** Every member submits the same answers. */
export async function scoreAll(
  h: RatingHarness,
  memberTokens: string[],
  dossierId: string,
  choices: Record<string, number | null>,
) {
  for (const token of memberTokens) {
    expectStatus(
      await h.request('POST', `/dossiers/${dossierId}/scoresheets/mine/submit`, { token, body: { choices } }),
      200,
    );
  }
}

export async function tokens(
  h: RatingHarness,
  actors: Record<string, TestActor>,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, actor] of Object.entries(actors)) out[name] = await h.token(actor);
  return out;
}
