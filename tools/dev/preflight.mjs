// Fails early, with the command that fixes it, when Postgres or NATS is not reachable.
import { connect } from 'node:net';

function reachable(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function preflight() {
  const pg = new URL(process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const nats = new URL((process.env.NATS_URL ?? 'nats://127.0.0.1:4222').split(',')[0]);
  const problems = [];
  if (!(await reachable(pg.hostname, Number(pg.port || 5432)))) {
    problems.push(
      `PostgreSQL is not reachable at ${pg.host}. Start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`,
    );
  }
  if (!(await reachable(nats.hostname, Number(nats.port || 4222)))) {
    problems.push(
      `NATS is not reachable at ${nats.host}. Start it: start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log`,
    );
  }
  if (problems.length) throw new Error(problems.join('\n'));
}
