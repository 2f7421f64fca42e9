import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationsSchema1733200000000 implements MigrationInterface {
  name = 'NotificationsSchema1733200000000';

  async up(q: QueryRunner): Promise<void> {
    // Identity's accounts as its events told us: who receives what, in which language, at which address.
    await q.query(`
      CREATE TABLE account_views (
        id           uuid PRIMARY KEY,
        display_name text NOT NULL,
        email        text,
        roles        text[] NOT NULL,
        status       text NOT NULL,
        producer_id  uuid,
        scope        jsonb,
        language     text NOT NULL,
        event_time   timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX account_views_producer ON account_views (producer_id)`);

    // The in-app inbox. One item per (event, account): a redelivered event cannot add a second one.
    await q.query(`
      CREATE TABLE inbox_items (
        id          uuid PRIMARY KEY,
        account_id  uuid NOT NULL,
        event_id    text NOT NULL,
        workflow    text NOT NULL,
        critical    boolean NOT NULL,
        title       text NOT NULL,
        body        text NOT NULL,
        data        jsonb NOT NULL,
        created_at  timestamptz NOT NULL,
        read_at     timestamptz,
        UNIQUE (event_id, account_id)
      )`);
    await q.query(`CREATE INDEX inbox_items_account ON inbox_items (account_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX inbox_items_unread ON inbox_items (account_id) WHERE read_at IS NULL`);

    await q.query(`
      CREATE TABLE preferences (
        account_id uuid NOT NULL,
        workflow   text NOT NULL,
        channel    text NOT NULL CHECK (channel IN ('in-app', 'email')),
        enabled    boolean NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (account_id, workflow, channel)
      )`);

    await q.query(`
      CREATE TABLE webhook_subscriptions (
        id                   uuid PRIMARY KEY,
        owner_id             uuid NOT NULL,
        url                  text NOT NULL,
        event_types          text[] NOT NULL,
        description          text,
        secret               text NOT NULL,
        status               text NOT NULL CHECK (status IN ('active', 'disabled')),
        consecutive_failures int NOT NULL DEFAULT 0,
        disabled_reason      text,
        disabled_at          timestamptz,
        created_at           timestamptz NOT NULL,
        updated_at           timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX webhook_subscriptions_owner ON webhook_subscriptions (owner_id, created_at DESC)`,
    );
    await q.query(
      `CREATE INDEX webhook_subscriptions_types ON webhook_subscriptions USING gin (event_types)`,
    );

    // Every e-mail and webhook to send. The unique key is what makes a notice once-only: the plan of a
    // redelivered event, or a digest job run twice, hits it and adds nothing. Target = account or subscription.
    await q.query(`
      CREATE TABLE deliveries (
        id              uuid PRIMARY KEY,
        event_id        text NOT NULL,
        event_type      text NOT NULL,
        workflow        text NOT NULL,
        channel         text NOT NULL CHECK (channel IN ('email', 'webhook')),
        target_id       uuid NOT NULL,
        account_id      uuid,
        subscription_id uuid REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
        critical        boolean NOT NULL,
        payload         jsonb NOT NULL,
        status          text NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
        attempts        int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        lease_until     timestamptz,
        last_error      text,
        last_status     int,
        created_at      timestamptz NOT NULL,
        updated_at      timestamptz NOT NULL,
        sent_at         timestamptz,
        UNIQUE (event_id, target_id, channel)
      )`);
    await q.query(`CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX deliveries_leased ON deliveries (lease_until) WHERE status = 'sending'`);
    await q.query(
      `CREATE INDEX deliveries_subscription ON deliveries (subscription_id, created_at DESC, id DESC)`,
    );

    // Chatty events wait here for the account's daily digest mail.
    await q.query(`
      CREATE TABLE digest_items (
        id          uuid PRIMARY KEY,
        account_id  uuid NOT NULL,
        workflow    text NOT NULL,
        event_id    text NOT NULL,
        day         date NOT NULL,
        data        jsonb NOT NULL,
        created_at  timestamptz NOT NULL,
        delivery_id uuid,
        UNIQUE (event_id, account_id)
      )`);
    await q.query(
      `CREATE INDEX digest_items_open ON digest_items (day, account_id) WHERE delivery_id IS NULL`,
    );

    await q.query(`
      CREATE TABLE execution_log (
        id          bigserial PRIMARY KEY,
        event_id    text,
        event_type  text,
        workflow    text,
        delivery_id uuid,
        account_id  uuid,
        step        text NOT NULL,
        outcome     text NOT NULL CHECK (outcome IN ('ok', 'skipped', 'failed')),
        detail      text,
        at          timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX execution_log_event ON execution_log (event_id)`);
    await q.query(`CREATE INDEX execution_log_delivery ON execution_log (delivery_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'execution_log',
      'digest_items',
      'deliveries',
      'webhook_subscriptions',
      'preferences',
      'inbox_items',
      'account_views',
    ])
      await q.query(`DROP TABLE IF EXISTS ${table}`);
  }
}
