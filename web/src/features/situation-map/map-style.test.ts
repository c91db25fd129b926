import { describe, expect, it } from 'vitest';
import { clusterIndex, clustersIn } from './case-clusters.ts';
import type { CaseLayer } from './map-api.ts';
import { bedAlert, caseColour, clusterRadius, facilityColour, withLayers } from './map-style.ts';

const beds = (normal: [number, number], oxygen: [number, number], icu: [number, number]) => {
  const c = ([total, used]: [number, number]) => ({ total, used, free: Math.max(0, total - used) });
  return { normal: c(normal), oxygen: c(oxygen), icu: c(icu) };
};

describe('situation map styles', () => {
  it('colours cases by classification and a commune point apart', () => {
    expect(caseColour('community')).toBe('#d32f2f');
    expect(caseColour('in_quarantine')).toBe('#1565c0');
    expect(caseColour(undefined)).toBe('#8e0000');
    expect(caseColour('unknown')).toBe('#8e0000');
  });
  it('rates treatment beds: a full kind is critical, 80 % overall a warning, kinds a facility lacks ignored', () => {
    expect(bedAlert(beds([10, 5], [0, 0], [0, 0]))).toBe('normal');
    expect(bedAlert(beds([10, 8], [0, 0], [0, 0]))).toBe('warning');
    expect(bedAlert(beds([10, 2], [4, 4], [0, 0]))).toBe('critical');
    expect(bedAlert(null)).toBe('normal');
    expect(facilityColour({ kind: 'quarantine', alert: 'critical', beds: null })).toBe('#c62828');
    expect(facilityColour({ kind: 'treatment', alert: null, beds: beds([10, 9], [0, 0], [0, 0]) })).toBe('#ef6c00');
  });
  it('keeps one district colouring at a time', () => {
    expect(withLayers(['choropleth', 'cases'], ['choropleth', 'cases', 'levels'])).toEqual(['cases', 'levels']);
    expect(withLayers(['levels'], ['levels', 'choropleth'])).toEqual(['choropleth']);
    expect(withLayers(['levels', 'cases'], ['levels'])).toEqual(['levels']);
  });
  it('grows a cluster with the log of its count, within bounds', () => {
    expect(clusterRadius(1)).toBe(8);
    expect(clusterRadius(4)).toBe(16);
    expect(clusterRadius(1_000_000)).toBe(26);
  });
});

describe('case clusters', () => {
  const layer: CaseLayer = {
    type: 'FeatureCollection', date: '2021-06-06', days: 14, total: 4, unlocated: 0, individual: true,
    features: [
      { type: 'Feature', geometry: { type: 'Point', coordinates: [106.07, 21.23] }, properties: { count: 1, caseId: 1, caseCode: 'BN1' } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [106.0701, 21.2301] }, properties: { count: 1, caseId: 2, caseCode: 'BN2' } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [106.6, 21.4] }, properties: { count: 1, caseId: 3, caseCode: 'BN3' } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [106.3, 21.3] }, properties: { count: 5, communeCode: '07801' } },
    ],
  };
  const index = clusterIndex(layer);
  const box: [number, number, number, number] = [105, 20, 108, 23];

  it('groups near cases at the province zoom, summing counts, and splits them when zoomed in', () => {
    const far = clustersIn(index, box, 9);
    expect(far.reduce((s, p) => s + p.count, 0)).toBe(8);
    const pair = far.find((p) => p.single === null)!;
    expect(pair.count).toBe(2);
    expect(pair.expansionZoom).toBeGreaterThan(9);
    const near = clustersIn(index, box, 18);
    expect(near.filter((p) => p.single).map((p) => p.single!.caseCode ?? p.single!.communeCode).sort()).toEqual(['07801', 'BN1', 'BN2', 'BN3']);
  });
});
