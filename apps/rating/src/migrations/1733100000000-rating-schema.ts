import { MigrationInterface, QueryRunner } from 'typeorm';

export class RatingSchema1733100000000 implements MigrationInterface {
  name = 'RatingSchema1733100000000';

  async up(q: QueryRunner): Promise<void> {
    // Read model of other services' facts: rating never reads their tables.
    await q.query(`
      CREATE TABLE producer_views (
        id                uuid PRIMARY KEY,
        name              text NOT NULL,
        type              text NOT NULL,
        status            text NOT NULL,
        places            jsonb NOT NULL,
        source_updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE product_views (
        id                uuid PRIMARY KEY,
        producer_id       uuid NOT NULL,
        name_vi           text NOT NULL,
        name_en           text,
        product_set       smallint NOT NULL,
        product_group     text NOT NULL,
        status            text NOT NULL,
        source_updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX product_views_producer ON product_views (producer_id)`);
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

    await q.query(`
      CREATE TABLE rounds (
        id                  uuid PRIMARY KEY,
        name                text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        level               text NOT NULL CHECK (level IN ('commune', 'district', 'province', 'central')),
        rules               text NOT NULL,
        unit_map            text NOT NULL,
        province_code       text NOT NULL,
        district_code       text,
        commune_code        text,
        opens_on            date NOT NULL,
        closes_on           date NOT NULL CHECK (closes_on >= opens_on),
        rubric_version      text NOT NULL,
        status              text NOT NULL CHECK (status IN ('open', 'scoring', 'results-approved', 'closed')),
        decision_ref        text,
        decision_date       date,
        created_by          uuid NOT NULL,
        created_at          timestamptz NOT NULL,
        updated_at          timestamptz NOT NULL,
        CONSTRAINT rounds_approved_has_decision CHECK (
          status IN ('open', 'scoring') OR (decision_ref IS NOT NULL AND decision_date IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX rounds_listing ON rounds (created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE round_events (
        id          bigserial PRIMARY KEY,
        round_id    uuid NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
        action      text NOT NULL,
        from_status text NOT NULL,
        to_status   text NOT NULL,
        actor_id    uuid NOT NULL,
        at          timestamptz NOT NULL
      )`);

    await q.query(`
      CREATE TABLE council_members (
        round_id   uuid NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
        account_id uuid NOT NULL,
        role       text NOT NULL CHECK (role IN ('chair', 'member')),
        added_by   uuid NOT NULL,
        added_at   timestamptz NOT NULL,
        PRIMARY KEY (round_id, account_id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX council_members_one_chair ON council_members (round_id) WHERE role = 'chair'`,
    );
    await q.query(`CREATE INDEX council_members_account ON council_members (account_id)`);
    await q.query(`
      CREATE TABLE council_ties (
        account_id  uuid NOT NULL,
        producer_id uuid NOT NULL,
        relation    text NOT NULL CHECK (length(relation) BETWEEN 1 AND 500),
        declared_by uuid NOT NULL,
        declared_at timestamptz NOT NULL,
        PRIMARY KEY (account_id, producer_id)
      )`);

    await q.query(`
      CREATE TABLE dossiers (
        id                       uuid PRIMARY KEY,
        round_id                 uuid NOT NULL REFERENCES rounds (id),
        product_id               uuid NOT NULL,
        producer_id              uuid NOT NULL,
        product_name             text NOT NULL,
        producer_name            text NOT NULL,
        places                   jsonb NOT NULL,
        rubric_version           text NOT NULL,
        rubric_set_no            smallint NOT NULL,
        status                   text NOT NULL CHECK (status IN
                                   ('draft', 'submitted', 'returned', 'accepted', 'scored', 'decided', 'rejected', 'withdrawn')),
        registration             jsonb NOT NULL,
        self_assessment          jsonb,
        forwarded_from_result_id uuid,
        created_by               uuid NOT NULL,
        created_at               timestamptz NOT NULL,
        updated_at               timestamptz NOT NULL,
        submitted_at             timestamptz
      )`);
    // One live dossier per product and round, and a forwarded result is taken in once.
    await q.query(`CREATE UNIQUE INDEX dossiers_one_per_round ON dossiers (round_id, product_id)
                   WHERE status NOT IN ('withdrawn', 'rejected')`);
    await q.query(`CREATE UNIQUE INDEX dossiers_forwarded_once ON dossiers (forwarded_from_result_id)
                   WHERE forwarded_from_result_id IS NOT NULL AND status NOT IN ('withdrawn', 'rejected')`);
    await q.query(`CREATE INDEX dossiers_listing ON dossiers (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX dossiers_round ON dossiers (round_id, status)`);
    await q.query(`CREATE INDEX dossiers_producer ON dossiers (producer_id)`);
    await q.query(`
      CREATE TABLE dossier_checklist (
        dossier_id        uuid NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
        code              text NOT NULL,
        required          boolean NOT NULL,
        officer_comment   text,
        supplement_due_on date,
        PRIMARY KEY (dossier_id, code)
      )`);
    await q.query(`
      CREATE TABLE dossier_attachments (
        id           uuid PRIMARY KEY,
        dossier_id   uuid NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
        item_code    text NOT NULL,
        file_name    text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
        content_type text NOT NULL,
        size_bytes   integer NOT NULL CHECK (size_bytes > 0),
        sha256       bytea NOT NULL,
        uploaded_by  uuid NOT NULL,
        uploaded_at  timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX dossier_attachments_dossier ON dossier_attachments (dossier_id, item_code)`);
    // Contents apart from their description, so that listing a dossier never reads the files.
    await q.query(`
      CREATE TABLE dossier_attachment_contents (
        attachment_id uuid PRIMARY KEY REFERENCES dossier_attachments (id) ON DELETE CASCADE,
        content       bytea NOT NULL
      )`);
    await q.query(`
      CREATE TABLE dossier_events (
        id          bigserial PRIMARY KEY,
        dossier_id  uuid NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
        action      text NOT NULL,
        from_status text NOT NULL,
        to_status   text NOT NULL,
        actor_id    uuid NOT NULL,
        at          timestamptz NOT NULL,
        comment     text,
        details     jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query(`CREATE INDEX dossier_events_dossier ON dossier_events (dossier_id, id)`);

    await q.query(`
      CREATE TABLE scoresheets (
        id                uuid PRIMARY KEY,
        dossier_id        uuid NOT NULL REFERENCES dossiers (id),
        revision          smallint NOT NULL CHECK (revision >= 1),
        member_account_id uuid NOT NULL,
        choices           jsonb NOT NULL,
        part_a            numeric(6, 2) NOT NULL,
        part_b            numeric(6, 2) NOT NULL,
        part_c            numeric(6, 2) NOT NULL,
        total             numeric(6, 2) NOT NULL,
        submitted_at      timestamptz,
        locked_at         timestamptz,
        updated_at        timestamptz NOT NULL,
        UNIQUE (dossier_id, revision, member_account_id)
      )`);
    await q.query(`
      CREATE TABLE results (
        id                uuid PRIMARY KEY,
        dossier_id        uuid NOT NULL REFERENCES dossiers (id),
        round_id          uuid NOT NULL REFERENCES rounds (id),
        revision          smallint NOT NULL CHECK (revision >= 1),
        rubric_version    text NOT NULL,
        rubric_set_no     smallint NOT NULL,
        sheet_count       smallint NOT NULL CHECK (sheet_count >= 1),
        part_a            numeric(6, 2) NOT NULL,
        part_b            numeric(6, 2) NOT NULL,
        part_c            numeric(6, 2) NOT NULL,
        average           numeric(5, 2) NOT NULL CHECK (average BETWEEN 0 AND 100),
        band_stars        smallint NOT NULL,
        marker_max_stars  smallint NOT NULL,
        level_max_stars   smallint NOT NULL,
        stars             smallint NOT NULL CHECK (stars BETWEEN 1 AND 5),
        capped_by         jsonb NOT NULL,
        forwarded_to      text,
        status            text NOT NULL CHECK (status IN ('finalised', 'approved', 'superseded')),
        finalised_by      uuid NOT NULL,
        finalised_at      timestamptz NOT NULL,
        approved_at       timestamptz,
        decision_ref      text,
        decision_date     date,
        amendment_reason  text,
        amends_result_id  uuid REFERENCES results (id),
        UNIQUE (dossier_id, revision),
        CONSTRAINT results_amendment_has_reason CHECK ((amends_result_id IS NULL) = (amendment_reason IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX results_one_current ON results (dossier_id) WHERE status <> 'superseded'`,
    );
    await q.query(`CREATE INDEX results_round ON results (round_id)`);
    // Approved results and the scoresheets behind them are history: the database itself refuses to change them,
    // whatever code runs. The only change allowed is marking a result superseded by an amendment.
    await q.query(`
      CREATE FUNCTION refuse_change_of_locked_scoresheet() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.locked_at IS NOT NULL THEN
          RAISE EXCEPTION 'scoresheet % is locked', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`
      CREATE TRIGGER scoresheets_locked BEFORE UPDATE OR DELETE ON scoresheets
      FOR EACH ROW EXECUTE FUNCTION refuse_change_of_locked_scoresheet()`);
    await q.query(`
      CREATE FUNCTION refuse_change_of_approved_result() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'approved' AND (TG_OP = 'DELETE' OR NEW.status <> 'superseded'
            OR (to_jsonb(NEW) - 'status') <> (to_jsonb(OLD) - 'status')) THEN
          RAISE EXCEPTION 'result % is approved', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        IF OLD.status = 'superseded' THEN
          RAISE EXCEPTION 'result % is superseded', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`
      CREATE TRIGGER results_approved BEFORE UPDATE OR DELETE ON results
      FOR EACH ROW EXECUTE FUNCTION refuse_change_of_approved_result()`);

    await q.query(`
      CREATE TABLE certificates (
        id             uuid PRIMARY KEY,
        number         text NOT NULL UNIQUE,
        product_id     uuid NOT NULL,
        producer_id    uuid NOT NULL,
        product_name   text NOT NULL,
        producer_name  text NOT NULL,
        stars          smallint NOT NULL CHECK (stars BETWEEN 3 AND 5),
        decision_ref   text NOT NULL,
        decision_date  date NOT NULL,
        issued_at      timestamptz NOT NULL,
        expires_at     timestamptz NOT NULL CHECK (expires_at > issued_at),
        status         text NOT NULL CHECK (status IN ('issued', 'revoked', 'expired', 'superseded')),
        revoked_at     timestamptz,
        revoke_reason  text,
        superseded_at  timestamptz,
        superseded_by  uuid REFERENCES certificates (id),
        source         text NOT NULL CHECK (source IN ('round', 'import')),
        level          text,
        result_id      uuid REFERENCES results (id),
        created_by     uuid NOT NULL,
        created_at     timestamptz NOT NULL,
        CONSTRAINT certificates_revoked_has_reason CHECK ((status = 'revoked') = (revoke_reason IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX certificates_one_valid_per_product ON certificates (product_id) WHERE status = 'issued'`,
    );
    await q.query(`CREATE INDEX certificates_listing ON certificates (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX certificates_producer ON certificates (producer_id)`);
    await q.query(`
      CREATE TABLE certificate_sequences (
        year       integer PRIMARY KEY,
        last_value integer NOT NULL
      )`);
    // Reminders and the expiry itself are rows due at a time: whichever replica claims one (FOR UPDATE SKIP
    // LOCKED) fires it and marks it in the same transaction as its event, so each fires once, across restarts.
    await q.query(`
      CREATE TABLE certificate_reminders (
        id             uuid PRIMARY KEY,
        certificate_id uuid NOT NULL REFERENCES certificates (id),
        kind           text NOT NULL CHECK (kind IN ('expiring-90', 'expiring-30', 'expiring-7', 'expired')),
        due_at         timestamptz NOT NULL,
        fired_at       timestamptz,
        cancelled_at   timestamptz,
        UNIQUE (certificate_id, kind)
      )`);
    await q.query(`CREATE INDEX certificate_reminders_due ON certificate_reminders (due_at)
                   WHERE fired_at IS NULL AND cancelled_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'certificate_reminders',
      'certificate_sequences',
      'certificates',
      'results',
      'scoresheets',
      'dossier_events',
      'dossier_attachment_contents',
      'dossier_attachments',
      'dossier_checklist',
      'dossiers',
      'council_ties',
      'council_members',
      'round_events',
      'rounds',
      'account_views',
      'product_views',
      'producer_views',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS refuse_change_of_approved_result()`);
    await q.query(`DROP FUNCTION IF EXISTS refuse_change_of_locked_scoresheet()`);
  }
}
