// Development accounts, created through identity's own admin API (never by writing into its database).
// Idempotent: an account that already exists (409) is left as it is.
export const devAccounts = [
  { email: 'officer@ocop.local', password: 'Officer-ocop-2026!', displayName: 'Cán bộ OCOP tỉnh Bến Tre', roles: ['officer'], scope: { provinceCode: '83' } },
  { email: 'council@ocop.local', password: 'Council-ocop-2026!', displayName: 'Thành viên Hội đồng', roles: ['council'] },
  { email: 'retailer@ocop.local', password: 'Retailer-ocop-2026!', displayName: 'Siêu thị Co.op Bến Tre', roles: ['retailer'] },
];

async function call(base, path, { token, body, method = 'POST' } = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined;
  return { status: res.status, json };
}

export async function seed({ identityUrl, admin }) {
  const login = await call(identityUrl, '/auth/login', { body: { identifier: admin.email, password: admin.password } });
  if (login.status !== 200) throw new Error(`Seed: admin login failed (${login.status}): ${JSON.stringify(login.json)}`);
  const token = login.json.accessToken;
  for (const account of devAccounts) {
    const res = await call(identityUrl, '/admin/accounts', { token, body: { language: 'vi', ...account } });
    if (res.status !== 201 && res.status !== 409) {
      throw new Error(`Seed: creating ${account.email} failed (${res.status}): ${JSON.stringify(res.json)}`);
    }
  }
}
