import { bilingual, DomainError, Problems } from '@ocop/contracts';
import type {
  FastifyInstance,
  FastifyRequest,
  onRequestAsyncHookHandler,
  onSendAsyncHookHandler,
} from 'fastify';
import { Readable, Transform, TransformCallback } from 'node:stream';
import { callerCheckOf } from './caller';

/**
 * A route that takes a larger body than HTTP_BODY_LIMIT_BYTES: an import file, a dossier attachment, an EPCIS
 * capture. Keyed 'METHOD /url' as the route is declared ('POST /dossiers/:dossierId/attachments').
 */
export interface UploadRoute {
  /** Largest body the route reads, in bytes. */
  maxBytes: number;
  /**
   * Media types other than JSON that the route reads (no other route reads them), and how the handler gets the
   * body: `stream`, a Readable the handler consumes (it fails with 413 past maxBytes); `buffer`, the whole body.
   * Left out for a JSON route, whose JSON simply gets maxBytes.
   */
  media?: { types: string[]; as: 'stream' | 'buffer' };
}

export type UploadRoutes = Record<string, UploadRoute>;

export const payloadTooLarge = (maxBytes: number) =>
  Object.assign(
    new DomainError(
      'payload-too-large',
      413,
      bilingual('Nội dung quá lớn', 'Payload too large'),
      bilingual(`tối đa ${maxBytes} byte`, `at most ${maxBytes} bytes`),
      { maxBytes },
    ),
    { statusCode: 413 },
  );

const unsupportedMediaType = (contentType: string | undefined) =>
  Object.assign(
    new DomainError(
      'unsupported-media-type',
      415,
      bilingual('Kiểu nội dung không được hỗ trợ', 'Unsupported media type'),
      bilingual(
        `đường dẫn này không nhận ${contentType ?? 'nội dung này'}`,
        `this route does not take ${contentType ?? 'this content'}`,
      ),
    ),
    { statusCode: 415 },
  );

/** Passes the bytes through and fails with 413 once more than `maxBytes` have come. */
class ByteLimit extends Transform {
  private seen = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.maxBytes) callback(payloadTooLarge(this.maxBytes));
    else callback(null, chunk);
  }
}

/**
 * The request body of a `stream` upload route, as the handler receives it: the bytes as they arrive, at most
 * the route's maxBytes (past that the stream fails with a 413 problem and the connection is closed).
 */
export function uploadStream(body: unknown): Readable | undefined {
  return body instanceof Readable ? body : undefined;
}

const CONFIG_KEY = 'ocopUpload';

function uploadOf(request: FastifyRequest): UploadRoute | undefined {
  return (request.routeOptions.config as unknown as Record<string, unknown> | undefined)?.[CONFIG_KEY] as
    | UploadRoute
    | undefined;
}

/**
 * Only a caller whose token verified may make the service read a large body: the check runs at onRequest, before
 * a byte of the body is read, with the outcome checkCallers already has (the auth guard, which runs after
 * parsing, would be too late: a 9 MB anonymous body would be read only to answer 401).
 */
const authenticatedFirst: onRequestAsyncHookHandler = async (request) => {
  const check = callerCheckOf(request);
  if (!check) throw Problems.unauthenticated();
  if (!check.verified) throw check.error;
};

/**
 * An answer sent before the whole body has arrived (a 401 or 415 before reading it, a 413 from the stream, a
 * refused file) closes the connection: otherwise Node would read and discard whatever the client still sends,
 * to reuse the socket.
 */
const closeIfBodyUnread: onSendAsyncHookHandler = async (request, reply) => {
  // HTTP/2 has no Connection header (Node drops it with a warning): the answer ends the stream, not the session.
  if (!request.raw.complete && request.raw.httpVersionMajor < 2) void reply.header('connection', 'close');
};

/**
 * Large bodies only where they belong, and only after authentication. Every other route reads JSON (and the
 * service's own small form types) within HTTP_BODY_LIMIT_BYTES; a media type that only upload routes read is
 * refused elsewhere with 415 before its body is read. Registered before the routes (it uses onRoute).
 */
export function useUploadRoutes(fastify: FastifyInstance, routes: UploadRoutes): void {
  // Fastify reads text/plain on every route by default; no ordinary route takes it.
  fastify.removeContentTypeParser('text/plain');
  fastify.addHook('onSend', closeIfBodyUnread);
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      const upload = routes[`${method} ${route.url}`];
      if (!upload) continue;
      route.config = { ...(route.config ?? {}), [CONFIG_KEY]: upload } as typeof route.config;
      if (!upload.media) route.bodyLimit = upload.maxBytes;
      // After the route's own hooks (its rate limit): a flood of anonymous uploads is still counted.
      route.onRequest = [...(route.onRequest ? [route.onRequest].flat() : []), authenticatedFirst];
    }
  });
  const types = [...new Set(Object.values(routes).flatMap((r) => r.media?.types ?? []))];
  if (!types.length) return;
  fastify.addContentTypeParser(types, (request, payload, done) => {
    const upload = uploadOf(request);
    const media = upload?.media;
    const contentType = request.headers['content-type'];
    const type = contentType?.split(';')[0].trim().toLowerCase();
    if (!upload || !media || !type || !media.types.includes(type)) {
      return done(unsupportedMediaType(type), undefined);
    }
    const declared = Number(request.headers['content-length']);
    if (declared > upload.maxBytes) return done(payloadTooLarge(upload.maxBytes), undefined);
    const limited = payload.pipe(new ByteLimit(upload.maxBytes));
    payload.on('error', (err) => limited.destroy(err));
    if (media.as === 'stream') return done(null, limited);
    const chunks: Buffer[] = [];
    limited.on('data', (chunk: Buffer) => chunks.push(chunk));
    limited.on('error', (err) => done(err, undefined));
    limited.on('end', () => done(null, Buffer.concat(chunks)));
  });
}
