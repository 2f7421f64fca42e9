import { connect } from 'nats';
import { randomSuffix } from './random';

/**
 * A random event namespace (`t` + 8 lower-case letters/digits) for one test file: its subjects, streams and RPC
 * subjects then never meet those of another file or another developer's run on the same NATS server.
 */
export function testNamespace(): string {
  return `t${randomSuffix(8)}`;
}

/** Deletes every stream of `namespace` (and with them their consumers); returns how many there were. */
export async function deleteNamespaceStreams(natsUrl: string, namespace: string): Promise<number> {
  const nc = await connect({ servers: natsUrl.split(',') });
  try {
    const jsm = await nc.jetstreamManager();
    const prefix = `${namespace.toUpperCase()}_`;
    let deleted = 0;
    for await (const stream of jsm.streams.list()) {
      if (!stream.config.name.startsWith(prefix)) continue;
      await jsm.streams.delete(stream.config.name);
      deleted++;
    }
    return deleted;
  } finally {
    await nc.close();
  }
}
