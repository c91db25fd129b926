import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type RunningServer, startServer } from './server-process.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const webIndex = path.join(repoRoot, 'web', 'dist', 'index.html');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: \`apt-get install -y chromium\` or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

interface CaseRow {
  id: number;
  caseCode: string;
}

/**
 * A case whose live trace has F1s, found through the API with the page's session (the demo
 * province is random; most of its cases have household or workplace contacts).
 */
async function caseWithContacts(page: Page, baseUrl: string): Promise<CaseRow> {
  const list = await page.request.get(`${baseUrl}/api/cases?pageSize=50`);
  expect(list.ok()).toBe(true);
  const { items } = (await list.json()) as { items: CaseRow[] };
  for (const c of items) {
    const r = await page.request.get(`${baseUrl}/api/cases/${c.id}/contacts?level=1&pageSize=1`);
    if (!r.ok()) continue;
    const body = (await r.json()) as { counts: { f1: number } };
    if (body.counts.f1 > 0) return c;
  }
  throw new Error('no case with F1 contacts among the first 50 of the demo province');
}

describe('tracing: contacts and chain of a case (real server, headless Chromium)', () => {
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

  it('traces a case as cdc, lists its F1s and draws its chain', async () => {
    if (!browser || !baseUrl) throw new Error('setup failed');
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));

    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Tên đăng nhập').fill('cdc');
    await page.getByLabel('Mật khẩu').fill('demo2021');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((u) => new URL(u).pathname === '/');

    const target = await caseWithContacts(page, baseUrl);

    // The cases list, searched by the case code, then the case itself.
    await page.locator('.ant-menu').getByText('Ca bệnh F0', { exact: true }).click();
    await page.locator('[data-testid=cases-table] tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('cases-search').locator('xpath=descendant-or-self::input').first().fill(target.caseCode);
    await page.keyboard.press('Enter');
    const row = page.locator('[data-testid=cases-table] tbody tr.ant-table-row', { hasText: target.caseCode }).first();
    await row.waitFor();
    await row.click();
    await page.waitForURL((u) => new URL(u).pathname === `/cases/${target.id}`);

    // Contacts tab: trace now, then the F1 count and the F1 rows.
    await page.getByRole('tab', { name: 'Tiếp xúc' }).click();
    await page.getByTestId('trace-now').click();
    await page.getByTestId('trace-result').waitFor({ timeout: 60_000 });
    const f1 = page.getByTestId('contacts-count-f1');
    await page.locator('[data-testid=contacts-count-f1]:not([data-count=""])').waitFor();
    expect(Number(await f1.getAttribute('data-count'))).toBeGreaterThan(0);
    await page.locator('[data-testid=contacts-table] tbody tr.ant-table-row').first().waitFor();
    // A fresh run leaves its people awaiting review: each row offers confirm / dismiss.
    await page.locator('[data-testid=contacts-table] tbody tr.ant-table-row', { hasText: 'Chờ xác nhận' }).first().waitFor();

    // Chain tab: Cytoscape draws on canvas; the container says how many people it drew.
    await page.getByRole('tab', { name: 'Chuỗi lây nhiễm' }).click();
    const graph = page.locator('.chain-graph');
    await page.locator('.chain-graph:not([data-nodes="0"])').waitFor({ timeout: 30_000 });
    await graph.locator('canvas').first().waitFor();
    expect(await graph.locator('canvas').count()).toBeGreaterThan(0);
    expect(Number(await graph.getAttribute('data-nodes'))).toBeGreaterThan(1);
    expect(Number(await graph.getAttribute('data-edges'))).toBeGreaterThan(0);
    const box = await graph.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(300);
    expect(box?.height ?? 0).toBeGreaterThan(300);

    const shot = path.join(shotsDir, 'chain.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    console.log(`screenshot: ${shot}`);

    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
