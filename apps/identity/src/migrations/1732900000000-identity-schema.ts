import { MigrationInterface, QueryRunner } from 'typeorm';

export class IdentitySchema1732900000000 implements MigrationInterface {
  name = 'IdentitySchema1732900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE accounts (
        id              uuid PRIMARY KEY,
        email           text,
        phone           text,
        password_hash   text,
        display_name    text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
        language        text NOT NULL CHECK (language IN ('vi', 'en')),
        roles           text[] NOT NULL
                        CHECK (cardinality(roles) >= 1
                               AND roles <@ ARRAY['admin', 'officer', 'council', 'producer', 'retailer']::text[]),
        producer_id     uuid,
        province_code   text,
        district_code   text,
        commune_code    text,
        status          text NOT NULL CHECK (status IN ('active', 'invited', 'disabled')),
        created_at      timestamptz NOT NULL,
        updated_at      timestamptz NOT NULL,
        disabled_at     timestamptz,
        disabled_reason text,
        CONSTRAINT accounts_has_identifier CHECK (email IS NOT NULL OR phone IS NOT NULL),
        CONSTRAINT accounts_producer_binding CHECK ((producer_id IS NOT NULL) = ('producer' = ANY (roles))),
        CONSTRAINT accounts_officer_scope CHECK (NOT ('officer' = ANY (roles)) OR province_code IS NOT NULL),
        -- A commune may sit directly under its province (the two-tier administration since 2025).
        CONSTRAINT accounts_scope_in_province CHECK (
          (district_code IS NULL AND commune_code IS NULL) OR province_code IS NOT NULL),
        CONSTRAINT accounts_active_has_password CHECK (status <> 'active' OR password_hash IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX accounts_email_key ON accounts (email) WHERE email IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX accounts_phone_key ON accounts (phone) WHERE phone IS NOT NULL`);
    await q.query(`CREATE INDEX accounts_listing ON accounts (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX accounts_producer ON accounts (producer_id) WHERE producer_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE account_invitations (
        id          uuid PRIMARY KEY,
        account_id  uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        token_hash  bytea NOT NULL UNIQUE,
        created_at  timestamptz NOT NULL,
        expires_at  timestamptz NOT NULL,
        accepted_at timestamptz
      )`);
    await q.query(`CREATE INDEX account_invitations_account ON account_invitations (account_id)`);

    await q.query(`
      CREATE TABLE login_attempts (
        subject         text PRIMARY KEY,
        failures        integer NOT NULL CHECK (failures >= 0),
        last_failure_at timestamptz NOT NULL,
        locked_until    timestamptz
      )`);
    await q.query(`CREATE INDEX login_attempts_last_failure ON login_attempts (last_failure_at)`);

    await q.query(`
      CREATE TABLE refresh_token_families (
        id             uuid PRIMARY KEY,
        account_id     uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        created_at     timestamptz NOT NULL,
        revoked_at     timestamptz,
        revoked_reason text
      )`);
    await q.query(
      `CREATE INDEX refresh_token_families_account ON refresh_token_families (account_id) WHERE revoked_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE refresh_tokens (
        id         uuid PRIMARY KEY,
        family_id  uuid NOT NULL REFERENCES refresh_token_families (id) ON DELETE CASCADE,
        token_hash bytea NOT NULL UNIQUE,
        issued_at  timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at    timestamptz
      )`);
    await q.query(`CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id)`);

    await q.query(`
      CREATE TABLE signing_keys (
        kid                   text PRIMARY KEY,
        public_jwk            jsonb NOT NULL,
        private_key_encrypted bytea,
        created_at            timestamptz NOT NULL,
        retire_after          timestamptz,
        CONSTRAINT signing_keys_active_has_private_key CHECK (retire_after IS NOT NULL OR private_key_encrypted IS NOT NULL)
      )`);
    // At most one active key, whatever replicas race to create or rotate one.
    await q.query(
      `CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys ((true)) WHERE retire_after IS NULL`,
    );

    await q.query(`
      CREATE TABLE api_keys (
        id           uuid PRIMARY KEY,
        account_id   uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        key_hash     bytea NOT NULL UNIQUE,
        prefix       text NOT NULL,
        created_at   timestamptz NOT NULL,
        created_by   uuid,
        last_used_at timestamptz,
        revoked_at   timestamptz
      )`);
    await q.query(`CREATE INDEX api_keys_account ON api_keys (account_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE audit_entries (
        id             uuid PRIMARY KEY,
        at             timestamptz NOT NULL,
        actor_id       uuid,
        action         text NOT NULL,
        target_type    text NOT NULL,
        target_id      text NOT NULL,
        details        jsonb NOT NULL DEFAULT '{}'::jsonb,
        correlation_id text
      )`);
    await q.query(`CREATE INDEX audit_entries_listing ON audit_entries (at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_entries_target ON audit_entries (target_id, at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'audit_entries',
      'api_keys',
      'signing_keys',
      'refresh_tokens',
      'refresh_token_families',
      'login_attempts',
      'account_invitations',
      'accounts',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
