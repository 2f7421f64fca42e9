import { applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IdempotentResult } from './idempotency.service';

/** Documents the header on a create endpoint. */
export const AcceptsIdempotencyKey = () =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Gửi lại cùng khóa trong 24 giờ sẽ nhận lại kết quả cũ, không tạo bản ghi mới / a retry with the same key within 24 h gets the first answer instead of a second record',
    }),
  );

/** The raw header value (validated by IdempotencyService, which names it in its 400). */
export const IdempotencyKey = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | undefined => {
    const value = context.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'];
    return Array.isArray(value) ? value[0] : value;
  },
);

/** Sends the stored or fresh answer, marking replays so a client can tell. */
export function answer<T>(reply: FastifyReply, result: IdempotentResult<T>): T {
  if (result.replayed) void reply.header('idempotent-replayed', 'true');
  return result.body;
}
