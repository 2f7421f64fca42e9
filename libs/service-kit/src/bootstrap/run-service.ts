import { INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { migrateDatabase } from '@ocop/persistence';
import { DataSourceOptions } from 'typeorm';
import { BaseServiceConfig } from '../config/base-config';
import { ConfigError, loadConfig } from '../config/load-config';
import { AppSpec, createServiceApp } from './create-app';

export interface ServiceCommand<C> {
  describe: string;
  run: (app: INestApplicationContext, args: string[], config: C) => Promise<number>;
}

export interface ServiceSpec<C extends BaseServiceConfig> extends AppSpec<C> {
  configClass: new () => C;
  dataSourceOptions: (config: C) => DataSourceOptions;
  /** Operator commands: `node main.js <command> …` boots the module without HTTP, runs, exits. */
  commands?: Record<string, ServiceCommand<C>>;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/**
 * The entry point of every service:
 *   main.js            serve HTTP + NATS
 *   main.js migrate    create the database if needed, apply migrations, exit
 *   main.js <command>  an operator command of that service (e.g. `dlq replay`)
 */
export async function runService<C extends BaseServiceConfig>(spec: ServiceSpec<C>): Promise<void> {
  let config: C;
  try {
    config = loadConfig(spec.name, spec.configClass);
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  const [command, ...args] = process.argv.slice(2);

  if (command === 'migrate') {
    const applied = await migrateDatabase(spec.dataSourceOptions(config));
    process.stdout.write(
      `${spec.name}: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}\n`,
    );
    return;
  }
  if (command) {
    const cmd = spec.commands?.[command];
    if (!cmd) {
      const known = ['migrate', ...Object.keys(spec.commands ?? {})].join(', ');
      fail(`${spec.name}: unknown command "${command}". Commands: ${known}`);
    }
    const ctx = await NestFactory.createApplicationContext(spec.module(config), {
      logger: ['error', 'warn'],
    });
    const code = await cmd.run(ctx, args, config).finally(() => ctx.close());
    process.exit(code);
  }

  const app = await createServiceApp(spec, config);
  await app.startAllMicroservices();
  await app.listen({ port: config.PORT, host: config.HOST });
  const logger = new Logger(spec.name);
  const url = await app.getUrl();
  logger.log({ url, docs: `${url}/docs` }, `${spec.name} listening`);

  // Our own signal handling rather than Nest's, so that the exit code tells the operator whether shutdown
  // finished in time: 0 after a clean close, 1 when the grace period ran out.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: draining`);
    const timer = setTimeout(() => {
      logger.error(`shutdown did not finish within ${config.SHUTDOWN_GRACE_MS} ms`);
      process.exit(1);
    }, config.SHUTDOWN_GRACE_MS);
    timer.unref();
    app.close().then(
      () => {
        logger.log('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
