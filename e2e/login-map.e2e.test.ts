import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type RunningServer, startServer } from './server-process.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const webIndex = path.join(repoRoot, 'web', 'dist', 'index.html');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Bắc Giang had 10 district-level units in 2021 (1 city, 9 districts). */
const DISTRICTS_OF_BAC_GIANG = 10;

function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: \`apt-get install -y chromium\` or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

describe('login and province map (real server, headless Chromium)', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let baseUrl = '';
  let dataDir = '';
  const shotsDir = mkdtempSync(path.join(tmpdir(), 'epi-e2e-shots-'));

  beforeAll(async () => {
    browser = await launchChromium();
    // E2E_BASE_URL: run against a server that is already up (e.g. while developing) instead of starting one.
    const external = process.env.E2E_BASE_URL;
    if (external) {
      baseUrl = external.replace(/\/$/, '');
      return;
    }
    if (!existsSync(webIndex)) {
      throw new Error(`web/dist/index.html is missing: run \`npm run build:web\` before \`npm run test:e2e\``);
    }
    dataDir = mkdtempSync(path.join(tmpdir(), 'epi-e2e-data-'));
    server = await startServer({
      cwd: repoRoot,
      env: {
        PORT: String(await freePort()),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DEMO: 'true',
        DEMO_PEOPLE: '3000',
        LOG_LEVEL: 'warn',
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

  it('signs in as cdc in Vietnamese, draws the 10 districts, switches to English', async () => {
    if (!browser || !baseUrl) throw new Error('setup failed');
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));

    await page.goto(baseUrl);
    await page.waitForURL(/\/login/);
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await expect.poll(() => page.getByText('Tên đăng nhập').count()).toBeGreaterThan(0);

    await page.getByLabel('Tên đăng nhập').fill('cdc');
    await page.getByLabel('Mật khẩu').fill('demo2021');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();

    await page.waitForURL((u) => new URL(u).pathname === '/');
    await page.getByText('Tổng quan', { exact: false }).first().waitFor();
    // Locators only, no page-side code: the server's CSP forbids eval, and the root tsconfig has no DOM types.
    await page.locator('.district-shape').nth(DISTRICTS_OF_BAC_GIANG - 1).waitFor({ state: 'attached', timeout: 60_000 });
    expect(await page.locator('.district-shape').count()).toBe(DISTRICTS_OF_BAC_GIANG);
    // The epidemic curve is drawn on the same page.
    await page.locator('.epidemic-curve canvas').first().waitFor();

    await page.locator('.ant-layout-header .ant-segmented-item', { hasText: 'EN' }).click();
    await page.locator('.ant-menu').getByText('Overview', { exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const storage = await context.storageState();
    const origin = storage.origins.find((o) => o.origin === new URL(baseUrl).origin);
    expect(origin?.localStorage.find((e) => e.name === 'epi.lang')?.value).toBe('en');
    expect(await page.locator('.district-shape').count()).toBe(DISTRICTS_OF_BAC_GIANG);

    const shot = path.join(shotsDir, 'overview-en.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    console.log(`screenshot: ${shot}`);

    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
