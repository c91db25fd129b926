import { statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signIn, useDemoServer } from './harness.ts';

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
  const h = useDemoServer();

  it('traces a case as cdc, lists its F1s and draws its chain', async () => {
    const { browser, baseUrl, shotsDir } = h;
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));

    await signIn(page, baseUrl, 'cdc');

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
