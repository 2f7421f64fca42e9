export * from './actor';
export * from './auth-options';
export * from './auth.guard';
export * from './auth.module';
export * from './current-actor.decorator';
export * from './producer-scope';
export * from './roles.decorator';
export * from './token-verifier';
