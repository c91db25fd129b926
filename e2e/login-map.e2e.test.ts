import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseOption, useDemoServer } from './harness.ts';

/** Bắc Giang had 10 district-level units in 2021 (1 city, 9 districts). */
const DISTRICTS_OF_BAC_GIANG = 10;

describe('login and province map (real server, headless Chromium)', () => {
  const h = useDemoServer();

  it('signs in as cdc in Vietnamese, draws the 10 districts, switches to English', async () => {
    const { browser, baseUrl, shotsDir } = h;
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
    // The dashboard's figures equal the API's, and a figure opens its list filtered to its days.
    const dash = (await (await page.request.get(`${baseUrl}/api/situation/dashboard`)).json()) as { date: string; cases: { last7Days: { total: number } } };
    await page.getByTestId('dashboard').waitFor();
    expect((await page.getByTestId('fig-week').textContent()) ?? '').toContain(String(dash.cases.last7Days.total));
    await page.getByTestId('fig-week').click();
    await page.waitForURL((u) => new URL(u).pathname === '/cases' && new URL(u).searchParams.get('to') === dash.date);
    await page.goBack();
    await page.getByTestId('dashboard').waitFor();

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

  it('lets the province admin add and lock a user, and edit a person', async () => {
    const { browser, baseUrl } = h;
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const modal = page.locator('.ant-modal:visible').last();
    const field = (label: string) => modal.locator('.ant-form-item', { has: page.locator(`label:text-is("${label}")`) });

    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Tên đăng nhập').fill('admin');
    await page.getByLabel('Mật khẩu').fill('demo2021');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((u) => new URL(u).pathname === '/');

    await page.locator('.ant-menu').getByText('Người dùng', { exact: true }).click();
    await page.getByTestId('user-edit-cdc').waitFor();
    // An admin cannot lock their own account.
    expect(await page.getByTestId('user-lock-admin').isDisabled()).toBe(true);

    const username = `e2e.${Date.now().toString(36)}`;
    await page.getByTestId('user-add').click();
    await field('Tên đăng nhập').locator('input').fill(username);
    await field('Họ và tên').locator('input').fill('Trạm Y tế (e2e)');
    await field('Mật khẩu').locator('input').fill('matkhau-e2e');
    await field('Nhập lại mật khẩu').locator('input').fill('matkhau-e2e');
    await chooseOption(page, field('Vai trò').locator('.ant-select'), 'Trạm Y tế xã');
    // The role allows one scope kind: it is chosen for the admin.
    await field('Loại phạm vi').getByText('Xã', { exact: true }).waitFor();
    await chooseOption(page, field('Huyện / thành phố').locator('.ant-select'), 'Lục Nam', 'luc nam');
    await chooseOption(page, field('Xã / phường').locator('.ant-select'), 'Bắc Lũng', 'bac lung');
    await page.getByTestId('user-form-submit').click();
    await page.getByTestId(`user-lock-${username}`).waitFor();

    await page.getByTestId(`user-lock-${username}`).click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: 'Khoá' }).click();
    await page.getByTestId(`user-unlock-${username}`).waitFor();

    await page.locator('.ant-menu').getByText('Danh sách người', { exact: true }).click();
    await page.locator('[data-testid=people-table] tbody tr.ant-table-row').first().click();
    await page.getByTestId('person-edit').click();
    // 091 is a Vinaphone prefix; not every 09x is a mobile prefix (095 is not).
    const phone = `091${String(Date.now()).slice(-7)}`;
    await field('Điện thoại').locator('input').fill(phone);
    await page.getByTestId('person-edit-save').click();
    // The drawer and the list show the saved value.
    await page.locator('.ant-descriptions-row', { hasText: phone }).waitFor();
    await page.locator('[data-testid=people-table] tbody tr.ant-table-row', { hasText: phone }).waitFor();

    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
