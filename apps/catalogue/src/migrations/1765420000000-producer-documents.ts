import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents a producer files with its registration or with an identity change (issue 18: the officer verifies
 * with the business licence before them). Contents apart from their description, so that a list never reads
 * the files.
 */
export class ProducerDocuments1765420000000 implements MigrationInterface {
  name = 'ProducerDocuments1765420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE producer_documents (
        id           uuid PRIMARY KEY,
        producer_id  uuid NOT NULL REFERENCES producers (id) ON DELETE CASCADE,
        file_name    text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
        content_type text NOT NULL,
        size_bytes   integer NOT NULL CHECK (size_bytes > 0),
        sha256       bytea NOT NULL,
        uploaded_by  text NOT NULL,
        uploaded_at  timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX producer_documents_producer ON producer_documents (producer_id, uploaded_at)`,
    );
    await q.query(`
      CREATE TABLE producer_documents_contents (
        document_id uuid PRIMARY KEY REFERENCES producer_documents (id) ON DELETE CASCADE,
        content     bytea NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE producer_documents_contents`);
    await q.query(`DROP TABLE producer_documents`);
  }
}
