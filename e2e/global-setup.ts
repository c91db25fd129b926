/**
 * One demo server for every browser test file (vitest globalSetup): starting a server means
 * generating a demo province and building the tracing index, half a minute on a 2-core CI machine,
 * so each file no longer starts its own. The files share its data: each creates what it changes
 * under names of its own. E2E_BASE_URL: use a server that is already up instead.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { repoRoot, webDistDir } from './paths.ts';
import { freePort, type RunningServer, startServer } from './server-process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBaseUrl: string;
  }
}

const DEMO_PEOPLE = 3000;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.E2E_BASE_URL;
  if (external) {
    project.provide('e2eBaseUrl', external.replace(/\/$/, ''));
    return async () => {};
  }
  if (!existsSync(path.join(webDistDir, 'index.html'))) {
    throw new Error(`${path.join(webDistDir, 'index.html')} is missing: run \`npm run build:web\` before \`npm run test:e2e\``);
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'epi-e2e-data-'));
  let server: RunningServer;
  try {
    server = await startServer({
      cwd: repoRoot,
      env: {
        PORT: String(await freePort()), HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO: 'true', DEMO_PEOPLE: String(DEMO_PEOPLE), LOG_LEVEL: 'warn',
        // Every file signs in from 127.0.0.1 several times a minute.
        LOGIN_RATE_LIMIT: '1000',
      },
      readyTimeoutMs: 300_000,
    });
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  project.provide('e2eBaseUrl', server.url);
  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
