import { natsSubjectFor, RatingEvents, streamNameFor, TraceabilityEvents } from '@ocop/contracts';
import { waitFor } from '@ocop/testing';
import { connect, JSONCodec } from 'nats';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  acceptDossier,
  approveResults,
  captureEvents,
  CatalogueSeed,
  consumerUrl,
  createBatch,
  downloadLabels,
  ensureGtin,
  generateUnits,
  harvestAndPackingDocument,
  importHistoricalCertificates,
  isPdf,
  issueGrowingAreaCode,
  Json,
  listUnits,
  openCommuneRound,
  proposeToProvince,
  recordHistoricalRound,
  openProvinceRoundWithIntake,
  placeholderGtin,
  RatingCast,
  registerGrowingArea,
  releaseBatch,
  reportedCertificates,
  runDemoStory,
  scoreAndFinalise,
  seatCouncilAndStartScoring,
  seedCatalogue,
  setUpProducers,
  setUpStaff,
  SignedIn,
  StaffAccounts,
  STORY_PRODUCT,
  StoryContext,
  submitDossier,
} from './story';
import { bootE2ePlatform, E2ePlatform } from './support/e2e-platform';
import { ReceivedHook, signatureValid, WebhookReceiver } from './support/webhook-receiver';

/**
 * The Bến Tre demo story on the whole platform: every built service as its own process (as `npm start` runs them),
 * on free ports, with its own databases and NATS namespace. Each step is one test and relies on the ones before:
 * accounts → catalogue → certificates → a council round → traceability → recall and notices → 35 months later.
 */
const DAY_MS = 86_400_000;

describe('OCOP Trace end to end: the Bến Tre demo story', () => {
  let e2e: E2ePlatform;
  let ctx: StoryContext;
  let clockFile: string;

  let staff: StaffAccounts;
  let producer: SignedIn;
  let cast: RatingCast;
  let catalogue: CatalogueSeed;
  let product: { productId: string; nameVi: string; productSet: number };
  let communeRound: string;
  let dossierId: string;
  let provinceRound: string;
  let provinceDossier: string;
  let certificate: Json;
  let area: Json;
  let batch: Json;
  let units: Json[];
  let receiver: WebhookReceiver;
  let subscription: Json;

  beforeAll(async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'ocop-e2e-clock-'));
    clockFile = join(tmp, 'rating-clock-offset-ms');
    writeFileSync(clockFile, '0');
    receiver = await new WebhookReceiver().start();
    e2e = await bootE2ePlatform({
      extraEnv: {
        rating: { CLOCK_OFFSET_FILE: clockFile, REMINDER_POLL_MS: '200' },
        notifications: { DISPATCH_POLL_MS: '200' },
      },
    });
    ctx = e2e.ctx;
  }, 600_000);

  afterAll(async () => {
    const unclean = await e2e?.dispose();
    await receiver?.stop();
    rmSync(dirname(clockFile), { recursive: true, force: true });
    // A service that did not stop on SIGTERM within its grace is a bug worth a red test.
    expect(unclean).toEqual([]);
  }, 180_000);

  it('an admin creates the officers of the province and of Chợ Lách, a council and a retailer', async () => {
    staff = await setUpStaff(ctx);
    expect(staff.provinceOfficer.roles).toEqual(['officer']);
    const me = await ctx.identity.get('/me', { token: staff.districtOfficer.token });
    expect(me.scope).toEqual({ provinceCode: '83', districtCode: '832' });
    expect(staff.members).toHaveLength(3);
    expect(new Set([staff.chair, ...staff.members].map((a) => a.accountId)).size).toBe(4);
    // Only admins create accounts.
    const refused = await ctx.identity.request('POST', '/admin/accounts', {
      token: staff.retailer.token,
      body: { email: 'x@ocop.local', displayName: 'X', roles: ['retailer'], password: 'Xxxxxxxxxx-1!' },
      expect: 403,
    });
    expect(refused.body.code).toBeDefined();
  });

  it('the catalogue holds the 21 real Bến Tre products; producers get accounts bound to them', async () => {
    catalogue = await seedCatalogue(ctx, staff.admin);
    expect(catalogue.products).toHaveLength(21);
    expect(catalogue.producers).toHaveLength(12);
    expect(catalogue.products.filter((p) => p.public)).toHaveLength(13);
    const producers = await setUpProducers(ctx, staff.admin, catalogue.producers);
    producer = producers['producer'];
    const chanhThu = catalogue.producers.find((p) => p.name === STORY_PRODUCT.producerName);
    expect(producer.producerId).toBe(chanhThu?.producerId);
    const found = catalogue.products.find(
      (p) => p.nameVi === STORY_PRODUCT.nameVi && p.producerId === producer.producerId,
    );
    product = { productId: found?.productId ?? '', nameVi: STORY_PRODUCT.nameVi, productSet: 1 };
    cast = { staff, producer };
    const search = await ctx.catalogue.get(`/catalogue/products?q=${encodeURIComponent('kẹo dừa')}`);
    expect(search.items.length).toBeGreaterThan(0);
  });

  it('rating imports the certificates the sources report, after a dry run', async () => {
    const reported = reportedCertificates(catalogue);
    expect(reported.length).toBeGreaterThanOrEqual(15);
    const outcome = await importHistoricalCertificates(ctx, staff.provinceOfficer.token, reported);
    expect(outcome.dryRun).toMatchObject({ dryRun: true, total: reported.length, invalid: 0 });
    expect(outcome.imported).toBe(reported.length);
    const list = await ctx.rating.get('/certificates?limit=100', { token: staff.provinceOfficer.token });
    expect(list.items.filter((c: Json) => c.source === 'import')).toHaveLength(reported.length);
    // Certificates last 36 months: 2023 ones are history, 2025 ones are valid.
    const statuses = new Set(list.items.map((c: Json) => c.status));
    expect(statuses.has('issued')).toBe(true);
  });

  it('the district’s 2022 round is on record under QĐ 1048, the rules of its year', async () => {
    const round = await recordHistoricalRound(ctx, cast);
    expect(round).toMatchObject({
      rules: 'qd1048-2019',
      rubricVersion: 'qd1048-2019',
      level: 'district',
      status: 'closed',
      opensOn: '2022-03-01',
      decision: { date: '2022-06-15' },
    });
    // Today a QĐ 148 district round is out of its period: the rules of 2023–2025 no longer apply.
    const refused = await ctx.rating.post('/rounds', {
      token: staff.districtOfficer.token,
      body: {
        name: 'x',
        level: 'district',
        rules: 'qd148-2023',
        territory: { provinceCode: '83', districtCode: '832' },
        opensOn: ctx.today(-1),
        closesOn: ctx.today(60),
      },
      expect: 422,
    });
    expect(refused).toMatchObject({ code: 'round-outside-rules-period', field: 'opensOn' });
  });

  it('the commune officer opens a round under today’s rules and the producer submits a complete dossier', async () => {
    communeRound = await openCommuneRound(ctx, cast);
    const dossier = await submitDossier(ctx, cast, communeRound, product);
    dossierId = dossier.dossierId;
    expect(dossier).toMatchObject({ status: 'submitted', productId: product.productId });
    expect(dossier.checklist.filter((c: Json) => c.attachments?.length).length).toBeGreaterThanOrEqual(5);
  });

  it('the commune checks the dossier and proposes it to the province, without a council', async () => {
    const accepted = await acceptDossier(ctx, staff.communeOfficer.token, dossierId);
    expect(accepted.status).toBe('accepted');
    const noCouncil = await ctx.rating.post(`/rounds/${communeRound}/start-scoring`, {
      token: staff.communeOfficer.token,
      expect: 409,
    });
    expect(noCouncil.code).toBe('level-reviews-only');
    const proposed = await proposeToProvince(
      ctx,
      staff.communeOfficer.token,
      communeRound,
      'E2E-01/TTr-UBND',
    );
    expect(proposed).toMatchObject({ status: 'results-approved', proposedDossierIds: [dossierId] });
  });

  it('the province round takes the dossier in, and its council scores it 4★', async () => {
    const province = staff.vinhLongOfficer.token;
    const intake = await openProvinceRoundWithIntake(ctx, cast);
    provinceRound = intake.roundId;
    expect(intake.taken).toHaveLength(1);
    provinceDossier = intake.taken[0].dossierId;
    await acceptDossier(ctx, province, provinceDossier);
    await seatCouncilAndStartScoring(ctx, cast, province, provinceRound);
    const result = await scoreAndFinalise(ctx, cast, provinceDossier, product.productSet);
    expect(result.average).toBeGreaterThanOrEqual(70);
    expect(result.average).toBeLessThan(90);
    expect(result).toMatchObject({ stars: 4 });
    expect(result.forwardedTo ?? null).toBeNull();
  });

  it('the province officer approves the results with a decision: a 4★ certificate is issued', async () => {
    const token = staff.vinhLongOfficer.token;
    const approved = await approveResults(ctx, token, provinceRound, 'E2E-02/QĐ-UBND');
    const certificateId = approved.results[0].certificateId;
    expect(certificateId).toEqual(expect.any(String));
    certificate = await ctx.rating.get(`/certificates/${certificateId}`, { token: producer.token });
    expect(certificate).toMatchObject({
      stars: 4,
      status: 'issued',
      productId: product.productId,
      decision: { ref: 'E2E-02/QĐ-UBND', date: ctx.today() },
    });
    expect(certificate.verifyUrl).toBe(`${ctx.urls.lookup}/certificates/${certificate.number}`);
    // The catalogue hears of it and shows the star.
    await waitFor(
      async () => {
        const shown = await ctx.catalogue.get(`/products/${product.productId}`, { token: producer.token });
        expect(shown.ocop).toMatchObject({ stars: 4, certificateId });
      },
      { intervalMs: 200 },
    );
  });

  it('the producer registers the orchard in Hòa Nghĩa and the province officer issues its code', async () => {
    const registered = await registerGrowingArea(ctx, producer.token);
    expect(registered.status).toBe('pending');
    area = await issueGrowingAreaCode(ctx, staff.provinceOfficer.token, registered);
    const yy = ctx.today().slice(2, 4);
    expect(area).toMatchObject({ status: 'issued', place: { communeCode: '28882' } });
    expect(area.code).toMatch(new RegExp(`^VN-83-832-28882-\\d{2,}-${yy}$`));
  });

  it('the producer opens a batch of the certified durian from that orchard', async () => {
    const withGtin = await ensureGtin(ctx, producer.token, product.productId, placeholderGtin(1));
    expect(withGtin.gtins).toHaveLength(1);
    batch = await createBatch(ctx, producer.token, product.productId, area.growingAreaId);
    expect(batch).toMatchObject({
      status: 'open',
      gtin: withGtin.gtins[0],
      growingAreas: [{ growingAreaId: area.growingAreaId, code: area.code }],
    });
    expect(batch.digitalLink.startsWith(`${ctx.urls.lookup}/01/${batch.gtin}/10/${batch.lot}`)).toBe(true);
  });

  it('captures the harvest and packing as EPCIS events, then releases the batch', async () => {
    const job = await captureEvents(ctx, producer.token, harvestAndPackingDocument(batch, area));
    expect(job).toMatchObject({ success: true, errors: [], eventCount: 2 });
    const chain = await ctx.traceability.get(`/batches/${batch.batchId}/epcis`, { token: producer.token });
    const steps = JSON.stringify(chain);
    expect(steps).toContain('creating_class_instance');
    expect(steps).toContain('packing');
    const released = await releaseBatch(ctx, producer.token, batch.batchId);
    expect(released.status).toBe('released');
  });

  it('generates 100 signed serialised units with their Digital Links', async () => {
    const generation = await generateUnits(ctx, producer.token, batch.batchId, 100);
    expect(generation).toMatchObject({ count: 100, firstSeq: 1, lastSeq: 100, signed: true });
    units = await listUnits(ctx, producer.token, batch.batchId);
    expect(units).toHaveLength(100);
    expect(units.every((u: Json) => u.signed && /[?&]8030=/.test(u.digitalLink))).toBe(true);
    expect(new Set(units.map((u: Json) => u.serial)).size).toBe(100);
  });

  it('downloads the label sheet as a PDF', async () => {
    const labels = await downloadLabels(ctx, producer.token, batch.batchId);
    expect(labels.contentType).toContain('application/pdf');
    expect(isPdf(labels.pdf)).toBe(true);
    expect(labels.count).toBe(100);
  });

  it('gives the consumer page of a real unit on the lookup service', async () => {
    const url = consumerUrl(ctx.urls.lookup, units[0].digitalLink);
    expect(url).toMatch(
      new RegExp(`^${ctx.urls.lookup}/01/${batch.gtin}/10/${batch.lot}/21/${units[0].serial}\\?`),
    );
  });

  it('a consumer scans a unit: genuine, 4★ with its certificate, the commune, the growing-area code, the timeline', async () => {
    const url = consumerUrl(ctx.urls.lookup, units[0].digitalLink);
    // The label's URI redirects to the consumer page (gs1:pip), with the label's attributes passed on.
    const scan = await fetch(url, { redirect: 'manual' });
    expect(scan.status).toBe(307);
    const page = scan.headers.get('location') as string;
    expect(page).toContain(`/p/01/${batch.gtin}/10/${batch.lot}/21/${units[0].serial}`);
    // Lookup learns of the certificate, the orchard's code and the events through events: it may lag a moment.
    const html = await waitFor(
      async () => {
        const res = await fetch(new URL(page, ctx.urls.lookup));
        const text = await res.text();
        expect(res.status).toBe(200);
        expect(text).toContain(certificate.number);
        expect(text).toContain(area.code);
        return text;
      },
      { intervalMs: 250 },
    );
    expect(html).toContain('Sầu riêng');
    expect(html).toContain('Hòa Nghĩa');
    expect(html).toMatch(/4\s*★|★★★★/);
    expect(html).toContain(batch.lot);
    // The journey: the harvest and the packing captured as EPCIS events, in order.
    const journey = html.slice(html.indexOf('id="timeline"'));
    expect(journey.match(/<li/g)?.length).toBeGreaterThanOrEqual(2);
    const json = await ctx.lookup.get(new URL(url).pathname + new URL(url).search, {
      headers: { accept: 'application/json' },
    });
    expect(json).toMatchObject({ outcome: 'genuine', serial: units[0].serial, batch: { recalled: false } });
    const english = await (await fetch(new URL(`${page}&lang=en`, ctx.urls.lookup))).text();
    expect(english).toMatch(/lang="en"/);
  });

  it('a retailer verifies a delivery in bulk: every genuine label passes, a forged and an unknown one do not', async () => {
    const forged = units[1].digitalLink.replace(/8030=[A-Za-z0-9_-]{10}/, '8030=AAAAAAAAAA');
    const unknown = units[2].digitalLink.replace(`/21/${units[2].serial}`, '/21/ZZZZZZZZZZZZ');
    const codes = [...units.slice(3).map((u: Json) => u.digitalLink), forged, unknown];
    const { results } = await ctx.lookup.post('/verify', {
      token: staff.retailer.token,
      body: { codes },
      expect: 200,
    });
    expect(results).toHaveLength(codes.length);
    expect(results.slice(0, -2).every((r: Json) => r.outcome === 'genuine')).toBe(true);
    expect(results.at(-2).outcome).toBe('forged');
    expect(results.at(-1).outcome).toBe('unknown');
    // Consumers may not: bulk verification is for retailers.
    await ctx.lookup.request('POST', '/verify', { token: producer.token, body: { codes }, expect: 403 });
  });

  it('the dev seed runs the same story again over it without failing, reusing what exists', async () => {
    const result = await runDemoStory(ctx);
    expect(result.certificate.certificateId).toBe(certificate.certificateId);
    expect(result.growingArea.code).toBe(area.code);
    expect(result.batch.batchId).toBe(batch.batchId);
    expect(result.counts).toMatchObject({ products: 21, producers: 12, units: 100 });
    expect(result.consumerUrl.startsWith(`${ctx.urls.lookup}/01/`)).toBe(true);
    expect(result.historicalRound).toMatchObject({ rules: 'qd1048-2019' });
    // The whole story again: every account signs in again (password hashing), every step is looked up; the suite's
    // 180 s test timeout (decision 0039), not a shorter one of its own.
  });

  it("a retailer subscribes its system to recalls, with a secret to check each delivery's signature", async () => {
    subscription = await ctx.notifications.post('/webhooks/subscriptions', {
      token: staff.retailer.token,
      body: {
        url: receiver.url,
        eventTypes: [TraceabilityEvents.batchRecalled],
        description: 'Co.op Bến Tre',
      },
      expect: 201,
    });
    expect(subscription.secret).toMatch(/^whsec_/);
  });

  it('the producer recalls the batch; the producer hears it in the inbox and by mail, the retailer by a signed webhook', async () => {
    const reason = 'Phát hiện dư lượng vượt ngưỡng trong mẫu kiểm tra (dữ liệu mẫu)';
    const recalled = await ctx.traceability.post(`/batches/${batch.batchId}/recall`, {
      token: producer.token,
      body: { reason },
    });
    expect(recalled.status).toBe('recalled');

    const notice = await waitFor(
      async () => {
        const inbox = await ctx.notifications.get('/inbox', { token: producer.token });
        const item = inbox.items.find((i: Json) => i.critical && JSON.stringify(i).includes(batch.lot));
        expect(item).toBeDefined();
        return item;
      },
      { intervalMs: 200 },
    );
    expect(notice.body).toContain(reason);
    const mail = await waitFor(
      async () => {
        const mails = (await (await fetch(`${e2e.platform.mailUrl}/messages.json`)).json()) as Json[];
        const found = mails.find((m) => m.to.includes('producer@ocop.local') && m.text.includes(batch.lot));
        expect(found).toBeDefined();
        return found;
      },
      { intervalMs: 200 },
    );
    expect(mail.text).toContain(reason);
    const hook = await waitFor(
      () => {
        const found = receiver.received.find((r) => r.body.includes(batch.batchId));
        expect(found).toBeDefined();
        return found as ReceivedHook;
      },
      { intervalMs: 200 },
    );
    expect(signatureValid(subscription.secret, hook.headers['x-ocop-signature'] as string, hook.body)).toBe(
      true,
    );
    expect(signatureValid('whsec_wrong', hook.headers['x-ocop-signature'] as string, hook.body)).toBe(false);
    expect(JSON.parse(hook.body)).toMatchObject({ type: TraceabilityEvents.batchRecalled });
  });

  it('a consumer who scans the recalled unit now sees that it is recalled, and why', async () => {
    const path = new URL(units[0].digitalLink).pathname + new URL(units[0].digitalLink).search;
    const json = await waitFor(
      async () => {
        const answer = await ctx.lookup.get(path, { headers: { accept: 'application/json' } });
        expect(answer.outcome).toBe('recalled');
        return answer;
      },
      { intervalMs: 250 },
    );
    expect(json.batch).toMatchObject({ recalled: true });
    expect(JSON.stringify(json)).toContain('dư lượng');
    const page = await (await fetch(`${ctx.urls.lookup}/p${path}`)).text();
    expect(page).toContain('dư lượng');
  });

  it('35 months later, rating warns that the certificate expires within 90 days, and the producer is told', async () => {
    const nc = await connect({ servers: e2e.natsUrl.split(',') });
    try {
      const js = nc.jetstream();
      const consumer = await js.consumers.get(streamNameFor(e2e.namespace, 'rating'), {
        // One subject as a string: `filter_subject`, which NATS servers before 2.10 understand too.
        filterSubjects: natsSubjectFor(e2e.namespace, RatingEvents.certificateExpiring),
      });
      // 60 days before expiry (~34 months on): the 90-day warning is due, the 30-day one not yet.
      const offset = new Date(certificate.expiresAt).getTime() - 60 * DAY_MS - Date.now();
      expect(offset / (30.44 * DAY_MS)).toBeGreaterThan(34);
      writeFileSync(clockFile, String(Math.round(offset)));

      const codec = JSONCodec<Json>();
      const deadline = Date.now() + 20_000;
      let warning: Json;
      while (!warning && Date.now() < deadline) {
        const message = await consumer.next({ expires: 1000 });
        const event = message && codec.decode(message.data);
        if (event?.data?.certificateId === certificate.certificateId) warning = event;
      }
      expect(warning).toMatchObject({
        type: RatingEvents.certificateExpiring,
        data: { certificateId: certificate.certificateId, daysBefore: 90, stars: 4 },
      });
      const expiring = await ctx.rating.get('/reports/expiring?days=90', {
        token: staff.provinceOfficer.token,
      });
      expect(expiring.map((c: Json) => c.certificateId)).toContain(certificate.certificateId);
      await waitFor(
        async () => {
          const inbox = await ctx.notifications.get('/inbox', { token: producer.token });
          expect(inbox.items.map((i: Json) => i.workflow)).toContain('certificate-expiring');
        },
        { intervalMs: 200 },
      );
    } finally {
      await nc.close();
    }
  });
});
