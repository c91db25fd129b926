import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseOption as choose, signIn, useDemoServer } from './harness.ts';

describe('lockdown zones and the epidemic map: drawing a zone, sampling it, lifting it, the map layers (real server, headless Chromium)', () => {
  const h = useDemoServer();

  it('shows the demo zones, draws a new one with two rings, samples its residents in a round and lifts it', async () => {
    const { browser, baseUrl, shotsDir } = h;
    const context = await browser.newContext({ viewport: { width: 1440, height: 950 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await signIn(page, baseUrl, 'cdc');

    // The demo's zones, and their rings on the map on a day of the wave.
    await page.goto(`${baseUrl}/zones`);
    await page.locator('[data-testid=zones-table] .ant-table-row').first().waitFor();
    const demoZones = await page.locator('[data-testid=zones-table] .ant-table-row').count();
    expect(demoZones).toBeGreaterThan(0);
    // The first day of the newest demo zone: its three rings (at least) are on the map.
    const newest = ((await (await page.request.get(`${baseUrl}/api/zones?pageSize=1`)).json()) as { items: Array<{ startedOn: string }> }).items[0]!;
    const mapped = (await (await page.request.get(`${baseUrl}/api/zones/map?asOf=${newest.startedOn}`)).json()) as { features: unknown[] };
    expect(mapped.features.length).toBeGreaterThanOrEqual(3);
    await page.goto(`${baseUrl}/zones?asOf=${newest.startedOn}`);
    await page.locator('[data-testid=zones-table] .ant-table-row').first().waitFor();
    await expect.poll(() => page.locator('[data-testid=zones-map] path.leaflet-interactive').count()).toBeGreaterThanOrEqual(mapped.features.length);
    await page.getByTestId('zones-legend').waitFor();
    await page.screenshot({ path: path.join(shotsDir, 'zones-map.png') });

    // A new zone: the core a circle, the buffer a rectangle around it, the core's area a village.
    await page.goto(`${baseUrl}/zones`);
    await page.getByTestId('zone-create').click();
    const map = page.getByTestId('zone-draw-map').locator('.leaflet-container');
    await map.waitFor();
    // The outline drawn and the map done fitting it (clicks during the zoom animation are lost).
    await page.getByTestId('zone-draw-map').locator('path').first().waitFor();
    await page.waitForTimeout(800);
    const box = (await map.boundingBox())!;
    const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
    /** Geoman follows the pointer between clicks: move there in steps, then click. */
    const clickAt = async (x: number, y: number) => {
      await page.mouse.move(x, y, { steps: 5 });
      await page.mouse.click(x, y);
    };
    await page.locator('.leaflet-pm-icon-circle').click();
    await clickAt(cx, cy);
    await clickAt(cx + 12, cy);
    await expect.poll(() => page.getByTestId('zone-shape-core').innerText()).not.toContain('Chưa vẽ');
    await page.getByTestId('zone-name').fill('Thôn E2E, vùng thử');
    await page.getByTestId('zone-decision-no').fill('999/QĐ-E2E');
    await choose(page, 'zone-area-core-0-district');
    await choose(page, 'zone-area-core-0-commune');
    await choose(page, 'zone-area-core-0-village');
    await page.getByTestId('zone-ring-add-buffer').click();
    await page.locator('.leaflet-pm-icon-rectangle').click();
    await clickAt(cx - 40, cy - 40);
    await clickAt(cx + 50, cy + 40);
    await expect.poll(() => page.getByTestId('zone-shape-buffer').innerText()).not.toContain('Chưa vẽ');
    await page.screenshot({ path: path.join(shotsDir, 'zone-drawn.png') });
    const created = page.waitForResponse((r) => r.url().endsWith('/api/zones') && r.request().method() === 'POST');
    await page.getByTestId('zone-submit').click();
    const response = await created;
    expect(response.status(), await response.text()).toBe(201);
    const zone = (await response.json()) as { id: number; residents: number; rings: Array<{ ring: string; circle: unknown }> };
    expect(zone.rings.map((r) => r.ring)).toEqual(['buffer', 'core']);
    expect(zone.rings[1]!.circle).not.toBeNull();
    expect(zone.residents).toBeGreaterThan(0);
    await page.getByTestId(`zone-end-${zone.id}`).waitFor();

    // A pooled round for the zone's residents.
    await page.goto(`${baseUrl}/testing`);
    await page.getByTestId('round-create').click();
    await choose(page, 'round-target-kind', 'Vùng phong toả');
    await choose(page, 'round-zone', 'Thôn E2E');
    await choose(page, 'round-method', 'RT-PCR gộp');
    await choose(page, 'round-risk', 'Nguy cơ cao (gộp 5)');
    await page.getByTestId('round-submit').click();
    await page.getByTestId('round-detail').waitFor();
    const roundId = Number(/\/(\d+)$/.exec(new URL(page.url()).pathname)?.[1]);
    const round = await (await page.request.get(`${baseUrl}/api/testing/rounds/${roundId}`)).json();
    expect(round).toMatchObject({ targetKind: 'lockdown_zone', targetZoneId: zone.id, targetLabel: 'Thôn E2E, vùng thử', expected: zone.residents });

    // Lifted today, with the reason.
    await page.goto(`${baseUrl}/zones`);
    await page.getByTestId(`zone-end-${zone.id}`).click();
    await page.getByTestId('zone-end-reason').fill('14 ngày không có ca mới');
    await page.getByTestId('zone-end-submit').click();
    await expect.poll(async () => ((await (await page.request.get(`${baseUrl}/api/zones/${zone.id}`)).json()) as { status: string }).status).toBe('ended');
    await page.screenshot({ path: path.join(shotsDir, 'zone-ended.png') });

    // The epidemic map: districts by cases per 100,000, the cases of the last 14 days, facilities and rings.
    await page.goto(`${baseUrl}/map`);
    await page.getByTestId('situation-legend').waitFor();
    const layer = (await (await page.request.get(`${baseUrl}/api/situation/map/cases?days=14`)).json()) as { total: number; unlocated: number };
    expect(layer.total).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid=situation-map] path.district-fill').count()).toBeGreaterThan(5);
    await expect.poll(async () => (await page.locator('[data-testid=situation-map] .case-cluster').count()) + (await page.locator('[data-testid=situation-map] path.case-point').count())).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(shotsDir, 'situation-map.png') });
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
