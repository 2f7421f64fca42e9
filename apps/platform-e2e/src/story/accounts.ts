import { ApiError, eventually } from './api';
import { StoryContext } from './context';
import demoAccounts from './demo-accounts.json';

export interface DemoAccount {
  key: string;
  email: string;
  password: string;
  displayName: string;
  roles: string[];
  scope?: { provinceCode: string; districtCode?: string; communeCode?: string };
  /** Producer accounts: the catalogue producer the account acts for. */
  producerName?: string;
}

/** The development accounts (also read by tools/dev/seed.mjs, which prints them). */
export const STAFF_ACCOUNTS: readonly DemoAccount[] = demoAccounts.staff;
export const PRODUCER_ACCOUNTS: readonly DemoAccount[] = demoAccounts.producers;

export interface SignedIn {
  key: string;
  email: string;
  accountId: string;
  roles: string[];
  producerId?: string;
  token: string;
}

export async function login(ctx: StoryContext, email: string, password: string): Promise<string> {
  const reply = await ctx.identity.post<{ accessToken: string }>('/auth/login', {
    body: { identifier: email, password },
    expect: 200,
  });
  return reply.accessToken;
}

export async function adminToken(ctx: StoryContext): Promise<string> {
  return login(ctx, ctx.admin.email, ctx.admin.password);
}

/**
 * Creates the account (an admin does), or finds it when it already exists (409), then signs in as it. An existing
 * account keeps its roles: the seed never changes what someone set up by hand.
 */
export async function ensureAccount(
  ctx: StoryContext,
  admin: string,
  account: DemoAccount,
  producerId?: string,
): Promise<SignedIn> {
  const { key: _key, producerName: _producer, ...fields } = account;
  const created = await ctx.identity.request('POST', '/admin/accounts', {
    token: admin,
    body: { language: 'vi', ...fields, ...(producerId ? { producerId } : {}) },
    expect: [201, 409],
  });
  if (created.status === 409 && created.body?.code !== 'account-exists') {
    throw new ApiError('identity', 'POST', '/admin/accounts', 409, created.body);
  }
  const token = await login(ctx, account.email, account.password);
  const me = await ctx.identity.get('/me', { token });
  return {
    key: account.key,
    email: account.email,
    accountId: me.accountId,
    roles: me.roles,
    ...(me.producerId ? { producerId: me.producerId } : {}),
    token,
  };
}

export interface StaffAccounts {
  admin: string;
  provinceOfficer: SignedIn;
  districtOfficer: SignedIn;
  /** Under today's rules (QĐ 1489, the Vĩnh Long map): the commune that reviews and proposes, and the province. */
  communeOfficer: SignedIn;
  vinhLongOfficer: SignedIn;
  chair: SignedIn;
  members: SignedIn[];
  retailer: SignedIn;
}

/**
 * Officers of the province and of Chợ Lách district (the 2022 map), of xã Chợ Lách and of Vĩnh Long (the map since
 * July 2025), a council (chair and three members), a retailer.
 */
export async function setUpStaff(ctx: StoryContext): Promise<StaffAccounts> {
  const admin = await adminToken(ctx);
  const signedIn: Record<string, SignedIn> = {};
  for (const account of STAFF_ACCOUNTS) signedIn[account.key] = await ensureAccount(ctx, admin, account);
  ctx.log(`accounts: ${STAFF_ACCOUNTS.length} staff accounts ready`);
  return {
    admin,
    provinceOfficer: signedIn['provinceOfficer'],
    districtOfficer: signedIn['districtOfficer'],
    communeOfficer: signedIn['communeOfficer'],
    vinhLongOfficer: signedIn['vinhLongOfficer'],
    chair: signedIn['chair'],
    members: Object.values(signedIn).filter((a) => a.key.startsWith('member')),
    retailer: signedIn['retailer'],
  };
}

/** Producer accounts bound to catalogue producers (by the producer's registered name). */
export async function setUpProducers(
  ctx: StoryContext,
  admin: string,
  producers: { name: string; producerId: string }[],
): Promise<Record<string, SignedIn>> {
  const out: Record<string, SignedIn> = {};
  for (const account of PRODUCER_ACCOUNTS) {
    const producer = producers.find((p) => p.name === account.producerName);
    if (!producer) throw new Error(`no catalogue producer named ${account.producerName}`);
    // Identity checks the producer against the catalogue's events: a new producer may take a moment to be known.
    out[account.key] = await eventually(() => ensureAccount(ctx, admin, account, producer.producerId));
    if (out[account.key].producerId !== producer.producerId) {
      throw new Error(
        `${account.email} exists but acts for producer ${out[account.key].producerId}, not ${producer.producerId}`,
      );
    }
  }
  ctx.log(`accounts: ${PRODUCER_ACCOUNTS.length} producer accounts ready`);
  return out;
}
