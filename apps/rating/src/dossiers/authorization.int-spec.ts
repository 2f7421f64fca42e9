import { randomUUID } from 'node:crypto';
import {
  applyAndSubmit,
  createRound,
  expectStatus,
  PDF,
  registration,
  scoreAll,
  seatCouncil,
  sheetChoices,
  tokens,
} from '../../test/flows';
import { placesIn, RatingHarness, startRating } from '../../test/rating-harness';

/** Who sees what: producers their own, officers their territory, council members their rounds. */
describe('authorisation (integration)', () => {
  let h: RatingHarness;
  let t: Record<string, string>;
  const producerA = randomUUID(); // Quới Sơn, Châu Thành (831)
  const producerB = randomUUID(); // Hòa Nghĩa, Chợ Lách (832)
  const chairA = randomUUID();
  const membersA = [randomUUID(), randomUUID()];
  const chairB = randomUUID();
  let roundA: string;
  let roundB: string;
  let dossierA: string;
  let dossierB: string;

  beforeAll(async () => {
    h = await startRating('authz', { env: { COUNCIL_MIN_SCORESHEETS: '2', ATTACHMENT_MAX_BYTES: '2048' } });
    // District rounds belong to QĐ 148's period (to 5 July 2025, decision 0032): the story happens in mid-2025.
    h.clock.set(new Date('2025-06-20T02:00:00Z'));
    await h.seedProducer({
      id: producerA,
      name: 'HTX Bưởi da xanh Quới Sơn',
      places: placesIn('831', '28807'),
    });
    await h.seedProducer({
      id: producerB,
      name: 'Công ty TNHH XNK Trái cây Chánh Thu',
      places: placesIn('832', '28882'),
    });
    const productA = await h.seedProduct({
      producerId: producerA,
      nameVi: 'Bưởi da xanh Quới Sơn',
      productSet: 1,
    });
    const productB = await h.seedProduct({ producerId: producerB, nameVi: 'Sầu riêng', productSet: 1 });
    for (const id of [chairA, ...membersA, chairB])
      await h.seedAccount({ id, displayName: 'Hội đồng', roles: ['council'] });
    await h.readModelHas('product_views', [productA, productB]);
    await h.readModelHas('account_views', [chairA, ...membersA, chairB]);
    t = await tokens(h, {
      producerA: { roles: ['producer'], producerId: producerA },
      producerB: { roles: ['producer'], producerId: producerB },
      officer831: { roles: ['officer'], scope: { provinceCode: '83', districtCode: '831' } },
      officer832: { roles: ['officer'], scope: { provinceCode: '83', districtCode: '832' } },
      officer28807: { roles: ['officer'], scope: { provinceCode: '83', communeCode: '28807' } },
      province: { roles: ['officer'], scope: { provinceCode: '83' } },
      chairA: { accountId: chairA, roles: ['council'] },
      memberA0: { accountId: membersA[0], roles: ['council'] },
      memberA1: { accountId: membersA[1], roles: ['council'] },
      chairB: { accountId: chairB, roles: ['council'] },
      retailer: { roles: ['retailer'] },
    });
    roundA = await createRound(h, t.officer831, {
      name: 'Châu Thành',
      level: 'district',
      territory: { provinceCode: '83', districtCode: '831' },
    });
    roundB = await createRound(h, t.officer832, {
      name: 'Chợ Lách',
      level: 'district',
      territory: { provinceCode: '83', districtCode: '832' },
    });
    dossierA = await applyAndSubmit(h, t.producerA, roundA, productA, 1);
    dossierB = await applyAndSubmit(h, t.producerB, roundB, productB, 1);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('asks for a token, and for the right role', async () => {
    expect((await h.request('GET', '/dossiers')).body).toMatchObject({
      status: 401,
      code: 'unauthenticated',
    });
    expect((await h.request('POST', '/rounds', { token: t.retailer, body: {} })).body).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    expect(expectStatus(await h.request('GET', '/dossiers', { token: t.retailer }), 200).items).toEqual([]);
  });

  it('takes PDF, PNG and JPEG files within the size limit only', async () => {
    const productId = await h.seedProduct({ producerId: producerA, nameVi: 'Bưởi', productSet: 1 });
    await h.readModelHas('product_views', [productId]);
    const draft = expectStatus(
      await h.request('POST', `/rounds/${roundA}/dossiers`, {
        token: t.producerA,
        body: { productId, registration: registration('Bưởi') },
      }),
      201,
    );
    const upload = (contentType: string, payload: Buffer) =>
      h.request('POST', `/dossiers/${draft.dossierId}/attachments/awards`, {
        token: t.producerA,
        raw: { contentType, payload },
      });
    expect((await upload('application/pdf', Buffer.concat([PDF, Buffer.alloc(4096)]))).body).toMatchObject({
      status: 413,
      code: 'payload-too-large',
    });
    expect((await upload('text/html', Buffer.from('<html></html>'))).body).toMatchObject({ status: 415 });
    expect((await upload('image/png', PDF)).body).toMatchObject({
      status: 422,
      code: 'attachment-content-mismatch',
    });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect(expectStatus(await upload('image/png', png), 201)).toMatchObject({
      contentType: 'image/png',
      sizeBytes: 12,
    });
    expect((await upload('application/pdf', PDF)).status).toBe(201);
    const unknownItem = await h.request('POST', `/dossiers/${draft.dossierId}/attachments/passport`, {
      token: t.producerA,
      raw: { contentType: 'application/pdf', payload: PDF },
    });
    expect(unknownItem.status).toBe(404);
  });

  it('shows producers only their own dossiers, files and rounds', async () => {
    const listA = expectStatus(
      await h.request('GET', '/dossiers?status=submitted', { token: t.producerA }),
      200,
    );
    expect(listA.items.map((d: { dossierId: string }) => d.dossierId)).toEqual([dossierA]);
    const allA = expectStatus(await h.request('GET', '/dossiers', { token: t.producerA }), 200).items;
    expect(allA.every((d: { producerId: string }) => d.producerId === producerA)).toBe(true);
    expect((await h.request('GET', `/dossiers/${dossierB}`, { token: t.producerA })).body).toMatchObject({
      status: 404,
      code: 'not-found',
    });
    const fileB = expectStatus(await h.request('GET', `/dossiers/${dossierB}`, { token: t.producerB }), 200)
      .checklist[0].attachments[0];
    expect(
      (
        await h.request('GET', `/dossiers/${dossierB}/attachments/${fileB.attachmentId}`, {
          token: t.producerA,
        })
      ).status,
    ).toBe(404);
    const own = await h.request('GET', `/dossiers/${dossierB}/attachments/${fileB.attachmentId}`, {
      token: t.producerB,
    });
    expect(own.status).toBe(200);
    expect(own.raw.equals(PDF)).toBe(true);
    expect(own.headers).toMatchObject({
      'content-type': 'application/pdf',
      'x-content-type-options': 'nosniff',
    });
    expect(own.headers['content-disposition']).toContain(`filename*=UTF-8''registration-form.pdf`);
    expect((await h.request('POST', `/dossiers/${dossierB}/withdraw`, { token: t.producerA })).status).toBe(
      404,
    );
    const rounds = expectStatus(await h.request('GET', '/rounds', { token: t.producerA }), 200);
    expect(rounds.items.map((r: { roundId: string }) => r.roundId)).toEqual([roundA]);
  });

  it('keeps officers to their territory', async () => {
    const submitted = (token: string) => h.request('GET', '/dossiers?status=submitted', { token });
    const ids = (reply: { body: { items: { dossierId: string }[] } }) =>
      reply.body.items.map((d) => d.dossierId);
    expect(ids(await submitted(t.officer832))).toEqual([dossierB]);
    expect(ids(await submitted(t.officer28807))).toEqual([dossierA]);
    expect(ids(await submitted(t.province)).sort()).toEqual([dossierA, dossierB].sort());
    expect((await h.request('GET', `/dossiers/${dossierA}`, { token: t.officer832 })).status).toBe(404);
    expect(
      (await h.request('POST', `/dossiers/${dossierA}/accept`, { token: t.officer832, body: {} })).status,
    ).toBe(404);
    expect(
      (await h.request('POST', `/rounds/${roundA}/start-scoring`, { token: t.officer832 })).body,
    ).toMatchObject({ status: 403 });
    const foreign = await h.request('POST', '/rounds', {
      token: t.officer832,
      body: {
        name: 'x',
        level: 'district',
        rules: 'qd148-2023',
        territory: { provinceCode: '83', districtCode: '831' },
        opensOn: '2025-01-01',
        closesOn: '2025-02-01',
      },
    });
    expect(foreign.status).toBe(403);
    // A commune officer reads dossiers of the commune but does not run the district's round.
    expect(
      (await h.request('POST', `/dossiers/${dossierA}/accept`, { token: t.officer28807, body: {} })).status,
    ).toBe(403);
  });

  it('gives the officer’s desk the dossier submitted longest ago first, page by page', async () => {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await h.request(
        'GET',
        `/dossiers?status=submitted&sort=waiting&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        { token: t.province },
      );
      expect(page.status).toBe(200);
      ids.push(...page.body.items.map((d: { dossierId: string }) => d.dossierId));
      cursor = page.body.nextCursor;
    } while (cursor);
    const ours = (list: string[]) => list.filter((id) => id === dossierA || id === dossierB);
    expect(ours(ids)).toEqual([dossierA, dossierB]);
    const newest = await h.request('GET', '/dossiers?status=submitted&limit=100', { token: t.province });
    expect(ours(newest.body.items.map((d: { dossierId: string }) => d.dossierId))).toEqual([
      dossierB,
      dossierA,
    ]);
    expect((await h.request('GET', '/dossiers?sort=oldest', { token: t.province })).status).toBe(400);
  });

  it('shows council members only their rounds, and their own scores until the chair finalises', async () => {
    for (const [officer, dossier] of [
      [t.officer831, dossierA],
      [t.officer832, dossierB],
    ]) {
      expectStatus(await h.request('POST', `/dossiers/${dossier}/accept`, { token: officer, body: {} }), 200);
    }
    await seatCouncil(h, t.officer831, roundA, chairA, membersA);
    await seatCouncil(h, t.officer832, roundB, chairB, []);
    expectStatus(await h.request('POST', `/rounds/${roundA}/start-scoring`, { token: t.officer831 }), 200);

    const rounds = expectStatus(await h.request('GET', '/rounds', { token: t.memberA0 }), 200);
    expect(rounds.items.map((r: { roundId: string }) => r.roundId)).toEqual([roundA]);
    expect((await h.request('GET', `/rounds/${roundB}`, { token: t.memberA0 })).status).toBe(404);
    expect((await h.request('GET', `/dossiers/${dossierB}`, { token: t.memberA0 })).status).toBe(404);
    expect((await h.request('GET', `/rounds/${roundB}/council`, { token: t.memberA0 })).status).toBe(404);
    const members = expectStatus(
      await h.request('GET', `/rounds/${roundA}/council`, { token: t.memberA0 }),
      200,
    );
    expect(members.map((m: { role: string }) => m.role).sort()).toEqual(['chair', 'member', 'member']);
    expect(
      (
        await h.request('PUT', `/dossiers/${dossierB}/scoresheets/mine`, {
          token: t.memberA0,
          body: { choices: {} },
        })
      ).status,
    ).toBe(404);

    await scoreAll(h, [t.memberA0], dossierA, await sheetChoices(h, 1));
    await scoreAll(h, [t.memberA1], dossierA, await sheetChoices(h, 1, { 'A.1.1': 0 }));
    const mine0 = expectStatus(
      await h.request('GET', `/dossiers/${dossierA}/scoresheets`, { token: t.memberA0 }),
      200,
    );
    expect(
      mine0.map((s: { memberAccountId: string; totals: { total: number } }) => [
        s.memberAccountId,
        s.totals.total,
      ]),
    ).toEqual([[membersA[0], 100]]);
    const mine1 = expectStatus(
      await h.request('GET', `/dossiers/${dossierA}/scoresheets`, { token: t.memberA1 }),
      200,
    );
    expect(
      mine1.map((s: { memberAccountId: string; totals: { total: number } }) => [
        s.memberAccountId,
        s.totals.total,
      ]),
    ).toEqual([[membersA[1], 96]]);
    expect((await h.request('GET', `/dossiers/${dossierA}/result`, { token: t.memberA0 })).status).toBe(404);
    expect((await h.request('GET', `/dossiers/${dossierA}/scoresheets`, { token: t.producerA })).status).toBe(
      403,
    );

    expectStatus(await h.request('POST', `/dossiers/${dossierA}/result/finalise`, { token: t.chairA }), 200);
    const after = expectStatus(
      await h.request('GET', `/dossiers/${dossierA}/scoresheets`, { token: t.memberA0 }),
      200,
    );
    expect(after.map((s: { totals: { total: number } }) => s.totals.total).sort()).toEqual([100, 96]);
    expect(
      expectStatus(await h.request('GET', `/dossiers/${dossierA}/result`, { token: t.memberA1 }), 200)
        .average,
    ).toBe(98);
    // The producer sees the result once it is approved, not before.
    expect((await h.request('GET', `/dossiers/${dossierA}/result`, { token: t.producerA })).status).toBe(404);
  });
});
