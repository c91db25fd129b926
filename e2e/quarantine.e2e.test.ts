import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signIn, useDemoServer } from './harness.ts';

/** Adds people through the API with the page's session; returns their ids. */
async function addPeople(page: Page, baseUrl: string, names: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const fullName of names) {
    const r = await page.request.post(`${baseUrl}/api/people`, { data: { fullName, sex: 'male', communeCode: '07801', confirmDuplicate: true } });
    expect(r.status(), await r.text()).toBe(201);
    ids.push(((await r.json()) as { id: number }).id);
  }
  return ids;
}

async function post(page: Page, url: string, data: unknown): Promise<Record<string, unknown>> {
  const r = await page.request.post(url, { data: data as object });
  expect(r.ok(), await r.text()).toBe(true);
  return (await r.json()) as Record<string, unknown>;
}

describe('quarantine: placement, occupancy and release (real server, headless Chromium)', () => {
  const h = useDemoServer();

  it('places a batch of F1s, sees occupancy change, releases one and prints the certificate', async () => {
    const { browser, baseUrl, shotsDir } = h;
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN', acceptDownloads: true });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await signIn(page, baseUrl, 'cdc');

    // Three new F1s of one source, quarantined on 10/06/2021 (the demo's as-of day), not yet placed.
    // Names take letters only: a tag of letters keeps this run's people apart.
    const stamp = [...String(Date.now() % 100000)].map((d) => 'ABCDEGHKLM'[Number(d)]).join('');
    const [source, ...batch] = await addPeople(page, baseUrl, [`Nguồn Lây ${stamp}`, `Cách Ly Một ${stamp}`, `Cách Ly Hai ${stamp}`, `Cách Ly Ba ${stamp}`]);
    for (const personId of batch) {
      await post(page, `${baseUrl}/api/quarantine/orders`, {
        personId, kind: 'centralized', subject: 'f1', startDate: '2021-06-10', riskGroup: 'low', source: { personId: source, kind: 'household', groupId: null, date: '2021-06-08' },
      });
    }

    // Occupancy before.
    await page.goto(`${baseUrl}/quarantine`);
    const used = page.getByTestId('province-quarantine-used');
    await used.waitFor();
    const before = Number(await used.getAttribute('data-value'));

    // Orders: select the three, ask for rooms, confirm.
    await page.getByTestId('quarantine-tab-orders').click();
    const table = page.getByTestId('orders-table');
    for (const name of [`Cách Ly Một ${stamp}`, `Cách Ly Hai ${stamp}`, `Cách Ly Ba ${stamp}`]) {
      const row = table.locator('tr.ant-table-row', { hasText: name });
      await row.waitFor();
      await row.locator('input[type=checkbox]').check();
    }
    await page.getByTestId('placement-suggest').click();
    await page.getByTestId('placement-rows').locator('tr.ant-table-row').nth(2).waitFor();
    expect(await page.getByTestId('placement-rows').locator('tr.ant-table-row').count()).toBe(3);
    await page.getByTestId('placement-confirm').click();
    await page.getByTestId('placement-modal').waitFor({ state: 'hidden' });
    for (const name of [`Cách Ly Một ${stamp}`]) {
      await expect.poll(async () => table.locator('tr.ant-table-row', { hasText: name }).locator('[data-testid=order-not-placed]').count()).toBe(0);
    }

    // Occupancy after: three more places used.
    await page.getByTestId('quarantine-tab-facilities').click();
    await expect.poll(async () => Number(await page.getByTestId('province-quarantine-used').getAttribute('data-value'))).toBe(before + 3);

    // A person whose 21 days (Công điện 600) ended on 09/06/2021 with every required test negative.
    const [done] = await addPeople(page, baseUrl, [`Hoàn Thành ${stamp}`]);
    await post(page, `${baseUrl}/api/quarantine/orders`, {
      personId: done, kind: 'centralized', subject: 'f1', startDate: '2021-05-20', riskGroup: 'medium', source: { personId: source, kind: 'household', groupId: null, date: '2021-05-18' },
    });
    for (const takenOn of ['2021-05-20', '2021-06-02', '2021-06-08']) {
      await post(page, `${baseUrl}/api/samples`, { personId: done, takenOn, method: 'rt_pcr', result: { result: 'negative', resultedOn: takenOn } });
    }
    await page.goto(`${baseUrl}/quarantine?tab=release&date=2021-06-10`);
    const releaseRow = page.getByTestId('release-table').locator('tr.ant-table-row', { hasText: `Hoàn Thành ${stamp}` });
    await releaseRow.waitFor();
    await releaseRow.getByTestId('release-status-due').waitFor();
    await releaseRow.locator('input[type=checkbox]').check();
    await page.getByTestId('release-confirm').click();
    await page.getByTestId('release-confirm-ok').click();
    await page.getByTestId('release-done').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('release-print').click()]);
    const file = path.join(shotsDir, download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/^giay-xac-nhan-hoan-thanh-cach-ly-\d+\.docx$/);
    // A .docx is a zip: it starts with PK.
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    expect(statSync(file).size).toBeGreaterThan(5_000);

    await page.screenshot({ path: path.join(shotsDir, 'quarantine-release.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
