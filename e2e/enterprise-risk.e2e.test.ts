import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { signIn, useDemoServer } from './harness.ts';

const h = useDemoServer();

describe('enterprise risk self-assessment (QĐ 2194)', () => {
  it('an enterprise fills in the week\'s form on a phone, with the index shown as it goes', async () => {
    const context = await h.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, h.baseUrl, 'doanhnghiep');
    await page.goto(`${h.baseUrl}/enterprise-risk`);
    await page.getByTestId('risk-form').waitFor();
    // The demo enterprise's size option is chosen from its worker list; the rest start empty this week.
    for (const code of ['cs02', 'cs03', 'cs04', 'cs05', 'cs06', 'cs07', 'cs08', 'cs09', 'cs10', 'cs11', 'cs12', 'cs13', 'cs14', 'cs15']) {
      await page.getByTestId(`risk-indicator-${code}`).locator('.ant-radio-wrapper').first().click();
    }
    await page.getByTestId('risk-indicator-cs03').locator('.ant-radio-wrapper').last().click();
    await expect.poll(() => page.getByTestId('risk-preview-index').textContent(), { timeout: 10_000 }).toMatch(/%/);
    await page.screenshot({ path: path.join(h.shotsDir, 'risk-form-phone.png') });
    await page.getByTestId('risk-submit').click();
    await page.getByTestId('risk-history').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('risk-history').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(1);
    await context.close();
  });

  it('CDC ranks the enterprises, lists who has not submitted and maps them by band', async () => {
    const page = await h.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signIn(page, h.baseUrl, 'cdc');
    await page.goto(`${h.baseUrl}/enterprise-risk?period=2021-W23`);
    const rows = page.getByTestId('risk-ranking').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    const scores = await rows.evaluateAll((trs) => trs.map((tr) => Number((tr.children[4]?.textContent ?? '').replace(/[^\d,]/g, '').replace(',', '.'))));
    expect(scores.length).toBeGreaterThan(0);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    await page.screenshot({ path: path.join(h.shotsDir, 'risk-ranking.png') });
    await page.getByRole('tab', { name: /Chưa nộp/ }).click();
    await page.getByTestId('risk-missing').locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByRole('tab', { name: 'Bản đồ' }).click();
    await page.locator('.risk-point').first().waitFor();
    await page.screenshot({ path: path.join(h.shotsDir, 'risk-map.png') });
    await page.close();
  });
});
