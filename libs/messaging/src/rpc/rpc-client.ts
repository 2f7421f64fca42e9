import { Inject, Injectable } from '@nestjs/common';
import { DomainError, Problems, rpcSubjectFor } from '@ocop/contracts';
import { currentContext } from '@ocop/service-kit';
import { randomUUID } from 'node:crypto';
import { ErrorCode, headers, JSONCodec, NatsError } from 'nats';
import { MESSAGING_OPTIONS, ResolvedMessagingOptions } from '../messaging.options';
import { NatsConnector } from '../nats/nats-connector';
import {
  assertRpcName,
  CORRELATION_HEADER,
  RpcRequestPacket,
  RpcResponsePacket,
  rpcService,
} from './rpc-wire';

const DEFAULT_TIMEOUT_MS = 2000;
const codec = JSONCodec<RpcRequestPacket<unknown> | RpcResponsePacket<unknown>>();

/**
 * Asks another service a question over NATS request-reply (`@OnRequest` on the other side), always with a
 * deadline. Failures arrive as DomainErrors: the handler's own, or `upstream-timeout` (504) when nobody answered
 * in time, or `upstream-unavailable` (503) when nobody is listening or NATS is down.
 */
@Injectable()
export class RpcClient {
  constructor(
    private readonly nats: NatsConnector,
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
  ) {}

  async request<TRes, TReq = unknown>(
    name: string,
    data: TReq,
    opts: { timeoutMs?: number } = {},
  ): Promise<TRes> {
    assertRpcName(name);
    const service = rpcService(name);
    const nc = this.nats.current();
    if (!nc) throw Problems.upstreamUnavailable(service);

    const hdrs = headers();
    hdrs.set(CORRELATION_HEADER, currentContext()?.correlationId ?? randomUUID());
    const packet: RpcRequestPacket<TReq> = { id: randomUUID(), pattern: name, data };
    let reply;
    try {
      reply = await nc.request(rpcSubjectFor(this.options.namespace, name), codec.encode(packet), {
        timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        headers: hdrs,
      });
    } catch (err) {
      if ((err as NatsError).code === ErrorCode.Timeout) throw Problems.upstreamTimeout(service);
      throw Problems.upstreamUnavailable(service);
    }

    const answer = codec.decode(reply.data) as RpcResponsePacket<TRes>;
    if (answer.err !== undefined && answer.err !== null) {
      if (DomainError.isProblem(answer.err)) throw DomainError.fromProblem(answer.err);
      throw new DomainError('upstream-error', 502, 'Bad gateway', `The ${service} service failed to answer.`);
    }
    return answer.response as TRes;
  }
}
