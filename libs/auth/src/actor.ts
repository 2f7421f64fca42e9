import { Language, LANGUAGES, Role, ROLES, TerritoryScope } from '@ocop/contracts';

/** Who is calling: what every service knows about the caller once its access token is verified. */
export interface Actor {
  accountId: string;
  roles: Role[];
  /** Set for producer accounts only: the producer (chủ thể) they act for. */
  producerId?: string;
  /** Set for officers (and council members of a district council): the territory they act on. */
  scope?: TerritoryScope;
  language: Language;
  /** The session may only change its password (see OpenBeforePasswordChange). */
  passwordChangeRequired?: true;
  /** The token was exchanged for an API key: a shop's till or system, not a person signed in. */
  viaApiKey?: true;
}

/**
 * The private claims of an OCOP access token, besides the registered ones (iss, aud, sub, exp, iat, jti).
 * Identity writes them and every other service reads them, so both sides use this one shape.
 */
export interface AccessTokenClaims {
  roles: Role[];
  producer_id?: string;
  scope?: TerritoryScope;
  lang: Language;
  /** Present, and true, only while the account must change a password someone else chose. */
  password_change_required?: true;
  /** Present, and true, on a token exchanged for an API key (a machine acting for the account). */
  api_key?: true;
}

const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);
const isCode = (value: unknown): value is string => typeof value === 'string' && /^\d{2,5}$/.test(value);

function scopeFrom(value: unknown): TerritoryScope | undefined | null {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null) return null;
  const { provinceCode, districtCode, communeCode } = value as Record<string, unknown>;
  if (!isCode(provinceCode)) return null;
  if (districtCode !== undefined && !isCode(districtCode)) return null;
  if (communeCode !== undefined && !isCode(communeCode)) return null;
  return {
    provinceCode,
    ...(districtCode ? { districtCode } : {}),
    ...(communeCode ? { communeCode } : {}),
  };
}

/**
 * Reads the actor out of a verified payload. A signed token with claims we do not understand is refused rather
 * than half-trusted: `null` means "not a valid OCOP access token".
 */
export function actorFromClaims(payload: Record<string, unknown>): Actor | null {
  const { sub, roles, producer_id: producerId, scope, lang } = payload;
  const passwordChange = payload['password_change_required'];
  const apiKey = payload['api_key'];
  if (typeof sub !== 'string' || sub.length === 0) return null;
  if (!Array.isArray(roles) || !roles.every(isRole)) return null;
  if (producerId !== undefined && (typeof producerId !== 'string' || producerId.length === 0)) return null;
  const territory = scopeFrom(scope);
  if (territory === null) return null;
  if (passwordChange !== undefined && passwordChange !== true) return null;
  if (apiKey !== undefined && apiKey !== true) return null;
  return {
    accountId: sub,
    roles: [...roles],
    ...(producerId ? { producerId } : {}),
    ...(territory ? { scope: territory } : {}),
    language: LANGUAGES.includes(lang as Language) ? (lang as Language) : 'vi',
    ...(passwordChange ? { passwordChangeRequired: true as const } : {}),
    ...(apiKey ? { viaApiKey: true as const } : {}),
  };
}
