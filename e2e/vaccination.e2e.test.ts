import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseOption, signIn, useDemoServer } from './harness.ts';

interface Found { id: number; fullName: string; dateOfBirth: string | null; doses: Array<{ doseNumber: number; productCode: string; doseDate: string }> }
const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
const vnDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const plusDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('vaccination site staff on a phone', () => {
  const h = useDemoServer();

  it('signs in as the vaccinator, finds a person without accents, is refused below the minimum interval, warned below the advised one, and records dose 2 with a reason', async () => {
    const { browser, baseUrl, shotsDir } = h;
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'vi-VN' });
    const page = await phone.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await signIn(page, baseUrl, 'tiemchung');

    // Someone vaccinated once with AstraZeneca at this site, whose name finds only them.
    const doses = await (await page.request.get(`${baseUrl}/api/vaccination/doses?pageSize=200`)).json() as { items: Array<{ personId: number; fullName: string; doseNumber: number; productCode: string }> };
    let person: Found | undefined;
    for (const d of doses.items.filter((x) => x.doseNumber === 1 && x.productCode === 'astrazeneca').slice(0, 40)) {
      const found = await (await page.request.get(`${baseUrl}/api/vaccination/people?q=${encodeURIComponent(fold(d.fullName))}`)).json() as { items: Found[] };
      const p = found.items.find((x) => x.id === d.personId);
      if (p && p.doses.length === 1 && found.items.filter((x) => x.fullName === p.fullName && x.dateOfBirth === p.dateOfBirth).length === 1) {
        person = p;
        break;
      }
    }
    expect(person, 'a once-vaccinated person at the demo site').toBeDefined();
    const first = person!.doses[0]!.doseDate;
    const label = `${person!.fullName} · ${vnDate(person!.dateOfBirth!)}`;

    await page.goto(`${baseUrl}/ghi-mui-tiem`);
    await page.getByTestId('dose-form').waitFor();
    await chooseOption(page, 'dose-person', label, fold(person!.fullName));
    await page.getByTestId('dose-history').waitFor();
    await expect.poll(() => page.getByTestId('dose-number').inputValue()).toBe('2');

    const setDate = async (iso: string) => {
      const input = page.getByLabel('Ngày tiêm');
      await input.click();
      await input.fill(vnDate(iso));
      await input.press('Enter');
    };
    // 10 days after dose 1: below AstraZeneca's 28-day minimum, refused.
    await setDate(plusDays(first, 10));
    await chooseOption(page, 'dose-lot');
    await expect.poll(() => page.getByTestId('dose-refused').innerText(), { timeout: 15_000 }).toContain('quá sớm');
    expect(await page.getByTestId('dose-submit').isDisabled()).toBe(true);

    // 40 days: allowed, but earlier than the advised 56 days: a warning that needs a reason.
    await setDate(plusDays(first, 40));
    await chooseOption(page, 'dose-lot');
    await expect.poll(() => page.getByTestId('dose-early').innerText(), { timeout: 15_000 }).toContain('sớm hơn khuyến cáo');
    await page.screenshot({ path: path.join(shotsDir, 'dose-early.png'), fullPage: true });
    await page.getByTestId('dose-submit').click();
    await page.getByText('Bắt buộc khi tiêm sớm hơn khoảng cách khuyến cáo').first().waitFor();
    expect(await page.getByTestId('dose-saved').count()).toBe(0);
    await page.getByTestId('dose-reason').fill('Người dân đi công tác xa dài ngày');
    await page.getByTestId('dose-submit').click();
    await expect.poll(() => page.getByTestId('dose-saved').innerText(), { timeout: 15_000 }).toContain('Đã ghi mũi 2');
    await page.screenshot({ path: path.join(shotsDir, 'dose-saved.png') });

    // Recorded at the vaccinator's site with the reason.
    const after = await (await page.request.get(`${baseUrl}/api/vaccination/doses?q=${encodeURIComponent(person!.fullName)}`)).json() as { items: Array<{ personId: number; doseNumber: number; doseDate: string; overrideReason: string | null }> };
    expect(after.items.find((d) => d.personId === person!.id && d.doseNumber === 2)).toMatchObject({ doseDate: plusDays(first, 40), overrideReason: 'Người dân đi công tác xa dài ngày' });
    expect(pageErrors).toEqual([]);
    await phone.close();
  });
});
