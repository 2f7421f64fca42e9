/**
 * Every secret value that ships in this repository, or once did: development defaults, docker-compose fallbacks
 * of earlier versions, benchmark values and the demo accounts' passwords. Anyone who can read the repository (or
 * its history) knows them, so production refuses each of them as a secret (@ProductionSecret) and as the
 * bootstrap admin's password. published-secrets.spec.ts greps the repository for values given to secret or
 * password variables and fails when one is missing here, so this list cannot fall behind.
 */
export const PUBLISHED_SECRETS: readonly string[] = [
  // Development defaults of the services (apps/*/src/config.ts).
  'dev-only-key-encryption-secret-not-for-production',
  'dev-only-label-key-encryption-secret-not-for-production',
  'dev-only-scan-client-secret',
  'dev-only-account-mail-secret-not-for-production',
  'dev-only-gateway-session-secret-not-for-production',
  // docker-compose.yml fallbacks before compose required real secrets.
  'compose-dev-key-encryption-secret-change-me',
  'compose-dev-label-key-secret-change-me-0123456789',
  'compose-dev-scan-client-secret-change-me-0123456789',
  // tools/bench before it drew a random secret per run.
  'bench-only-scan-client-secret',
  // npm start's bootstrap admin and demo accounts (README, apps/platform-e2e/src/story/demo-accounts.json).
  'Admin-ocop-2026!',
  'Officer-ocop-2026!',
  'Officer-cholach-2026!',
  'Officer-xacholach-2026!',
  'Officer-vinhlong-2026!',
  'Council-ocop-2026!',
  'Council-member1-2026!',
  'Council-member2-2026!',
  'Council-member3-2026!',
  'Retailer-ocop-2026!',
  'Producer-ocop-2026!',
  'Producer-donga-2026!',
];

const published = new Set(PUBLISHED_SECRETS);

/** Surrounding spaces are no disguise: an env file's `KEY= value ` is still the published value. */
export const isPublishedSecret = (value: string): boolean => published.has(value.trim());
