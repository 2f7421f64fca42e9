import { DataSource } from 'typeorm';
import { Readable, Writable } from 'node:stream';

/** Output is stored in 1 MiB rows: large enough for few round trips, small enough to hold one at a time. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * A job's output file, written into the database as it is produced, so that any replica can serve it and
 * neither writer nor reader ever holds more than one chunk. Each chunk is inserted before the writer accepts
 * more, which is the back-pressure a PDF generator needs.
 */
export class JobOutputWriter extends Writable {
  private buffered: Buffer[] = [];
  private size = 0;
  private seq = 0;
  bytes = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobId: string,
  ) {
    super({ highWaterMark: CHUNK_BYTES });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.buffered.push(chunk);
    this.size += chunk.length;
    this.bytes += chunk.length;
    if (this.size < CHUNK_BYTES) return callback();
    this.flush().then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.flush().then(() => callback(), callback);
  }

  private async flush(): Promise<void> {
    if (!this.size) return;
    const data = Buffer.concat(this.buffered, this.size);
    this.buffered = [];
    this.size = 0;
    this.seq += 1;
    await this.dataSource.query(`INSERT INTO job_output_chunks (job_id, seq, data) VALUES ($1, $2, $3)`, [
      this.jobId,
      this.seq,
      data,
    ]);
  }
}

/** The stored output, one chunk at a time. */
export function readJobOutput(dataSource: DataSource, jobId: string): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let seq = 1; ; seq++) {
      const [row] = (await dataSource.query(
        `SELECT data FROM job_output_chunks WHERE job_id = $1 AND seq = $2`,
        [jobId, seq],
      )) as { data: Buffer }[];
      if (!row) return;
      yield row.data;
    }
  }
  return Readable.from(chunks());
}
