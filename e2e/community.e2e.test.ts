import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { signIn, useDemoServer } from './harness.ts';

describe('community team on a phone', () => {
  const h = useDemoServer();

  it('signs in as the community team, opens a task on /to-covid, completes it and sees it done', async () => {
    const { browser, baseUrl, shotsDir } = h;
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'vi-VN' });
    const page = await phone.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await signIn(page, baseUrl, 'tocovid');
    await page.goto(`${baseUrl}/to-covid`);
    await page.getByTestId('to-covid-summary').waitFor();

    // A home-quarantine check when the commune has one, else the first task (overdue first).
    const cards = page.locator('[data-testid^="to-covid-task-"]');
    await cards.first().waitFor();
    const homeChecks = cards.filter({ hasText: 'Kiểm tra cách ly tại nhà' });
    const card = (await homeChecks.count()) > 0 ? homeChecks.first() : cards.first();
    const id = (await card.getAttribute('data-testid'))!.replace('to-covid-task-', '');
    await page.screenshot({ path: path.join(shotsDir, 'to-covid-list.png') });

    await page.getByTestId(`to-covid-open-${id}`).click();
    await page.getByTestId('to-covid-task').waitFor();
    await page.getByTestId('task-result-met').click();
    await page.getByTestId('task-complete-submit').click();

    // Back on the list: the task is among those done, and no longer open.
    await page.getByTestId(`to-covid-done-${id}`).waitFor();
    expect(await page.getByTestId(`to-covid-task-${id}`).count()).toBe(0);
    await expect.poll(() => page.getByTestId(`to-covid-done-${id}`).innerText()).toContain('Đã gặp, bình thường');
    await page.screenshot({ path: path.join(shotsDir, 'to-covid-done.png') });
    expect(pageErrors).toEqual([]);
    await phone.close();
  });
});
