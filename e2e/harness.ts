/** What every browser test needs: Debian's Chromium and a demo server (or E2E_BASE_URL). */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { freePort, type RunningServer, startServer } from './server-process.ts';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const webIndex = path.join(repoRoot, 'web', 'dist', 'index.html');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: \`apt-get install -y chromium\` or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface Harness {
  readonly browser: Browser;
  readonly baseUrl: string;
  readonly shotsDir: string;
}

/**
 * Registers beforeAll/afterAll that start Chromium and a server with a small demo province
 * (E2E_BASE_URL: use a server that is already up instead), and stop them afterwards.
 */
export function useDemoServer(demoPeople = 3000): Harness {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let baseUrl = '';
  let dataDir = '';
  const shotsDir = mkdtempSync(path.join(tmpdir(), 'epi-e2e-shots-'));

  beforeAll(async () => {
    browser = await launchChromium();
    const external = process.env.E2E_BASE_URL;
    if (external) {
      baseUrl = external.replace(/\/$/, '');
      return;
    }
    if (!existsSync(webIndex)) {
      throw new Error('web/dist/index.html is missing: run `npm run build:web` before `npm run test:e2e`');
    }
    dataDir = mkdtempSync(path.join(tmpdir(), 'epi-e2e-data-'));
    server = await startServer({
      cwd: repoRoot,
      env: {
        PORT: String(await freePort()), HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO: 'true', DEMO_PEOPLE: String(demoPeople), LOG_LEVEL: 'warn',
      },
      readyTimeoutMs: 300_000,
    });
    baseUrl = server.url;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  return {
    get browser() {
      if (!browser) throw new Error('setup failed: no browser');
      return browser;
    },
    get baseUrl() {
      if (!baseUrl) throw new Error('setup failed: no server');
      return baseUrl;
    },
    shotsDir,
  };
}

/** Signs in through the login page (Vietnamese labels) and waits for the overview. */
export async function signIn(page: Page, baseUrl: string, username: string, password = 'demo2021'): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((u) => new URL(u).pathname === '/');
}
