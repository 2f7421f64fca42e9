import { MigrationInterface, QueryRunner } from 'typeorm';

export class CatalogueSchema1733000000000 implements MigrationInterface {
  name = 'CatalogueSchema1733000000000';

  async up(q: QueryRunner): Promise<void> {
    // unaccent, pg_trgm and btree_gin are "trusted" extensions: the database owner may create them without
    // superuser. btree_gin lets the search index hold the filter columns next to the words (see products_search).
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);

    // The search key of the catalogue, identical to foldVietnamese() in @ocop/ocop-domain (a test compares the two
    // on every unit and product name): no diacritics (đ included), lower case, punctuation to single spaces, final
    // y after a consonant or "qu" as i (Quy = Qui), no leading zeros (Phường 08 = Phường 8). unaccent() is only
    // STABLE because its dictionary could change; naming the dictionary explicitly makes this wrapper safe to
    // declare IMMUTABLE, which generated columns and indexes need.
    await q.query(`
      CREATE FUNCTION catalogue_fold(input text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $fold$
        SELECT regexp_replace(
                 regexp_replace(
                   btrim(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, input)), '[^[:alnum:]]+', ' ', 'g')),
                   '\\m(b|ch|c|d|gh|g|h|kh|k|l|m|ngh|ng|nh|n|ph|p|qu|r|s|th|tr|t|v|x)y\\M', '\\1i', 'g'),
                 '\\m0+([0-9])', '\\1', 'g')
      $fold$`);

    await q.query(`
      CREATE TABLE producers (
        id                        uuid PRIMARY KEY,
        type                      text NOT NULL CHECK (type IN ('household', 'cooperative-group', 'cooperative', 'enterprise')),
        name                      text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        name_folded               text GENERATED ALWAYS AS (catalogue_fold(name)) STORED,
        trading_name              text CHECK (length(trading_name) BETWEEN 1 AND 200),
        name_en                   text CHECK (length(name_en) BETWEEN 1 AND 200),
        tax_code                  text CHECK (tax_code ~ '^[0-9]{10}(-[0-9]{3})?$' OR (type = 'household' AND tax_code ~ '^[0-9]{12}$')),
        gs1_company_prefix        text CHECK (gs1_company_prefix ~ '^[0-9]{4,12}$'),
        legal_rep_name            text NOT NULL CHECK (length(legal_rep_name) BETWEEN 1 AND 100),
        legal_rep_position        text,
        legal_rep_woman           boolean NOT NULL,
        legal_rep_ethnic_minority boolean NOT NULL,
        street                    text,
        unit_map                  text NOT NULL CHECK (unit_map IN ('bt-2022', 'vl-2025-07')),
        commune_code              text,
        bt2022_district_code      text,
        bt2022_commune_code       text,
        vl2025_commune_code       text,
        phone                     text,
        email                     text,
        website                   text,
        status                    text NOT NULL CHECK (status IN ('pending', 'verified', 'suspended')),
        status_reason             text,
        status_changed_at         timestamptz,
        status_changed_by         text,
        created_at                timestamptz NOT NULL,
        created_by                text NOT NULL,
        updated_at                timestamptz NOT NULL,
        CONSTRAINT producers_verified_has_commune CHECK (status <> 'verified' OR commune_code IS NOT NULL),
        CONSTRAINT producers_registered_needs_tax_code
          CHECK (type NOT IN ('enterprise', 'cooperative') OR tax_code IS NOT NULL)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX producers_tax_code_key ON producers (tax_code) WHERE tax_code IS NOT NULL`,
    );
    await q.query(`CREATE INDEX producers_listing ON producers (name_folded, id)`);
    await q.query(`CREATE INDEX producers_bt2022_district ON producers (bt2022_district_code)`);
    await q.query(`CREATE INDEX producers_bt2022_commune ON producers (bt2022_commune_code)`);
    await q.query(`CREATE INDEX producers_vl2025_commune ON producers (vl2025_commune_code)`);

    await q.query(`
      CREATE TABLE products (
        id                      uuid PRIMARY KEY,
        producer_id             uuid NOT NULL REFERENCES producers (id),
        -- Copied from the producer by the triggers below, so that the public search reads one table: what makes
        -- a product public, its producer's names for text search, and the producer facts it filters and counts on.
        producer_name           text NOT NULL,
        producer_verified       boolean NOT NULL,
        producer_type           text NOT NULL,
        bt2022_district_code    text,
        bt2022_commune_code     text,
        vl2025_commune_code     text,
        name_vi                 text NOT NULL CHECK (length(name_vi) BETWEEN 1 AND 200),
        name_en                 text CHECK (length(name_en) BETWEEN 1 AND 200),
        name_folded             text GENERATED ALWAYS AS (catalogue_fold(name_vi)) STORED,
        name_en_folded          text GENERATED ALWAYS AS (catalogue_fold(coalesce(name_en, ''))) STORED,
        product_set             smallint NOT NULL CHECK (product_set BETWEEN 1 AND 26),
        product_group           text NOT NULL
                                CHECK (product_group IN ('food', 'beverages', 'herbal', 'handicrafts', 'ornamentals', 'tourism')),
        description_vi          text,
        description_en          text,
        images                  jsonb NOT NULL DEFAULT '[]',
        gtins                   text[] NOT NULL DEFAULT '{}',
        package_sizes           jsonb NOT NULL DEFAULT '[]',
        ingredients             text,
        allergens               text[] NOT NULL DEFAULT '{}',
        shelf_life_days         integer CHECK (shelf_life_days BETWEEN 1 AND 3650),
        certifications          jsonb NOT NULL DEFAULT '[]',
        geographical_indication text,
        trademark               text,
        sales_links             jsonb NOT NULL DEFAULT '[]',
        status                  text NOT NULL CHECK (status IN ('draft', 'active', 'discontinued')),
        status_changed_at       timestamptz,
        ocop_stars              smallint CHECK (ocop_stars BETWEEN 3 AND 5),
        ocop_certificate_id     uuid,
        ocop_certificate_number text,
        ocop_issued_at          timestamptz,
        ocop_expires_at         timestamptz,
        ocop_decision_ref       text,
        created_at              timestamptz NOT NULL,
        created_by              text NOT NULL,
        updated_at              timestamptz NOT NULL,
        -- Name words weigh most, then the English name, then the producer's names ("kẹo dừa Đông Á").
        search_vector           tsvector GENERATED ALWAYS AS (
                                  setweight(to_tsvector('simple'::regconfig, catalogue_fold(name_vi)), 'A')
                                  || setweight(to_tsvector('simple'::regconfig, catalogue_fold(coalesce(name_en, ''))), 'B')
                                  || setweight(to_tsvector('simple'::regconfig, catalogue_fold(producer_name)), 'C')
                                ) STORED,
        CONSTRAINT products_ocop_complete CHECK ((ocop_stars IS NULL) = (ocop_certificate_id IS NULL))
      )`);
    // The search indexes hold public products only, which is all the public search reads. products_search also
    // holds the filter columns, so "keo dua" in one district is answered from the index alone, without reading
    // the products of the other districts.
    const isPublic = `status = 'active' AND producer_verified`;
    await q.query(`
      CREATE INDEX products_search ON products USING gin (
        search_vector, bt2022_district_code, bt2022_commune_code, vl2025_commune_code, product_set, product_group,
        producer_type, ocop_stars
      ) WHERE ${isPublic}`);
    await q.query(
      `CREATE INDEX products_name_trgm ON products USING gin (name_folded gin_trgm_ops) WHERE ${isPublic}`,
    );
    await q.query(`CREATE INDEX products_public_listing ON products (name_folded, id) WHERE ${isPublic}`);
    await q.query(`CREATE INDEX products_listing ON products (name_folded, id)`);
    await q.query(`CREATE INDEX products_producer ON products (producer_id)`);

    await q.query(`
      CREATE FUNCTION products_copy_producer() RETURNS trigger LANGUAGE plpgsql AS $body$
      BEGIN
        SELECT concat_ws(' ', r.name, r.trading_name), r.status = 'verified', r.type,
               r.bt2022_district_code, r.bt2022_commune_code, r.vl2025_commune_code
          INTO NEW.producer_name, NEW.producer_verified, NEW.producer_type,
               NEW.bt2022_district_code, NEW.bt2022_commune_code, NEW.vl2025_commune_code
          FROM producers r WHERE r.id = NEW.producer_id;
        RETURN NEW;
      END
      $body$`);
    await q.query(`
      CREATE TRIGGER products_copy_producer BEFORE INSERT OR UPDATE OF producer_id ON products
      FOR EACH ROW EXECUTE FUNCTION products_copy_producer()`);
    await q.query(`
      CREATE FUNCTION producers_sync_products() RETURNS trigger LANGUAGE plpgsql AS $body$
      BEGIN
        UPDATE products
           SET producer_name = concat_ws(' ', NEW.name, NEW.trading_name), producer_verified = NEW.status = 'verified',
               producer_type = NEW.type, bt2022_district_code = NEW.bt2022_district_code,
               bt2022_commune_code = NEW.bt2022_commune_code, vl2025_commune_code = NEW.vl2025_commune_code
         WHERE producer_id = NEW.id;
        RETURN NULL;
      END
      $body$`);
    await q.query(`
      CREATE TRIGGER producers_sync_products AFTER UPDATE ON producers
      FOR EACH ROW
      WHEN ((OLD.name, OLD.trading_name, OLD.status, OLD.type, OLD.bt2022_district_code, OLD.bt2022_commune_code, OLD.vl2025_commune_code)
            IS DISTINCT FROM
            (NEW.name, NEW.trading_name, NEW.status, NEW.type, NEW.bt2022_district_code, NEW.bt2022_commune_code, NEW.vl2025_commune_code))
      EXECUTE FUNCTION producers_sync_products()`);

    // One row per GTIN: a GTIN identifies one trade item, so it belongs to one product of the catalogue.
    await q.query(`
      CREATE TABLE product_gtins (
        gtin       text PRIMARY KEY CHECK (gtin ~ '^[0-9]{14}$'),
        product_id uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX product_gtins_product ON product_gtins (product_id)`);

    await q.query(`
      CREATE TABLE ocop_certificates (
        certificate_id     uuid PRIMARY KEY,
        product_id         uuid NOT NULL,
        producer_id        uuid NOT NULL,
        certificate_number text NOT NULL,
        stars              smallint NOT NULL CHECK (stars BETWEEN 3 AND 5),
        issued_at          timestamptz NOT NULL,
        expires_at         timestamptz NOT NULL,
        decision_ref       text NOT NULL,
        state              text NOT NULL CHECK (state IN ('issued', 'revoked', 'expired', 'superseded')),
        revoked_at         timestamptz,
        revoke_reason      text,
        updated_at         timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ocop_certificates_product ON ocop_certificates (product_id, issued_at DESC)`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        actor_id    text NOT NULL,
        key         text NOT NULL,
        operation   text NOT NULL,
        fingerprint text NOT NULL,
        response    jsonb,
        created_at  timestamptz NOT NULL,
        expires_at  timestamptz NOT NULL,
        PRIMARY KEY (actor_id, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
    await q.query(`DROP TABLE ocop_certificates`);
    await q.query(`DROP TABLE product_gtins`);
    await q.query(`DROP TABLE products`);
    await q.query(`DROP FUNCTION products_copy_producer()`);
    await q.query(`DROP TABLE producers`);
    await q.query(`DROP FUNCTION producers_sync_products()`);
    await q.query(`DROP FUNCTION catalogue_fold(text)`);
  }
}
