import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signIn, useDemoServer } from './harness.ts';

/** Today, and a day some days later, in Vietnam: the dates the forms offer. */
function vietnamDay(offsetDays = 0): { iso: string; typed: string } {
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );
  const [y, m, d] = iso.split('-');
  return { iso, typed: `${d}/${m}/${y}` };
}

/** The input inside a test id (or the element itself when it is the input). */
const inputOf = (page: Page, testId: string) => page.getByTestId(testId).locator('xpath=descendant-or-self::*[self::input or self::textarea]').first();

/**
 * Picks the option with `text` in an Ant Design select: types it (the list is virtual: an option
 * far down is not in the page until filtered), waits until that option is visible (options may
 * still be loading), clicks it, then waits until the select shows it as chosen and its list has
 * closed. A click lost during the opening animation is tried again.
 */
async function pick(page: Page, testId: string, text: string): Promise<void> {
  const select = page.getByTestId(testId);
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  for (let attempt = 0; attempt < 4; attempt++) {
    if ((await open.count()) === 0) {
      await select.click();
      await page.keyboard.type(text);
    }
    const option = open.locator('.ant-select-item-option', { hasText: text }).first();
    await option.waitFor({ state: 'visible', timeout: 15_000 });
    await page.waitForTimeout(150);
    await option.click({ timeout: 5_000 }).catch(() => undefined);
    const chosen = await expect
      .poll(async () => (await select.innerText()).includes(text), { timeout: 4_000 })
      .toBe(true)
      .then(() => true, () => false);
    if (chosen) {
      if ((await open.count()) > 0) await page.keyboard.press('Escape');
      await expect.poll(() => open.count(), { timeout: 5_000 }).toBe(0);
      return;
    }
  }
  throw new Error(`could not pick "${text}" in ${testId}`);
}

/** Types a date into an Ant Design DatePicker and leaves it (Enter would submit the form). */
async function typeDate(page: Page, testId: string, typed: string): Promise<void> {
  const input = inputOf(page, testId);
  await input.click();
  await input.fill(typed);
  await page.keyboard.press('Tab');
  await expect.poll(() => input.inputValue()).toBe(typed);
}

describe('command centre directives: a meeting, its tasks, a progress report, the overdue list and the notice (real server, headless Chromium)', () => {
  const h = useDemoServer();

  it('records a briefing with two conclusions, assigns them to two agencies, takes a report from one and downloads the notice', async () => {
    const { browser, baseUrl, shotsDir } = h;
    const office = await browser.newContext({ viewport: { width: 1440, height: 950 }, locale: 'vi-VN', acceptDownloads: true });
    const page = await office.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await signIn(page, baseUrl, 'vanphong');

    // The command centre's menu entry.
    await page.getByRole('menuitem', { name: /Chỉ đạo điều hành/ }).click();
    await page.waitForURL((u) => new URL(u).pathname === '/directives');
    await page.getByTestId('tasks-table').waitFor();

    // A briefing with two numbered conclusions.
    const stamp = Date.now().toString(36);
    const first = `Kết luận E2E ${stamp} thứ nhất: rà soát toàn bộ nhà trọ công nhân trên địa bàn`;
    const second = `Kết luận E2E ${stamp} thứ hai: kiểm tra công tác phòng dịch tại các khu công nghiệp`;
    await page.getByTestId('directives-tab-meetings').click();
    await page.getByTestId('meeting-create').click();
    await inputOf(page, 'meeting-title').fill(`Hội nghị giao ban trực tuyến E2E ${stamp}`);
    await inputOf(page, 'meeting-chair').fill('Chủ tịch UBND tỉnh');
    await inputOf(page, 'meeting-item-0').fill(first);
    await inputOf(page, 'meeting-item-1').fill(second);
    const createdMeeting = page.waitForResponse((r) => r.url().endsWith('/api/directives/meetings') && r.request().method() === 'POST');
    await page.getByTestId('meeting-submit').click();
    const meetingResponse = await createdMeeting;
    expect(meetingResponse.status(), await meetingResponse.text()).toBe(201);
    const meeting = (await meetingResponse.json()) as { id: number; heldOn: string; items: Array<{ id: number; ordinal: number; text: string }> };
    expect(meeting.items.map((i) => [i.ordinal, i.text])).toEqual([[1, first], [2, second]]);
    await page.waitForURL((u) => new URL(u).pathname === `/directives/meetings/${meeting.id}`);
    await page.getByTestId('meeting-item-card-2').waitFor();

    // A task for each conclusion: the first to Sở Y tế, the second to the industrial parks board.
    const due = vietnamDay(7);
    const assign = async (ordinal: number, title: string, agency: string) => {
      await page.getByTestId(`meeting-item-add-task-${ordinal}`).click();
      await inputOf(page, 'task-title').fill(title);
      await pick(page, 'task-lead', agency);
      await typeDate(page, 'task-due-on', due.typed);
      const created = page.waitForResponse((r) => r.url().endsWith('/api/directives/tasks') && r.request().method() === 'POST');
      await page.getByTestId('task-submit').click();
      const response = await created;
      expect(response.status(), await response.text()).toBe(201);
      const task = (await response.json()) as { id: number; leadAgency: { name: string }; itemOrdinal: number; deadline: unknown; status: string };
      expect(task).toMatchObject({ leadAgency: { name: agency }, itemOrdinal: ordinal, deadline: { kind: 'date', dueOn: due.iso }, status: 'assigned' });
      await page.getByTestId(`meeting-item-tasks-${ordinal}`).getByTestId(`task-link-${task.id}`).waitFor();
      return task;
    };
    const healthTask = await assign(1, `Rà soát nhà trọ công nhân ${stamp}`, 'Sở Y tế');
    const parksTask = await assign(2, `Kiểm tra các khu công nghiệp ${stamp}`, 'Ban Quản lý các khu công nghiệp tỉnh');
    expect(parksTask.id).not.toBe(healthTask.id);
    await page.screenshot({ path: path.join(shotsDir, 'directives-meeting.png'), fullPage: true });

    // Sở Y tế's officer, in a browser of their own, sees its task (not the other agency's) and reports progress with a file.
    const agency = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const officer = await agency.newPage();
    officer.on('pageerror', (e) => pageErrors.push(e.message));
    await signIn(officer, baseUrl, 'soyte');
    // The meeting's tasks only: the agency's demo tasks would push a new one off the first page.
    await officer.goto(`${baseUrl}/directives?state=all&meeting=${meeting.id}`);
    await officer.getByTestId(`task-link-${healthTask.id}`).waitFor();
    expect(await officer.getByTestId(`task-link-${parksTask.id}`).count()).toBe(0);
    await officer.getByTestId(`task-link-${healthTask.id}`).click();
    await officer.getByTestId('report-form').waitFor();
    const reportText = `Đã rà soát 42 nhà trọ, lập danh sách 1.250 công nhân (${stamp})`;
    await inputOf(officer, 'report-text').fill(reportText);
    const percent = inputOf(officer, 'report-percent-input');
    await percent.fill('40');
    await percent.press('Tab');
    await officer
      .getByTestId('report-form')
      .locator('input[type=file]')
      .setInputFiles({ name: 'danh-sach-nha-tro.csv', mimeType: 'text/csv', buffer: Buffer.from('STT,Nhà trọ\n1,Nhà trọ Hoàng Mai\n') });
    await officer.getByText('danh-sach-nha-tro.csv').first().waitFor();
    const reported = officer.waitForResponse((r) => r.url().endsWith(`/api/directives/tasks/${healthTask.id}/reports`) && r.request().method() === 'POST');
    await officer.getByTestId('report-submit').click();
    const reportResponse = await reported;
    expect(reportResponse.status(), await reportResponse.text()).toBe(201);
    const report = (await reportResponse.json()) as { id: number; percent: number; done: boolean; attachments: Array<{ id: number; filename: string; size: number }> };
    expect(report).toMatchObject({ percent: 40, done: false, attachments: [{ filename: 'danh-sach-nha-tro.csv' }] });
    await officer.getByTestId(`task-report-${report.id}`).getByText(reportText).first().waitFor();
    await expect.poll(() => officer.getByTestId('task-status-in_progress').count()).toBeGreaterThan(0);
    await officer.screenshot({ path: path.join(shotsDir, 'directives-report.png'), fullPage: true });
    await agency.close();

    // Back at the command centre: the demo's overdue tasks, all of them shown as overdue.
    const overdue = (await (await page.request.get(`${baseUrl}/api/directives/tasks?state=overdue&pageSize=20`)).json()) as { total: number; items: Array<{ deadlineState: string }> };
    expect(overdue.total).toBeGreaterThan(0);
    expect(overdue.items.every((t) => t.deadlineState === 'overdue')).toBe(true);
    await page.goto(`${baseUrl}/directives?state=overdue`);
    const rows = page.locator('[data-testid=tasks-table] .ant-table-row');
    await expect.poll(() => rows.count()).toBe(Math.min(overdue.total, 20));
    expect(await page.locator('[data-testid=tasks-table] [data-testid=deadline-state-overdue]').count()).toBe(Math.min(overdue.total, 20));
    await expect.poll(() => page.getByTestId('directive-alert-overdue').innerText()).toContain(String(overdue.total));
    await page.getByTestId('menu-directives-badge').waitFor();
    await page.screenshot({ path: path.join(shotsDir, 'directives-overdue.png'), fullPage: true });

    // The report reached the meeting's page, and the notice of conclusions carries both conclusions in order.
    await page.goto(`${baseUrl}/directives/meetings/${meeting.id}`);
    await page.getByTestId('meeting-item-tasks-1').getByText(reportText).first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('meeting-notice').click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const zip = await JSZip.loadAsync(readFileSync((await download.path())!));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('THÔNG BÁO');
    const at1 = text.indexOf(first);
    const at2 = text.indexOf(second);
    expect(at1).toBeGreaterThan(-1);
    expect(at2).toBeGreaterThan(at1);
    expect(text).toContain('Sở Y tế');
    expect(text).toContain('Ban Quản lý các khu công nghiệp tỉnh');

    // Full-text search without accents finds the first conclusion and its task, the matches marked.
    await page.goto(`${baseUrl}/directives?tab=search&q=${encodeURIComponent(`${stamp} ra soat toan bo nha tro`)}`);
    const item = page.getByTestId(`search-hit-item-${meeting.items[0]!.id}`);
    await item.waitFor();
    expect(await item.locator('mark').allInnerTexts()).toEqual(expect.arrayContaining(['rà soát', 'nhà trọ'].flatMap((w) => w.split(' '))));
    expect(await page.getByTestId(`search-hit-item-${meeting.items[1]!.id}`).count()).toBe(0);

    expect(pageErrors).toEqual([]);
    await office.close();
  });
});
