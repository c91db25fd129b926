/** What every browser test needs: Debian's Chromium, the run's demo server (global-setup.ts), signing in, Ant selects. */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';

export { repoRoot } from './paths.ts';
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: \`apt-get install -y chromium\` or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface Harness {
  readonly browser: Browser;
  readonly baseUrl: string;
  readonly shotsDir: string;
}

/**
 * Registers beforeAll/afterAll that start Chromium for the file and stop it afterwards; the
 * demo server is the run's one (e2e/global-setup.ts).
 */
export function useDemoServer(): Harness {
  let browser: Browser | undefined;
  const baseUrl = inject('e2eBaseUrl');
  const shotsDir = mkdtempSync(path.join(tmpdir(), 'epi-e2e-shots-'));

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  return {
    get browser() {
      if (!browser) throw new Error('setup failed: no browser');
      return browser;
    },
    baseUrl,
    shotsDir,
  };
}

/** Signs in through the login page (Vietnamese labels) and waits for the overview. */
export async function signIn(page: Page, baseUrl: string, username: string, password = 'demo2021'): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((u) => new URL(u).pathname === '/');
}

/**
 * Picks an option of an Ant Design select (its test id, or a locator) by its visible text, the first
 * option when none is given. The list animates open and its options may still be loading, and a click
 * during the animation can be lost: wait for the option, click, and wait for the list to close,
 * clicking again if it did not. On a busy machine this takes seconds, not the 1 s of a default poll.
 */
export async function chooseOption(page: Page, select: string | Locator, option?: string, typed?: string): Promise<void> {
  await (typeof select === 'string' ? page.getByTestId(select) : select).click();
  if (typed) await page.keyboard.type(typed);
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  for (let attempt = 0; attempt < 3; attempt++) {
    const item = open.locator('.ant-select-item-option', option ? { hasText: option } : {}).first();
    await item.waitFor({ timeout: 15_000 });
    await page.waitForTimeout(200);
    await item.click({ timeout: 5_000 }).catch(() => undefined);
    const closed = await expect.poll(() => open.count(), { timeout: 4_000 }).toBe(0).then(() => true, () => false);
    if (closed) return;
  }
  throw new Error(`could not pick "${option ?? 'the first option'}"`);
}
