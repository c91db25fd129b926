import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { signIn, useDemoServer } from './harness.ts';

describe('situation room: the levels on the map and the daily report (real server, headless Chromium)', () => {
  const h = useDemoServer();

  it('colours the districts by their epidemic level, then generates the day\'s report and opens its DOCX', async () => {
    const { browser, baseUrl } = h;
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN', acceptDownloads: true });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await signIn(page, baseUrl, 'cdc');

    // The demo assessed the levels: the district layer colours every assessed district.
    const latest = ((await (await page.request.get(`${baseUrl}/api/overview`)).json()) as { asOf: string }).asOf;
    const districts = ((await (await page.request.get(`${baseUrl}/api/levels?unitLevel=district&date=${latest}`)).json()) as { items: unknown[] }).items;
    expect(districts.length).toBeGreaterThan(0);
    await page.goto(`${baseUrl}/map`);
    await page.getByTestId('situation-legend').waitFor();
    // Places cases visited while infectious, one dot each.
    const visited = ((await (await page.request.get(`${baseUrl}/api/situation/map/visited?date=${latest}&days=14`)).json()) as { features: unknown[] }).features;
    await expect.poll(() => page.locator('[data-testid=situation-map] path.visited-place').count()).toBe(visited.length);
    await page.getByTestId('map-layers').getByText('Cấp độ dịch (huyện)').click();
    await expect.poll(() => page.locator('[data-testid=situation-map] path.district-level').count()).toBeGreaterThanOrEqual(districts.length);
    expect(await page.locator('[data-testid=situation-map] path.district-fill').count()).toBe(0);

    // The report of the latest day: generated, then downloaded and opened.
    await page.goto(`${baseUrl}/reports?date=${latest}`);
    await page.getByTestId('report-generate').click();
    await expect.poll(() => page.getByTestId('report-docx').isEnabled()).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-docx').click()]);
    expect(download.suggestedFilename()).toBe(`bao-cao-${latest}.docx`);
    const zip = await JSZip.loadAsync(readFileSync((await download.path())!));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const [y, m, d] = latest.split('-');
    expect(xml).toContain('BÁO CÁO');
    expect(xml).toContain(`${d}/${m}/${y}`);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
