import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeWorkerSheet } from '../src/modules/enterprises/enterprises.xlsx.ts';
import { signIn, useDemoServer } from './harness.ts';

const h = useDemoServer();

describe('enterprises and workers (real server, headless Chromium)', () => {
  it('an enterprise user imports its worker list: upload, preview, commit, then a worker\'s history', async () => {
    const page = await h.browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'vi-VN' });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await signIn(page, h.baseUrl, 'doanhnghiep');
    // The menu's enterprises page takes an enterprise user straight to its own.
    await page.goto(`${h.baseUrl}/enterprises`);
    await page.waitForURL(/\/enterprises\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const structure = (await (await page.request.get(`${h.baseUrl}/api/enterprises/${id}/structure`)).json()) as { workshops: Array<{ name: string }>; shifts: Array<{ name: string }> };
    const detail = (await (await page.request.get(`${h.baseUrl}/api/enterprises/${id}`)).json()) as { communeCode: string };
    const file = await writeWorkerSheet([1, 2, 3].map((n) => ({
      employeeCode: `E2E${n}`, fullName: `Trần Thị Thử ${String.fromCharCode(64 + n)}`, sex: 'female', dateOfBirth: `1998-0${n}-15`,
      nationalId: `0241980990${String(n).padStart(2, '0')}`, phone: `03999000${String(n).padStart(2, '0')}`, communeCode: detail.communeCode, addressDetail: 'Thôn Thử',
      workshop: structure.workshops[0]!.name, shift: structure.shifts[0]!.name, commuteMode: 'motorbike', busRoute: null, lodging: null, room: null,
      homeAddress: null, employedFrom: '2021-05-03', employedTo: null,
    })));

    await page.getByRole('tab', { name: 'Công nhân' }).click();
    await page.getByTestId('workers-import').click();
    await page.locator('.ant-modal input[type=file]').setInputFiles({ name: 'cong-nhan.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
    await page.getByTestId('workers-import-preview').waitFor();
    expect(await page.getByTestId('workers-import-preview').innerText()).toContain('Thêm mới 3');
    await page.screenshot({ path: path.join(h.shotsDir, 'workers-import-preview.png') });
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('workers-import-preview').waitFor({ state: 'hidden' });

    const search = page.getByTestId('workers-search').locator('xpath=descendant-or-self::input').first();
    await search.fill('E2E2');
    await search.press('Enter');
    const row = page.getByTestId('workers-table').locator('tbody tr.ant-table-row', { hasText: 'E2E2' });
    await row.waitFor();
    await row.click();
    await page.getByTestId('worker-history').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('worker-history').innerText()).toContain(structure.shifts[0]!.name);
    await page.screenshot({ path: path.join(h.shotsDir, 'worker-history.png') });
    // An import confirms the list: no reminder on the overview.
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Tổng quan' }).click();
    expect(await page.getByTestId('enterprise-stale-banner').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('the park board sees its park\'s enterprises with their freshness; CDC filters the stale ones', async () => {
    const page = await h.browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'vi-VN' });
    await signIn(page, h.baseUrl, 'kcn');
    await page.goto(`${h.baseUrl}/enterprises`);
    await page.getByTestId('enterprises-table').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('freshness-tag').count()).toBeGreaterThan(0);
    await page.getByTestId('enterprises-stale').click();
    await page.waitForURL(/stale=true/);
    await page.getByTestId('enterprises-table').locator('tbody tr.ant-table-row').first().waitFor();
    // The previous page's rows stay while the filtered list loads.
    await expect.poll(async () => (await page.getByTestId('freshness-tag').allInnerTexts()).every((x) => /Quá hạn|Chưa xác nhận/.test(x)), { timeout: 15_000 }).toBe(true);
    await page.screenshot({ path: path.join(h.shotsDir, 'enterprises-stale.png') });
  });
});
