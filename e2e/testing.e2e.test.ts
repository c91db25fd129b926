import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseOption as choose, signIn, useDemoServer } from './harness.ts';

describe('testing: a pooled round, sampling, a lab file and the re-tests (real server, headless Chromium)', () => {
  const h = useDemoServer();

  it('creates a round, samples ten people into two pools, imports a file with one positive pool and sees its re-tests', async () => {
    const { browser, baseUrl, shotsDir } = h;
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await signIn(page, baseUrl, 'cdc');

    // Ten people of the demo register.
    const list = await page.request.get(`${baseUrl}/api/people?pageSize=10&page=3`);
    expect(list.ok()).toBe(true);
    const listed = ((await list.json()) as { items: Array<{ id: number; fullName: string }> }).items;
    const people = listed.map((p) => p.id);
    expect(people).toHaveLength(10);

    await page.goto(`${baseUrl}/testing`);
    await page.getByTestId('round-create').click();
    await choose(page, 'round-target-kind', 'Danh sách');
    await page.getByTestId('round-person-ids').fill(people.join(', '));
    await page.getByTestId('round-label').fill('Công nhân xưởng E2E');
    await choose(page, 'round-method', 'RT-PCR gộp');
    await choose(page, 'round-risk', 'Nguy cơ cao (gộp 5)');
    await page.getByTestId('round-submit').click();
    await page.getByTestId('round-detail').waitFor();

    // The phone-sized sampling page: five people per pool barcode.
    await page.getByTestId('round-sample-link').click();
    await page.setViewportSize({ width: 390, height: 844 });
    // Without a QR code, the team finds the first person by name.
    const search = page.getByTestId('sample-search').locator('xpath=descendant-or-self::input').first();
    await search.fill(listed[0]!.fullName);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: String(people[0]) }).first().click();
    expect(await page.getByTestId('sample-person').locator('xpath=descendant-or-self::input').first().inputValue()).toBe(String(people[0]));
    for (const [i, personId] of people.entries()) {
      await page.getByTestId('sample-person').locator('xpath=descendant-or-self::input').first().fill(String(personId));
      await page.getByTestId('sample-barcode').locator('xpath=descendant-or-self::input').first().fill(i < 5 ? 'E2E-GOP-1' : 'E2E-GOP-2');
      await page.getByTestId('sample-submit').click();
      await expect.poll(async () => (await page.getByTestId('sample-ok').textContent()) ?? '').toContain(String(personId));
    }
    await page.screenshot({ path: path.join(shotsDir, 'sampling-phone.png') });
    await page.setViewportSize({ width: 1366, height: 900 });

    // The lab's file, dated today (the round was sampled today): the first pool positive, the second negative.
    const today = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
    const csv = path.join(shotsDir, 'ket-qua.csv');
    writeFileSync(csv, `Mã ống,Kết quả,Ct,Ngày xét nghiệm\nE2E-GOP-1,Dương tính,25.1,${today}\nE2E-GOP-2,Âm tính,,${today}\n`);
    await page.goto(`${baseUrl}/testing?tab=lab`);
    await page.getByTestId('lab-upload').locator('input[type=file]').setInputFiles(csv);
    const result = page.getByTestId('lab-result');
    await result.waitFor();
    expect(await result.getAttribute('data-status')).toBe('applied');

    // The re-tests: one per member of the positive pool, none for the negative one.
    await page.goto(`${baseUrl}/testing?tab=retests`);
    const rows = page.getByTestId('retests-table').locator('tr.ant-table-row', { hasText: 'E2E-GOP-1' });
    await expect.poll(async () => rows.count()).toBe(5);
    await page.screenshot({ path: path.join(shotsDir, 'retests.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
