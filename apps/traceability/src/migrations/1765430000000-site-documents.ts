import { MigrationInterface, QueryRunner } from 'typeorm';

const SITES = [
  { table: 'growing_area_documents', owner: 'growing_area_id', sites: 'growing_areas' },
  { table: 'packing_house_documents', owner: 'packing_house_id', sites: 'packing_houses' },
];

/**
 * Documents a producer files with a growing-area or packing-house request (issue 18: the officer issues the code
 * with the land-use certificate and the sketch before them). Contents apart from their description, so that a
 * list never reads the files.
 */
export class SiteDocuments1765430000000 implements MigrationInterface {
  name = 'SiteDocuments1765430000000';

  async up(q: QueryRunner): Promise<void> {
    for (const { table, owner, sites } of SITES) {
      await q.query(`
        CREATE TABLE ${table} (
          id           uuid PRIMARY KEY,
          ${owner}     uuid NOT NULL REFERENCES ${sites} (id) ON DELETE CASCADE,
          file_name    text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
          content_type text NOT NULL,
          size_bytes   integer NOT NULL CHECK (size_bytes > 0),
          sha256       bytea NOT NULL,
          uploaded_by  text NOT NULL,
          uploaded_at  timestamptz NOT NULL
        )`);
      await q.query(`CREATE INDEX ${table}_owner ON ${table} (${owner}, uploaded_at)`);
      await q.query(`
        CREATE TABLE ${table}_contents (
          document_id uuid PRIMARY KEY REFERENCES ${table} (id) ON DELETE CASCADE,
          content     bytea NOT NULL
        )`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { table } of SITES) {
      await q.query(`DROP TABLE ${table}_contents`);
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
