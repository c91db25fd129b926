import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Browser tests against the real server (`npm run test:e2e`). They need `npm run build:web`
 * first and Chromium at /usr/bin/chromium (or CHROMIUM_PATH). One demo server on a fresh data
 * folder serves every file (global-setup.ts); each file starts its own Chromium.
 */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 400_000,
    // A busy 2-core CI machine renders slower than the default 1 s poll allows.
    expect: { poll: { timeout: 10_000 } },
  },
});
