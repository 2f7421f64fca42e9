import {
  CatalogueEvents,
  CatalogueRpc,
  createCloudEvent,
  IdentityEvents,
  natsSubjectFor,
  ProducerHolderV1,
  ProducerReviewableV1,
  RegistrationSubmittedV1,
  rpcSubjectFor,
} from '@ocop/contracts';
import { ensureStream } from '@ocop/messaging';
import { waitFor } from '@ocop/testing';
import { connect, JSONCodec, NatsConnection } from 'nats';
import { randomUUID } from 'node:crypto';
import { CatalogueHarness, startCatalogue } from '../../test/catalogue-harness';
import { gtin, productInput } from '../../test/fixtures';

const PHU_KHUONG = '28756'; // Phường Phú Khương, Vĩnh Long (86), map of 1 July 2025
const ELSEWHERE = '28870';

describe('self-registered producers (integration)', () => {
  let catalogue: CatalogueHarness;
  let nc: NatsConnection;
  const codec = JSONCodec();

  beforeAll(async () => {
    catalogue = await startCatalogue('cat_signup');
    nc = await connect({ servers: catalogue.config.NATS_URL });
    // Play identity: its stream is where registrations arrive from.
    await ensureStream(await nc.jetstreamManager(), catalogue.config.EVENT_NAMESPACE, 'identity', 'owner');
  });

  afterAll(async () => {
    await nc?.close();
    await catalogue?.close();
  });

  const submit = async (taxCode: string) => {
    const data: RegistrationSubmittedV1 = {
      accountId: randomUUID(),
      producerId: randomUUID(),
      producer: {
        type: 'household',
        name: 'Hộ kinh doanh Kẹo dừa Tư Ba',
        taxCode,
        legalRepresentativeName: 'Nguyễn Văn Ba',
        communeCode: PHU_KHUONG,
        unitMap: 'vl-2025-07',
        phone: '+84913222333',
      },
      submittedAt: new Date().toISOString(),
    };
    const event = createCloudEvent({
      type: IdentityEvents.registrationSubmitted,
      source: '/ocop/identity',
      subject: data.producerId,
      data,
    });
    await nc
      .jetstream()
      .publish(natsSubjectFor(catalogue.config.EVENT_NAMESPACE, event.type), codec.encode(event), {
        msgID: event.id,
      });
    return data;
  };

  const holderOf = async (taxCode: string): Promise<ProducerHolderV1> => {
    const reply = await nc.request(
      rpcSubjectFor(catalogue.config.EVENT_NAMESPACE, CatalogueRpc.producerHolder),
      codec.encode({ id: randomUUID(), pattern: CatalogueRpc.producerHolder, data: { taxCode } }),
      { timeout: 5000 },
    );
    return (codec.decode(reply.data) as { response: ProducerHolderV1 }).response;
  };

  it('records a pending producer that only its account and the commune’s staff see; it is verified by an officer of that commune only, and only then adds products', async () => {
    const signup = await submit('083190001234');
    const own = await catalogue.token({
      roles: ['producer'],
      producerId: signup.producerId,
      accountId: signup.accountId,
    });
    await waitFor(async () =>
      expect((await catalogue.request('GET', `/producers/${signup.producerId}`, { token: own })).status).toBe(
        200,
      ),
    );
    const mine = await catalogue.request('GET', `/producers/${signup.producerId}`, { token: own });
    expect(mine.body).toMatchObject({
      status: 'pending',
      type: 'household',
      taxCode: '083190001234',
      name: 'Hộ kinh doanh Kẹo dừa Tư Ba',
      legalRepresentative: { fullName: 'Nguyễn Văn Ba' },
    });
    const [registered] = (await catalogue.outbox(CatalogueEvents.producerRegistered)).filter(
      (e) => e.subject === signup.producerId,
    );
    expect(registered).toBeDefined();

    // Not public while pending.
    expect((await catalogue.request('GET', `/catalogue/producers/${signup.producerId}`)).status).toBe(404);
    // A pending producer may correct its registration, but not start producer work.
    const corrected = await catalogue.request('PATCH', `/producers/${signup.producerId}`, {
      token: own,
      body: { tradingName: 'Kẹo dừa Tư Ba' },
    });
    expect(corrected.status).toBe(200);
    const early = await catalogue.request('POST', '/products', {
      token: own,
      body: productInput(signup.producerId, { gtins: [gtin('8936047', 901)] }),
    });
    expect(early.body).toMatchObject({
      status: 409,
      code: 'producer-not-verified',
      errors: [{ field: 'producerId' }],
    });

    const outsider = await catalogue.token({
      roles: ['officer'],
      scope: { provinceCode: '86', communeCode: ELSEWHERE },
    });
    expect(
      (
        await catalogue.request('POST', `/producers/${signup.producerId}/verify`, {
          token: outsider,
          body: {},
        })
      ).status,
    ).toBe(404);
    expect(
      (await catalogue.request('POST', `/producers/${signup.producerId}/verify`, { token: own, body: {} }))
        .status,
    ).toBe(403);
    const officer = await catalogue.token({
      roles: ['officer'],
      scope: { provinceCode: '86', communeCode: PHU_KHUONG },
    });
    const verified = await catalogue.request('POST', `/producers/${signup.producerId}/verify`, {
      token: officer,
      body: { note: 'Đã đối chiếu CCCD' },
    });
    expect(verified.body).toMatchObject({ status: 'verified' });

    const product = await catalogue.request('POST', '/products', {
      token: own,
      body: productInput(signup.producerId, { gtins: [gtin('8936047', 902)] }),
    });
    expect(product.status).toBe(201);
    expect(product.body).toMatchObject({ producerId: signup.producerId, status: 'draft' });
  });

  it('tells identity which officers review a producer, before one invites an account for it', async () => {
    const signup = await submit('1300666666');
    const reviewable = async (producerId: string, scope: object): Promise<ProducerReviewableV1> => {
      const reply = await nc.request(
        rpcSubjectFor(catalogue.config.EVENT_NAMESPACE, CatalogueRpc.producerReviewable),
        codec.encode({
          id: randomUUID(),
          pattern: CatalogueRpc.producerReviewable,
          data: { producerId, scope },
        }),
        { timeout: 5000 },
      );
      return (codec.decode(reply.data) as { response: ProducerReviewableV1 }).response;
    };
    await waitFor(async () =>
      expect(await reviewable(signup.producerId, { provinceCode: '86', communeCode: PHU_KHUONG })).toEqual({
        reviewable: true,
      }),
    );
    expect(await reviewable(signup.producerId, { provinceCode: '86' })).toEqual({ reviewable: true });
    expect(await reviewable(signup.producerId, { provinceCode: '86', communeCode: ELSEWHERE })).toEqual({
      reviewable: false,
    });
    expect(await reviewable(randomUUID(), { provinceCode: '86', communeCode: PHU_KHUONG })).toEqual({
      reviewable: false,
    });
  });

  it('tells identity who holds a tax code, so that a second registration of it creates nothing', async () => {
    const signup = await submit('1300777777');
    await waitFor(async () =>
      expect(await holderOf('1300777777')).toEqual({ producerId: signup.producerId }),
    );
    expect(await holderOf('1300777778')).toEqual({});
  });
});
