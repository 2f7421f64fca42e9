import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { BaseServiceConfig } from './base-config';
import { ConfigError, loadConfig } from './load-config';

class SampleConfig extends BaseServiceConfig {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  RETRIES = 3;
}

const valid = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ocop_sample' };

describe('loadConfig', () => {
  it('applies defaults and converts types', () => {
    const config = loadConfig('sample', SampleConfig, { ...valid, PORT: '3005', RETRIES: '7' });
    expect(config.PORT).toBe(3005);
    expect(config.RETRIES).toBe(7);
    expect(config.NATS_URL).toBe('nats://127.0.0.1:4222');
    expect(config.EVENT_NAMESPACE).toBe('ocop');
  });

  it('names every bad variable with its value, in one error', () => {
    let error: unknown;
    try {
      loadConfig('sample', SampleConfig, { ...valid, PORT: 'eighty', RETRIES: '99', NATS_URL: 'http://x' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('Invalid configuration for sample');
    expect(message).toMatch(/PORT: .*got "eighty"/);
    expect(message).toMatch(/RETRIES: .*must not be greater than 10.*got "99"/);
    expect(message).toMatch(/NATS_URL: .*nats:\/\//);
    expect((error as ConfigError).problems).toHaveLength(3); // the first broken rule of each variable
  });

  it('reports a missing required variable as not set', () => {
    expect(() => loadConfig('sample', SampleConfig, {})).toThrow(/DATABASE_URL: .*it is not set/);
  });

  it('treats an empty variable as unset, so the default applies', () => {
    expect(loadConfig('sample', SampleConfig, { ...valid, LOG_LEVEL: '' }).LOG_LEVEL).toBe('info');
  });
});
