import { defineConfig } from 'vitest/config';

// Renders are real ffmpeg runs on a 2-core machine: generous timeouts, and files run one at a
// time so two renders never fight for the cores.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    // One temporary folder for the whole run, erased at its end; a real Redis for the render-queue
    // tests (test/e2e/hosted), its data in that folder.
    globalSetup: ['./test/global-temp.ts', './test/global-redis.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
