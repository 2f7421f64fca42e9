import { Problem } from '@ocop/contracts';

/** NATS header carrying the caller's correlation id to the answering service. */
export const CORRELATION_HEADER = 'Ocop-Correlation-Id';

// Nest's NATS transport packets (JSON): what ClientNats sends and what ServerNats answers.
export interface RpcRequestPacket<T> {
  id: string;
  pattern: string;
  data: T;
}

export interface RpcResponsePacket<T> {
  id?: string;
  response?: T;
  /** A problem document when the handler failed (see RpcProblemFilter). */
  err?: Problem | unknown;
  isDisposed?: boolean;
}

// RPC names are dot-separated tokens, the first naming the answering service: 'catalogue.product.owner'.
const RPC_NAME = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

export function assertRpcName(name: string): void {
  if (!RPC_NAME.test(name))
    throw new Error(`RPC name "${name}" must look like <service>.<entity>.<question>`);
}

/** The service that answers an RPC name (its first token), for error messages. */
export function rpcService(name: string): string {
  return name.split('.')[0];
}
