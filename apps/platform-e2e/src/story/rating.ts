import { SignedIn, StaffAccounts } from './accounts';
import { ApiError, eventually, Json } from './api';
import { ReportedCertificate } from './catalogue';
import { StoryContext } from './context';

const IMPORT_HEADER =
  'certificate_number,product_id,product_name,producer_name,stars,decision_ref,decision_date';

/** A CSV field, quoted when it has to be. */
const csvField = (v: string | number) =>
  /[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v);

/**
 * The import file of the certificates the sources report. They give the star and roughly when, never the
 * decision: numbers and dates are placeholders (`BT-MAU-…`, 1 July of the reported year) saying so.
 */
export function historicalCertificatesCsv(reported: readonly ReportedCertificate[]): string {
  const rows = reported.map((r, i) =>
    [
      `BT-MAU-${r.year}-${String(i + 1).padStart(2, '0')}`,
      r.productId,
      '',
      '',
      r.stars,
      `Chưa xác minh - dữ liệu mẫu ${r.year}`,
      `${r.year}-07-01`,
    ]
      .map(csvField)
      .join(','),
  );
  return [IMPORT_HEADER, ...rows].join('\r\n');
}

export interface ImportOutcome {
  /** The dry run's report (what every row would become). */
  dryRun: Json;
  /** Rows imported now (0 when a previous run imported them). */
  imported: number;
  /** Rows left out because they are already there (the seed running again). */
  alreadyThere: number;
}

const ALREADY_THERE = /đã có|already/;

/**
 * Imports the historical certificates through rating's CSV import: a dry run first (retried until rating has
 * learnt every product from the catalogue's events), then the rows that are not there yet.
 */
export async function importHistoricalCertificates(
  ctx: StoryContext,
  officerToken: string,
  reported: readonly ReportedCertificate[],
): Promise<ImportOutcome> {
  const csv = historicalCertificatesCsv(reported);
  const lines = csv.split('\r\n');
  const post = (body: string, dryRun: boolean) =>
    ctx.rating.post(`/certificates/import?dryRun=${dryRun}`, {
      token: officerToken,
      raw: { contentType: 'text/csv', payload: body },
      expect: 200,
    });
  const dryRun = await eventually(async () => {
    const report = await post(csv, true);
    const unknown = report.rows.filter((r: Json) => r.errors.some((e: string) => /not found/.test(e)));
    if (unknown.length) throw new ApiError('rating', 'POST', '/certificates/import', 422, report);
    return report;
  });
  const fresh = dryRun.rows.filter((r: Json) => r.ok);
  const alreadyThere = dryRun.rows.filter(
    (r: Json) => !r.ok && r.errors.every((e: string) => ALREADY_THERE.test(e)),
  );
  const broken = dryRun.rows.filter((r: Json) => !r.ok && !alreadyThere.includes(r));
  if (broken.length) throw new Error(`certificate import: rows with errors ${JSON.stringify(broken)}`);
  let imported = 0;
  if (fresh.length) {
    // Report lines count from the header (line 1).
    const body = [lines[0], ...fresh.map((r: Json) => lines[r.line - 1])].join('\r\n');
    imported = (await post(body, false)).imported;
  }
  ctx.log(`rating: ${imported} historical certificates imported (${alreadyThere.length} already there)`);
  return { dryRun, imported, alreadyThere: alreadyThere.length };
}

/** A tiny document whose first bytes say PDF: enough for the attachment content check. */
export const SAMPLE_PDF = Buffer.from('%PDF-1.4\n% Ho so mau / sample dossier document\n%%EOF\n');
export const REQUIRED_ITEMS = [
  'registration-form',
  'business-plan',
  'producer-profile',
  'business-registration',
  'product-samples',
];

/**
 * Sheet answers for a 4★ score: the best option of every criterion, then the lowest one for six criteria of set 1
 * (as rating's workflow test does), which gives 82 of 100 points: 4★ (70–89), not "potential 5★" (≥ 90).
 */
export const FOUR_STAR_CHANGES = ['A.1.1', 'A.3.1', 'B.4.3', 'C.6.3', 'C.6.4', 'C.7.1'];

export async function fourStarChoices(ctx: StoryContext, setNo: number): Promise<Record<string, number>> {
  const set = await ctx.rating.get(`/rubrics/qd148-2023/sets/${setNo}`);
  const choices: Record<string, number> = {};
  for (const part of set.parts)
    for (const section of part.sections)
      for (const c of section.criteria) {
        const points: number[] = c.options.map((o: { points: number }) => o.points);
        const pick = FOUR_STAR_CHANGES.includes(c.key) ? Math.min(...points) : Math.max(...points);
        choices[c.key] = points.indexOf(pick);
      }
  return choices;
}

export interface RatingCast {
  staff: StaffAccounts;
  producer: SignedIn;
}

/** The officers and the council, for the steps no producer takes part in. */
export type RatingStaff = Pick<RatingCast, 'staff'>;

export interface RoundState {
  roundId: string;
  dossierId: string;
  result?: Json;
  approved?: Json;
}

const registration = (productNameVi: string) => ({
  productNameVi,
  representative: 'Người đại diện (dữ liệu mẫu)',
  phone: '0275 3822 123',
  markets: ['Trong tỉnh', 'TP. Hồ Chí Minh'],
});

/** The commune whose officer runs the entry round: xã Chợ Lách (Vĩnh Long map) unless a story names another. */
export interface CommuneDesk {
  officerToken: string;
  communeCode: string;
  name: string;
}

const choLachDesk = (cast: RatingStaff): CommuneDesk => ({
  officerToken: cast.staff.communeOfficer.token,
  communeCode: '28870',
  name: 'xã Chợ Lách',
});

/**
 * The commune officer opens the entry round of today's rules (QĐ 1489, from 6 July 2025, on the Vĩnh Long map): the
 * commune reviews dossiers and proposes them to the province, which scores (decision 0032).
 */
export async function openCommuneRound(
  ctx: StoryContext,
  cast: RatingStaff,
  desk: CommuneDesk = choLachDesk(cast),
): Promise<string> {
  const round = await ctx.rating.post('/rounds', {
    token: desk.officerToken,
    body: {
      name: `Kiểm tra, đề xuất sản phẩm OCOP ${desk.name} năm ${ctx.today().slice(0, 4)}`,
      level: 'commune',
      rules: 'qd1489-2025',
      territory: { provinceCode: '86', communeCode: desk.communeCode },
      opensOn: ctx.today(-1),
      closesOn: ctx.today(60),
    },
    expect: 201,
  });
  return round.roundId;
}

/** The commune proposes its checked dossiers to the province under its proposal document (no scoring). */
export function proposeToProvince(
  ctx: StoryContext,
  officerToken: string,
  roundId: string,
  decisionRef: string,
): Promise<Json> {
  return ctx.rating.post(`/rounds/${roundId}/propose`, {
    token: officerToken,
    body: { decisionRef, decisionDate: ctx.today() },
    expect: 200,
  });
}

/** The historical round the demo shows: Chợ Lách district, spring 2022, under QĐ 1048 (its period and sheets). */
export const HISTORICAL_ROUND = {
  name: 'Đánh giá, phân hạng sản phẩm OCOP huyện Chợ Lách năm 2022 (QĐ 1048)',
  level: 'district',
  rules: 'qd1048-2019',
  territory: { provinceCode: '83', districtCode: '832' },
  opensOn: '2022-03-01',
  closesOn: '2022-05-31',
} as const;

/**
 * Records the district's 2022 round under the rules of its year, as the province enters its history: its council,
 * scoring and approving decision, closed. Its products come with the reported certificates (imported); nobody
 * applies to a round whose dates have passed. Reused when a previous run recorded it.
 */
export async function recordHistoricalRound(ctx: StoryContext, cast: RatingCast): Promise<Json> {
  const token = cast.staff.districtOfficer.token;
  const rounds = await ctx.rating.get('/rounds?limit=100', { token });
  const existing = rounds.items.find((r: Json) => r.name === HISTORICAL_ROUND.name);
  if (existing) return existing;
  const round = await ctx.rating.post('/rounds', { token, body: HISTORICAL_ROUND, expect: 201 });
  await seatCouncilAndStartScoring(ctx, cast, token, round.roundId);
  await ctx.rating.post(`/rounds/${round.roundId}/approve-results`, {
    token,
    body: { decisionRef: '1125/QĐ-UBND (mẫu)', decisionDate: '2022-06-15' },
    expect: 200,
  });
  const closed = await ctx.rating.post(`/rounds/${round.roundId}/close`, { token, expect: 200 });
  ctx.log(`rating: historical round "${closed.name}" (${closed.rules}) recorded`);
  return closed;
}

/** The producer applies: registration form, self-assessment, every required document; then submits. */
export async function submitDossier(
  ctx: StoryContext,
  cast: RatingCast,
  roundId: string,
  product: { productId: string; nameVi: string; productSet: number },
): Promise<Json> {
  const token = cast.producer.token;
  // Rating knows products from the catalogue's events: a product just added may take a moment to arrive.
  const dossier = await eventually(() =>
    ctx.rating.post(`/rounds/${roundId}/dossiers`, {
      token,
      body: { productId: product.productId, registration: registration(product.nameVi) },
      expect: 201,
    }),
  );
  const id = dossier.dossierId;
  await ctx.rating.patch(`/dossiers/${id}`, {
    token,
    body: { selfAssessment: await fourStarChoices(ctx, product.productSet) },
  });
  for (const item of REQUIRED_ITEMS) {
    await ctx.rating.post(
      `/dossiers/${id}/attachments/${item}?fileName=${encodeURIComponent(`${item}.pdf`)}`,
      {
        token,
        raw: { contentType: 'application/pdf', payload: SAMPLE_PDF },
        expect: 201,
      },
    );
  }
  return ctx.rating.post(`/dossiers/${id}/submit`, { token, expect: 200 });
}

export function acceptDossier(ctx: StoryContext, officerToken: string, dossierId: string): Promise<Json> {
  return ctx.rating.post(`/dossiers/${dossierId}/accept`, { token: officerToken, body: {}, expect: 200 });
}

/** Seats the council (chair and members; rating learns accounts from identity's events) and starts scoring. */
export async function seatCouncilAndStartScoring(
  ctx: StoryContext,
  cast: RatingStaff,
  officerToken: string,
  roundId: string,
): Promise<Json> {
  const seat = (accountId: string, role: 'chair' | 'member') =>
    eventually(() =>
      ctx.rating.put(`/rounds/${roundId}/council/${accountId}`, { token: officerToken, body: { role } }),
    );
  await seat(cast.staff.chair.accountId, 'chair');
  for (const m of cast.staff.members) await seat(m.accountId, 'member');
  return ctx.rating.post(`/rounds/${roundId}/start-scoring`, { token: officerToken, expect: 200 });
}

/** Every member scores on their own sheet; the chair finalises the result. */
export async function scoreAndFinalise(
  ctx: StoryContext,
  cast: RatingStaff,
  dossierId: string,
  setNo: number,
): Promise<Json> {
  const choices = await fourStarChoices(ctx, setNo);
  for (const m of cast.staff.members) {
    await ctx.rating.post(`/dossiers/${dossierId}/scoresheets/mine/submit`, {
      token: m.token,
      body: { choices },
      expect: 200,
    });
  }
  return ctx.rating.post(`/dossiers/${dossierId}/result/finalise`, {
    token: cast.staff.chair.token,
    expect: 200,
  });
}

export function approveResults(
  ctx: StoryContext,
  officerToken: string,
  roundId: string,
  decisionRef: string,
): Promise<Json> {
  return ctx.rating.post(`/rounds/${roundId}/approve-results`, {
    token: officerToken,
    body: { decisionRef, decisionDate: ctx.today() },
    expect: 200,
  });
}

/** The province officer opens the province round and takes in what the communes proposed. */
export async function openProvinceRoundWithIntake(
  ctx: StoryContext,
  cast: RatingStaff,
): Promise<{ roundId: string; taken: Json[] }> {
  const token = cast.staff.vinhLongOfficer.token;
  const round = await ctx.rating.post('/rounds', {
    token,
    body: {
      name: `Đánh giá, phân hạng sản phẩm OCOP tỉnh Vĩnh Long năm ${ctx.today().slice(0, 4)}`,
      level: 'province',
      rules: 'qd1489-2025',
      territory: { provinceCode: '86' },
      opensOn: ctx.today(-1),
      closesOn: ctx.today(60),
    },
    expect: 201,
  });
  const intake = await ctx.rating.post(`/rounds/${round.roundId}/intake`, { token, body: {}, expect: 201 });
  return { roundId: round.roundId, taken: intake.taken };
}

export interface CertifiedProduct {
  certificate: Json;
  commune: RoundState;
  province: RoundState;
}

/** A certificate from a council round for the product, if one was issued (the seed running again). */
export async function existingRoundCertificate(
  ctx: StoryContext,
  token: string,
  productId: string,
): Promise<Json | undefined> {
  const list = await ctx.rating.get(`/certificates?productId=${productId}`, { token });
  return list.items.find((c: Json) => c.status === 'issued' && c.source !== 'import');
}

/**
 * The whole programme for one product under today's rules, as the story runs it for the seed: the commune round
 * (apply, check, propose to the province) then the province round (intake, score, approve: a 4★ certificate).
 */
export async function certifyProduct(
  ctx: StoryContext,
  cast: RatingCast,
  product: { productId: string; nameVi: string; productSet: number },
  desk: CommuneDesk = choLachDesk(cast),
): Promise<CertifiedProduct> {
  const commune = desk.officerToken;
  const province = cast.staff.vinhLongOfficer.token;
  const communeRound = await openCommuneRound(ctx, cast, desk);
  const dossier = await submitDossier(ctx, cast, communeRound, product);
  await acceptDossier(ctx, commune, dossier.dossierId);
  const proposed = await proposeToProvince(ctx, commune, communeRound, 'DEMO-01/TTr-UBND (mẫu)');
  ctx.log(`rating: the commune proposed ${proposed.proposedDossierIds.length} product(s) to the province`);

  const { roundId: provinceRound, taken } = await openProvinceRoundWithIntake(ctx, cast);
  const provinceDossier = taken.find((d: Json) => d.productId === product.productId)?.dossierId;
  if (!provinceDossier) throw new Error(`the province round did not take in ${product.nameVi}`);
  await acceptDossier(ctx, province, provinceDossier);
  await seatCouncilAndStartScoring(ctx, cast, province, provinceRound);
  const provinceResult = await scoreAndFinalise(ctx, cast, provinceDossier, product.productSet);
  const provinceApproved = await approveResults(ctx, province, provinceRound, 'DEMO-02/QĐ-UBND (mẫu)');
  const certificateId = provinceApproved.results.find(
    (r: Json) => r.dossierId === provinceDossier,
  )?.certificateId;
  if (!certificateId) throw new Error(`no certificate in ${JSON.stringify(provinceApproved)}`);
  const certificate = await ctx.rating.get(`/certificates/${certificateId}`, { token: province });
  ctx.log(`rating: ${product.nameVi} certified ${certificate.stars}★ (${certificate.number})`);
  return {
    certificate,
    commune: { roundId: communeRound, dossierId: dossier.dossierId, approved: proposed },
    province: {
      roundId: provinceRound,
      dossierId: provinceDossier,
      result: provinceResult,
      approved: provinceApproved,
    },
  };
}
