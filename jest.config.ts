import { getJestProjectsAsync } from '@nx/jest';

// One jest run over every project so that `npm test` shares one worker pool (2 cores here).
export default async () => ({
  projects: await getJestProjectsAsync(),
});
