import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';

const ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** A caller-supplied id is reused only when it looks like an id; anything else could poison the logs. */
export function acceptableId(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v && ID.test(v) ? v : undefined;
}

export function loggerParams(service: string, level: string): Params {
  return {
    pinoHttp: {
      level,
      base: { service },
      customProps: (req: IncomingMessage) => ({
        correlationId: acceptableId(req.headers['x-correlation-id']) ?? (req as { id?: string }).id,
      }),
      // Health probes and scrapes every few seconds would drown the useful lines.
      // (middie, which runs Nest middleware on Fastify, strips the mount path from req.url; originalUrl keeps it.)
      autoLogging: {
        ignore: (req: IncomingMessage & { originalUrl?: string }) =>
          /^\/(health|metrics)/.test(req.originalUrl ?? req.url ?? ''),
      },
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  };
}
