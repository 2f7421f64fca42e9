import { getJestProjectsAsync } from '@nx/jest';

// One jest run over every project so that `npm test` shares one worker pool (2 cores here).
export default async () => ({
  projects: await getJestProjectsAsync(),
  // A global option (ignored in project configs when jest runs them together): integration tests boot services
  // on the real Postgres and NATS, and each wait inside them has its own shorter deadline (waitFor: 60 s). Both
  // are generous on purpose: CI runs on busy machines, and a deadline only names what never happened.
  testTimeout: 180_000,
});
