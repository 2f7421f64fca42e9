import { setTimeout as sleep } from 'node:timers/promises';

/** A parsed JSON answer. Loose on purpose: the story reads a few fields, the tests assert shapes with expect(). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** An answer the caller did not expect: the status and the problem+json body say why. */
export class ApiError extends Error {
  constructor(
    readonly service: string,
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly problem: Json,
  ) {
    super(
      `${service} ${method} ${path} → ${status}: ${typeof problem === 'string' ? problem.slice(0, 500) : JSON.stringify(problem)}`,
    );
  }

  /** The problem's stable `code` (RFC 9457 extension used by every service), if any. */
  get code(): string | undefined {
    return typeof this.problem === 'object' && this.problem ? this.problem.code : undefined;
  }
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** A raw body (a CSV, a file, an EPCIS document as ld+json) with its content type. */
  raw?: { contentType: string; payload: string | Buffer };
  /** Sent as `Idempotency-Key` (catalogue and traceability create endpoints take it). */
  idempotencyKey?: string;
  headers?: Record<string, string>;
  /** Statuses that are not an error (default: any 2xx). */
  expect?: number | readonly number[];
}

export interface Reply<T = Json> {
  status: number;
  body: T;
  headers: Headers;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One service's HTTP API: JSON in and out, bearer tokens, problem+json errors thrown as ApiError. */
export class ServiceClient {
  constructor(
    readonly service: string,
    readonly baseUrl: string,
  ) {}

  async request<T = Json>(method: Method, path: string, options: CallOptions = {}): Promise<Reply<T>> {
    const res = await this.fetch(method, path, options);
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    let body: Json = text;
    if (text && type.includes('json')) body = JSON.parse(text);
    if (!text) body = undefined;
    this.check(method, path, res.status, body, options.expect);
    return { status: res.status, body: body as T, headers: res.headers };
  }

  /** A binary answer (a PDF, a PNG), as bytes. */
  async download(path: string, options: CallOptions = {}): Promise<Reply<Buffer>> {
    const res = await this.fetch('GET', path, options);
    const bytes = Buffer.from(await res.arrayBuffer());
    if (!res.ok) {
      let problem: Json = bytes.toString('utf8');
      try {
        problem = JSON.parse(problem);
      } catch {
        /* not JSON */
      }
      this.check('GET', path, res.status, problem, options.expect);
    }
    return { status: res.status, body: bytes, headers: res.headers };
  }

  get<T = Json>(path: string, options: CallOptions = {}): Promise<T> {
    return this.request<T>('GET', path, options).then((r) => r.body);
  }

  post<T = Json>(path: string, options: CallOptions = {}): Promise<T> {
    return this.request<T>('POST', path, options).then((r) => r.body);
  }

  put<T = Json>(path: string, options: CallOptions = {}): Promise<T> {
    return this.request<T>('PUT', path, options).then((r) => r.body);
  }

  patch<T = Json>(path: string, options: CallOptions = {}): Promise<T> {
    return this.request<T>('PATCH', path, options).then((r) => r.body);
  }

  private fetch(method: Method, path: string, options: CallOptions): Promise<Response> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    let body: string | Buffer | undefined;
    if (options.raw) {
      headers['content-type'] = options.raw.contentType;
      body = options.raw.payload;
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    return fetch(`${this.baseUrl}${path}`, { method, headers, body });
  }

  private check(
    method: string,
    path: string,
    status: number,
    body: Json,
    expected?: number | readonly number[],
  ) {
    const ok =
      expected === undefined
        ? status >= 200 && status < 300
        : (typeof expected === 'number' ? [expected] : expected).includes(status);
    if (!ok) throw new ApiError(this.service, method, path, status, body);
  }
}

export interface EventuallyOptions {
  /** Give up after this long (default 20 s). */
  timeoutMs?: number;
  intervalMs?: number;
  /** Whether a failure may go away by waiting (default: any ApiError with status 404, 409 or 422). */
  retryOn?: (err: unknown) => boolean;
}

const transient = (err: unknown) => err instanceof ApiError && [404, 409, 422].includes(err.status);

/**
 * Retries `fn` while it fails in a way that waiting can fix: what one service learns from another's events
 * (a new account, a product) arrives a moment later. Only for calls that change nothing when they fail.
 */
export async function eventually<T>(fn: () => Promise<T>, options: EventuallyOptions = {}): Promise<T> {
  const { timeoutMs = 60_000, intervalMs = 150, retryOn = transient } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (!retryOn(err) || Date.now() >= deadline) throw err;
    }
    await sleep(intervalMs);
  }
}
