import { DynamicModule, FactoryProvider, Global, Module, ModuleMetadata, Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { REQUEST_AUTHENTICATOR, RequestAuthenticator } from '@ocop/service-kit';
import { AUTH_OPTIONS, AuthOptions } from './auth-options';
import { AuthGuard, authenticateBearer } from './auth.guard';
import { TokenVerifier } from './token-verifier';

export interface AuthModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: FactoryProvider['inject'];
  useFactory: FactoryProvider<AuthOptions | Promise<AuthOptions>>['useFactory'];
}

const shared: Provider[] = [
  TokenVerifier,
  { provide: APP_GUARD, useClass: AuthGuard },
  // What service-kit checks every request's Authorization header with, before rate limits and bodies.
  {
    provide: REQUEST_AUTHENTICATOR,
    inject: [TokenVerifier],
    useFactory: (verifier: TokenVerifier): RequestAuthenticator => ({
      authenticate: (authorization) => authenticateBearer(verifier, authorization),
    }),
  },
];

/**
 * Token verification for a service: imported once by its AppModule. Every route is then authenticated unless
 * marked @Public(), and TokenVerifier is injectable for anything else that receives a token.
 */
@Global()
@Module({})
export class AuthModule {
  static forRoot(options: AuthOptions): DynamicModule {
    return {
      module: AuthModule,
      providers: [{ provide: AUTH_OPTIONS, useValue: options }, ...shared],
      exports: [TokenVerifier],
    };
  }

  /** When the options need other providers, as in identity, which verifies with keys from its own database. */
  static forRootAsync(options: AuthModuleAsyncOptions): DynamicModule {
    return {
      module: AuthModule,
      imports: options.imports ?? [],
      providers: [
        { provide: AUTH_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        ...shared,
      ],
      exports: [TokenVerifier],
    };
  }
}
