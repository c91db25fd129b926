import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseOption as choose, signIn, useDemoServer } from './harness.ts';

describe('health declaration: a phone declares a symptom, the commune health station calls (real server, headless Chromium)', () => {
  const h = useDemoServer();

  it('fills the public declaration on a phone-sized page with a fever; the commune station sees the person first on its call list and records the call', async () => {
    const { browser, baseUrl, shotsDir } = h;
    const pageErrors: string[] = [];
    // The commune health station's user and its commune.
    const office = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
    const page = await office.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await signIn(page, baseUrl, 'tyt');
    const me = ((await (await page.request.get(`${baseUrl}/api/auth/me`)).json()) as { user: { scope: { code: string; name: string } } }).user;

    // A phone opens the public declaration: Vietnamese, no sign-in.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'vi-VN' });
    const mobile = await phone.newPage();
    mobile.on('pageerror', (e) => pageErrors.push(e.message));
    await mobile.goto(`${baseUrl}/khai-bao-y-te`);
    await mobile.getByTestId('declaration-form').waitFor();
    expect(await mobile.locator('body').innerText()).toContain('Tờ khai y tế');
    await mobile.getByTestId('declaration-name').fill('Đỗ Thị Khai Báo');
    await mobile.getByTestId('declaration-phone').fill('0987 654 321');
    await mobile.getByText('Nữ', { exact: true }).click();
    await choose(mobile, 'declaration-commune', me.scope.name, me.scope.name);
    await mobile.getByText('Sốt', { exact: true }).click();
    expect(await mobile.getByTestId('declaration-symptom-fever').isChecked()).toBe(true);
    // Nothing overflows the phone's width.
    expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await mobile.screenshot({ path: path.join(shotsDir, 'declaration-form.png'), fullPage: true });
    await mobile.getByTestId('declaration-submit').click();
    await mobile.getByTestId('declaration-done').waitFor();
    expect(await mobile.getByTestId('declaration-done').innerText()).toContain('Trạm y tế');

    // The station's call list: still to call first, the oldest first; the new declaration is on it.
    await page.getByRole('menuitem', { name: 'Người đến, khai báo y tế' }).click();
    await page.getByTestId('arrivals-tab-calls').click();
    await page.waitForURL((u) => new URL(u).pathname === '/arrivals/calls');
    await page.getByTestId('calls-search').locator('input').fill('Do Thi Khai Bao');
    await page.getByTestId('calls-search').locator('input').press('Enter');
    const row = page.locator('[data-testid=calls-table] .ant-table-row', { hasText: 'Đỗ Thị Khai Báo' });
    await row.waitFor();
    expect(await row.innerText()).toContain('Sốt');
    expect(await row.innerText()).toContain('Chưa gọi');

    // Not reached: it stays, with one attempt; then referred to testing: it leaves the list.
    await row.getByRole('button', { name: 'Ghi kết quả gọi' }).click();
    await page.getByTestId('call-outcome-not_reached').click();
    await page.getByTestId('call-submit').click();
    await expect.poll(() => row.innerText()).toContain('Gọi chưa được');
    expect(await row.innerText()).toContain('Số lần gọi: 1');
    await row.getByRole('button', { name: 'Ghi kết quả gọi' }).click();
    await page.getByTestId('call-outcome-referred').click();
    await page.getByTestId('call-submit').click();
    await expect.poll(() => page.locator('[data-testid=calls-table] .ant-table-row', { hasText: 'Đỗ Thị Khai Báo' }).count()).toBe(0);
    await page.getByText('Đã xử lý', { exact: true }).click();
    await page.locator('[data-testid=calls-table] .ant-table-row', { hasText: 'Đỗ Thị Khai Báo' }).waitFor();
    expect(await page.locator('[data-testid=calls-table] .ant-table-row', { hasText: 'Đỗ Thị Khai Báo' }).innerText()).toContain('Đã chuyển xét nghiệm');
    await page.screenshot({ path: path.join(shotsDir, 'call-list.png') });
    expect(pageErrors).toEqual([]);
    await phone.close();
    await office.close();
  });
});
