import { Worker } from 'node:worker_threads';
import { nodeRequire } from '../common/node-require';
import { encodeQrRuns, QrErrorCorrection, QrLibrary } from './qr-encoding';

/** A QR symbol's runs (see encodeQrRuns) as ASCII bytes, ready to go into a PDF content stream. */
export interface QrRunBytes {
  size: number;
  runs: Uint8Array;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const qr = require(workerData.qrcodePath);
const encode = (${encodeQrRuns.toString()});
const encoder = new TextEncoder();
parentPort.on('message', ({ id, texts, ecc, mask }) => {
  try {
    const results = texts.map((text) => {
      const { size, runs } = encode(qr, text, ecc, mask);
      return { size, runs: encoder.encode(runs) };
    });
    // Transferred, not copied: the main thread writes these bytes into the PDF as they are.
    parentPort.postMessage({ id, results }, results.map((r) => r.runs.buffer));
  } catch (err) {
    parentPort.postMessage({ id, error: String((err && err.message) || err) });
  }
});`;

interface Pending {
  resolve: (runs: QrRunBytes[]) => void;
  reject: (err: Error) => void;
}

/**
 * QR encoding for label runs on worker threads: encoding dominates the cost of a label, so with two workers a
 * 2-core server draws one chunk of labels into the PDF while the next chunk is being encoded. With no threads,
 * it encodes on the calling thread.
 */
export class QrPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private readonly qr = nodeRequire('qrcode') as QrLibrary;
  private readonly encoder = new TextEncoder();

  constructor(
    threads: number,
    private readonly ecc: QrErrorCorrection,
    private readonly mask: number | null,
  ) {
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { qrcodePath: nodeRequire.resolve('qrcode') },
      });
      worker.on('message', (message: { id: number; results?: QrRunBytes[]; error?: string }) => {
        const pending = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.results) pending?.resolve(message.results);
        else pending?.reject(new Error(`QR worker: ${message.error}`));
      });
      worker.on('error', (err) => this.failAll(err));
      this.workers.push(worker);
    }
  }

  /** Encodes all texts, in order, spread over the workers. */
  async encode(texts: string[]): Promise<QrRunBytes[]> {
    if (!this.workers.length) {
      return texts.map((text) => {
        const { size, runs } = encodeQrRuns(this.qr, text, this.ecc, this.mask);
        return { size, runs: this.encoder.encode(runs) };
      });
    }
    const share = Math.ceil(texts.length / this.workers.length);
    const parts = await Promise.all(
      this.workers.map((worker, i) => {
        const slice = texts.slice(i * share, (i + 1) * share);
        if (!slice.length) return Promise.resolve<QrRunBytes[]>([]);
        const id = this.nextId++;
        return new Promise<QrRunBytes[]>((resolve, reject) => {
          this.pending.set(id, { resolve, reject });
          worker.postMessage({ id, texts: slice, ecc: this.ecc, mask: this.mask });
        });
      }),
    );
    return parts.flat();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.failAll(new Error('QR pool closed'));
  }

  private failAll(err: Error): void {
    for (const pending of this.pending.values()) pending.reject(err);
    this.pending.clear();
  }
}
