import {
  createTestDatabase,
  deleteNamespaceStreams,
  freePort,
  TestDatabase,
  testNamespace,
} from '@ocop/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { producerSnapshot, productSnapshot } from '../fixtures';
import { Json } from '../traceability-harness';
import { TestActor, TokenIssuer } from '@ocop/testing';
import { ReadModelWriter } from '../../src/read-model/read-model-writer';

const root = join(__dirname, '../../../..');

interface ServiceLaunch {
  serviceCommand(service: string): string[];
  migrateCommand(service: string): string[];
  benchEnv(service: string, options?: { namespace?: string }): Record<string, string>;
}

/**
 * How traceability is launched and configured as deployed: tools/dev/services.mjs, the one source (decision 0030).
 * That file is an ES module; ts-node would turn a plain import() into require(), which cannot load it, hence the
 * indirection.
 */
function serviceLaunch(): Promise<ServiceLaunch> {
  const load = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<ServiceLaunch>;
  return load(join(root, 'tools/dev/services.mjs'));
}
const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';

/**
 * The traceability bundle (npm run build) as its own process on a throwaway database and namespace, as it runs in
 * production: what benchmarks measure is what ships, RSS included.
 */
export class ServiceProcess {
  private constructor(
    readonly url: string,
    readonly child: ChildProcess,
    private readonly db: TestDatabase,
    private readonly namespace: string,
    private readonly issuer: TokenIssuer,
  ) {}

  static async start(label: string, env: Record<string, string> = {}): Promise<ServiceProcess> {
    const db = await createTestDatabase(label);
    const namespace = testNamespace();
    const issuer = new TokenIssuer();
    const port = await freePort();
    const launch = await serviceLaunch();
    const fullEnv = {
      PATH: process.env['PATH'] ?? '',
      ...launch.benchEnv('traceability', { namespace }),
      DATABASE_URL: db.url,
      NATS_URL,
      IDENTITY_JWKS_URL: await issuer.start(),
      PORT: String(port),
      ...env,
    };
    const [, ...migrateArgs] = launch.migrateCommand('traceability');
    await new Promise<void>((resolve, reject) => {
      const migrate = spawn(process.execPath, migrateArgs, {
        cwd: root,
        env: fullEnv,
        stdio: 'inherit',
      });
      migrate.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`migrate exited ${code}`))));
    });
    const [, ...args] = launch.serviceCommand('traceability');
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: fullEnv,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${url}/health/ready`)).ok) break;
      } catch {
        // not listening yet
      }
      if (i > 200) throw new Error('traceability did not become ready');
      await new Promise((r) => setTimeout(r, 50));
    }
    return new ServiceProcess(url, child, db, namespace, issuer);
  }

  token(actor: TestActor): Promise<string> {
    return this.issuer.sign(actor);
  }

  async request(
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  /** A producer with one active product in the service's read model. */
  async seed(): Promise<{ producerId: string; productId: string }> {
    const producer = producerSnapshot();
    const product = productSnapshot(producer.producerId, {
      nameVi: 'Kẹo dừa sáp Thạnh Phú',
      nameEn: 'Waxy coconut candy',
    });
    const ds = new DataSource({ type: 'postgres', url: this.db.url });
    await ds.initialize();
    await ReadModelWriter.upsertProducer(ds.manager, producer);
    await ReadModelWriter.upsertProductFromEvent(ds.manager, product);
    await ds.destroy();
    return { producerId: producer.producerId, productId: product.productId };
  }

  /** Resident set size of the service process, in MB. */
  rssMb(): number {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
  }

  /** Runs `work` while sampling the service's RSS every 20 ms. */
  async measure<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; peakRssMb: number }> {
    let peak = this.rssMb();
    const timer = setInterval(() => (peak = Math.max(peak, this.rssMb())), 20);
    const start = performance.now();
    try {
      const value = await work();
      return {
        value,
        seconds: (performance.now() - start) / 1000,
        peakRssMb: Math.round(Math.max(peak, this.rssMb())),
      };
    } finally {
      clearInterval(timer);
    }
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
    await this.issuer.stop();
    await this.db.drop();
    await deleteNamespaceStreams(NATS_URL, this.namespace);
  }
}
