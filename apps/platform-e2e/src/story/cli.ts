/**
 * Runs the demo story against running services and prints its result as one JSON line (progress goes to stderr).
 * Used by tools/dev/seed.mjs (npm start):
 *
 *   TS_NODE_PROJECT=apps/platform-e2e/tsconfig.spec.json node -r ts-node/register/transpile-only \
 *     -r tsconfig-paths/register apps/platform-e2e/src/story/cli.ts '<{"urls":{…},"admin":{…}}>'
 */
import { storyContext, StoryUrls } from './context';
import { runDemoStory } from './demo-story';

interface CliInput {
  urls: StoryUrls;
  admin: { email: string; password: string };
}

if (require.main === module) {
  (async () => {
    const input = JSON.parse(process.argv[2] ?? '') as CliInput;
    const ctx = storyContext(input.urls, input.admin, (m) => process.stderr.write(`seed: ${m}\n`));
    process.stdout.write(`${JSON.stringify(await runDemoStory(ctx))}\n`);
  })().catch((err: unknown) => {
    process.stderr.write(
      `demo story failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  });
}
