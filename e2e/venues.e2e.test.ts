import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseOption as choose, signIn, useDemoServer } from './harness.ts';

describe('venue QR check-in: a venue added by CDC, a phone checking in from its QR URL (real server, headless Chromium)', () => {
  const h = useDemoServer();

  it('adds a venue, opens its check-in URL on a phone-sized page, checks in the first time and again, shows the personal QR, and the venue scans it', async () => {
    const { browser, baseUrl, shotsDir } = h;
    const office = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
    const page = await office.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await signIn(page, baseUrl, 'cdc');

    // CDC adds a market in the menu's "Địa điểm QR".
    await page.getByRole('menuitem', { name: 'Địa điểm QR' }).click();
    await page.waitForURL((u) => new URL(u).pathname === '/venues');
    await page.getByTestId('venue-create').click();
    await page.getByTestId('venue-name').fill('Chợ E2E thử nghiệm');
    await choose(page, 'venue-district');
    await choose(page, 'venue-commune');
    await page.getByTestId('venue-address').fill('Đường số 1');
    await page.getByTestId('venue-submit').click();
    await page.getByTestId('venues-search').locator('input').fill('E2E thu nghiem');
    await page.getByTestId('venues-search').locator('input').press('Enter');
    await page.locator('[data-testid=venues-table] .ant-table-row', { hasText: 'Chợ E2E thử nghiệm' }).waitFor();
    const list = (await (await page.request.get(`${baseUrl}/api/venues?q=e2e`)).json()) as { items: Array<{ id: number }> };
    const venueId = list.items[0]!.id;
    // The QR and its link on screen, as the poster prints them.
    await page.getByTestId(`venue-link-${venueId}`).click();
    const url = (await page.getByTestId('venue-link-url').innerText()).trim();
    expect(url).toMatch(/\/c\/V\d{2}\./);
    await page.screenshot({ path: path.join(shotsDir, 'venue-link.png') });

    // A phone opens the URL of the QR: the first time it gives phone, name, sex and commune.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'vi-VN' });
    const mobile = await phone.newPage();
    mobile.on('pageerror', (e) => pageErrors.push(e.message));
    await mobile.goto(url.replace(/^https?:\/\/[^/]+/, baseUrl));
    await expect.poll(() => mobile.getByTestId('checkin-venue-name').innerText()).toBe('Chợ E2E thử nghiệm');
    await mobile.getByTestId('checkin-phone').fill('0912 777 888');
    await mobile.getByTestId('checkin-name').fill('Trần Thị Khai Báo');
    await mobile.getByText('Nữ', { exact: true }).click();
    await choose(mobile, 'checkin-commune');
    await mobile.getByTestId('checkin-submit').click();
    await mobile.getByTestId('checkin-done').waitFor();
    expect(await mobile.getByTestId('checkin-done').innerText()).toContain('Đã khai báo');
    expect(await mobile.getByTestId('checkin-done-venue').innerText()).toBe('Chợ E2E thử nghiệm');
    await mobile.screenshot({ path: path.join(shotsDir, 'checkin-done.png') });

    // Scanning again: the phone is remembered, one tap; a repeat within 5 minutes is the same check-in.
    await mobile.reload();
    await expect.poll(() => mobile.getByTestId('checkin-venue-name').innerText()).toBe('Chợ E2E thử nghiệm');
    expect(await mobile.locator('body').innerText()).toContain('T.T.K.B.');
    await mobile.getByTestId('checkin-submit').click();
    await mobile.getByTestId('checkin-done').waitFor();
    expect(await mobile.getByTestId('checkin-done').innerText()).toContain('5 phút');

    // Their own page: green, with the personal QR code.
    await mobile.getByTestId('checkin-my-status-link').click();
    await mobile.getByTestId('my-status-green').waitFor();
    expect(await mobile.locator('[data-testid=my-status] canvas').count()).toBe(1);
    await mobile.screenshot({ path: path.join(shotsDir, 'my-status.png') });

    // The office sees the check-in counted today.
    const daily = (await (await page.request.get(`${baseUrl}/api/venues/${venueId}/checkins`)).json()) as { days: Array<{ count: number }> };
    expect(daily.days.at(-1)!.count).toBe(1);

    // At the venue's scan page, the personal code (as a handheld scanner types it) records a check-in and shows green.
    const stored = JSON.parse((await mobile.evaluate(() => localStorage.getItem('epi.checkin.device')))!) as { token: string };
    const status = (await (await mobile.request.get(`${baseUrl}/api/me/status`, { headers: { 'x-device-token': stored.token } })).json()) as { personalCode: string };
    await page.goto(`${baseUrl}/venues/scan?venue=${venueId}`);
    await page.getByTestId('venue-scan-code').fill(status.personalCode);
    await page.getByTestId('venue-scan-code').press('Enter');
    await page.getByTestId('venue-scan-green').waitFor();
    expect(await page.getByTestId('venue-scan-green').innerText()).toContain('T.T.K.B.');
    expect(pageErrors).toEqual([]);
    await phone.close();
    await office.close();
  });
});
