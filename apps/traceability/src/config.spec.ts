import { ConfigError, loadConfig } from '@ocop/service-kit';
import { DEV_LABEL_KEY_SECRET, TraceabilityConfig } from './config';

const load = (env: Record<string, string>) =>
  loadConfig('traceability', TraceabilityConfig, {
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/t',
    ...env,
  });

describe('traceability configuration', () => {
  it('has working development defaults', () => {
    const config = load({});
    expect(config).toMatchObject({
      PORT: 3003,
      RESOLVER_BASE_URL: 'http://127.0.0.1:3006',
      GROWING_AREA_CODE_FORMAT: 'VN-{province}-{district?}-{commune}-{facility:2}-{yy}',
      LABEL_KEY_ENCRYPTION_SECRET: DEV_LABEL_KEY_SECRET,
    });
  });

  it('refuses, naming each variable, a bad resolver, code template or tolerance, and the dev secret in production', () => {
    let error: ConfigError | undefined;
    try {
      load({
        NODE_ENV: 'production',
        RESOLVER_BASE_URL: 'https://id.ocop.vn/',
        GROWING_AREA_CODE_FORMAT: 'VN-{province}-{commune}',
        BOUNDARY_AREA_TOLERANCE: '3',
      });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error?.problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'BOUNDARY_AREA_TOLERANCE',
      'GROWING_AREA_CODE_FORMAT',
      'LABEL_KEY_ENCRYPTION_SECRET',
      'RESOLVER_BASE_URL',
    ]);
  });
});
