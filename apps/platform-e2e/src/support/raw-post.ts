import { connect } from 'node:net';

export interface RawPostOptions {
  contentType: string;
  /** The Content-Length announced. */
  declared: number;
  /** The first bytes of the body actually sent (the rest never is). */
  body: string;
  token?: string;
}

export interface RawAnswer {
  status: number;
  contentType: string;
  connection: string;
  body: string;
}

/**
 * A POST over a raw socket that announces more body than it sends, then reads the answer within 10 s. fetch cannot
 * do this: an answer at all proves the server decided from the headers and did not wait for the rest.
 */
export function postDeclared(baseUrl: string, path: string, options: RawPostOptions): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const timer = setTimeout(() => finish(new Error(`no answer from ${baseUrl}${path} within 10 s`)), 10_000);
    let received = Buffer.alloc(0);
    const header = (head: string[], name: string) =>
      head
        .find((l) => l.toLowerCase().startsWith(`${name}:`))
        ?.slice(name.length + 1)
        .trim() ?? '';
    const finish = (err?: Error) => {
      clearTimeout(timer);
      socket.destroy();
      if (err) return reject(err);
      const text = received.toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const head = text.slice(0, split).split('\r\n');
      resolve({
        status: Number(head[0].split(' ')[1]),
        contentType: header(head, 'content-type'),
        connection: header(head, 'connection'),
        body: text.slice(split + 4),
      });
    };
    const complete = () => {
      const text = received.toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      if (split < 0) return false;
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(text.slice(0, split));
      return length !== null && Buffer.byteLength(text.slice(split + 4)) >= Number(length[1]);
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (complete()) finish();
    });
    socket.on('end', () => finish());
    // A reset after the answer has arrived is the server refusing the rest: what is asked of it.
    socket.on('error', (err) => (received.length ? finish() : finish(err)));
    socket.on('connect', () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: ${url.host}\r\n` +
          (options.token ? `Authorization: Bearer ${options.token}\r\n` : '') +
          `Content-Type: ${options.contentType}\r\nContent-Length: ${options.declared}\r\n\r\n`,
      );
      socket.write(options.body);
    });
  });
}
