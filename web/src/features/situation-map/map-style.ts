/** Colours and the replay calendar of the situation map: pure, no I/O. */
import type { BedCounts, FacilityPointProperties } from './map-api.ts';

export const LAYERS = ['choropleth', 'levels', 'cases', 'visited', 'quarantine', 'treatment', 'zones', 'boardingHouses', 'checkpoints'] as const;
/** The two district colourings exclude each other; the map opens on the case rate. */
export const DEFAULT_LAYERS: readonly LayerKey[] = ['choropleth', 'cases', 'visited', 'quarantine', 'treatment', 'zones'];

/** Places cases visited while infectious. */
export const VISITED_COLOUR = '#7b1fa2';

/** Turning one district colouring on turns the other off. */
export function withLayers(previous: readonly LayerKey[], next: LayerKey[]): LayerKey[] {
  const added = next.filter((k) => !previous.includes(k));
  if (added.includes('levels')) return next.filter((k) => k !== 'choropleth');
  if (added.includes('choropleth')) return next.filter((k) => k !== 'levels');
  return next;
}
export type LayerKey = (typeof LAYERS)[number];

/** Community cases red, cases found in quarantine blue, imported purple; a commune's count dark red. */
export const CASE_COLOURS: Record<string, string> = { community: '#d32f2f', in_quarantine: '#1565c0', imported: '#6a1b9a', commune: '#8e0000' };

export function caseColour(classification: string | undefined): string {
  return CASE_COLOURS[classification ?? 'commune'] ?? CASE_COLOURS.commune!;
}

/** A facility's fill by how full it is: quarantine places by its alert level, treatment by its beds. */
export function facilityColour(f: Pick<FacilityPointProperties, 'kind' | 'alert' | 'beds'>): string {
  const level = f.kind === 'quarantine' ? f.alert : bedAlert(f.beds);
  return level === 'critical' ? '#c62828' : level === 'warning' ? '#ef6c00' : '#2e7d32';
}

/** Treatment beds: critical when no bed of a kind the facility has is free, warning at 80 % used overall. */
export function bedAlert(beds: { normal: BedCounts; oxygen: BedCounts; icu: BedCounts } | null): 'normal' | 'warning' | 'critical' {
  if (!beds) return 'normal';
  const kinds = [beds.normal, beds.oxygen, beds.icu].filter((b) => b.total > 0);
  if (kinds.some((b) => b.free === 0)) return 'critical';
  const total = kinds.reduce((s, b) => s + b.total, 0), used = kinds.reduce((s, b) => s + b.used, 0);
  return total > 0 && used / total >= 0.8 ? 'warning' : 'normal';
}

/** The radius (px) of a cluster of n cases: grows with the count's logarithm, 8 to 26. */
export function clusterRadius(n: number): number {
  return Math.min(26, 8 + 4 * Math.log2(Math.max(1, n)));
}
