import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n/format.ts';
import { LEVEL_COLOURS } from '../../shared/ui/level-tag.tsx';
import { MapLegendBox } from '../../shared/ui/map-legend-box.tsx';

const LEVELS = [1, 2, 3, 4] as const;
import type { ColourClass } from '../../shared/map/choropleth.ts';
import { RING_KINDS, RingSwatch } from '../../shared/map/rings.tsx';
import { CASE_COLOURS, type LayerKey, VISITED_COLOUR } from './map-style.ts';
import { BOARDING_HOUSE_COLOURS } from './boarding-house-layer.tsx';
import { CHECKPOINT_COLOURS } from './checkpoint-layer.tsx';

const dot = (colour: string, hollow = false) => (
  <span style={{ display: 'inline-block', width: 12, height: 12, borderRadius: '50%', marginInlineEnd: 6, background: hollow ? '#fff' : colour, border: `${hollow ? 3 : 1}px solid ${hollow ? colour : '#fff'}` }} />
);
const box = (colour: string) => <span style={{ display: 'inline-block', width: 14, height: 10, background: colour, marginInlineEnd: 6, border: '1px solid #bbb' }} />;

/** What the colours of the layers shown mean. */
export function SituationLegend({ layers, classes }: { layers: LayerKey[]; classes: ColourClass[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <MapLegendBox testId="situation-legend">
      {layers.includes('cases') && (['community', 'in_quarantine', 'imported'] as const).map((k) => (
        <div key={k}>{dot(CASE_COLOURS[k]!)}{t(`situationMap.classification.${k}`)}</div>
      ))}
      {layers.includes('visited') && <div>{box(VISITED_COLOUR)}{t('situationMap.layers.visited')}</div>}
      {layers.includes('quarantine') && <div>{dot('#2e7d32', true)}{t('situationMap.layers.quarantine')}</div>}
      {layers.includes('treatment') && <div>{dot('#2e7d32')}{t('situationMap.layers.treatment')}</div>}
      {(layers.includes('quarantine') || layers.includes('treatment')) && <div style={{ fontSize: 11, color: 'rgba(0,0,0,0.55)' }}>{t('situationMap.fullness')}</div>}
      {layers.includes('zones') && RING_KINDS.map((r) => <div key={r}><RingSwatch ring={r} />{t(`zones.rings.${r}`)}</div>)}
      {layers.includes('boardingHouses') && (['meets', 'not_meets', 'unassessed'] as const).map((k) => <div key={`bh-${k}`}>{dot(BOARDING_HOUSE_COLOURS[k])}{t('situationMap.layers.boardingHouses')}: {t(`boardingHouses.smart.${k}`)}</div>)}
      {layers.includes('checkpoints') && (['active', 'inactive'] as const).map((k) => <div key={`cp-${k}`}>{dot(CHECKPOINT_COLOURS[k])}{t('situationMap.layers.checkpoints')}{k === 'inactive' ? ` (${t('arrivals.checkpoints.statuses.suspended')})` : ''}</div>)}
      {layers.includes('levels') && (
        <>
          <div style={{ fontWeight: 600, marginTop: 4 }}>{t('situationMap.levelsTitle')}</div>
          {LEVELS.map((l) => <div key={l}>{box(LEVEL_COLOURS[l])}{t('levels.level', { level: l })}</div>)}
        </>
      )}
      {classes.length > 0 && (
        <>
          <div style={{ fontWeight: 600, marginTop: 4 }}>{t('situationMap.per100kTitle')}</div>
          {classes.map((c) => <div key={c.to}>{box(c.colour)}{c.from === 0 ? '> 0' : fmt.number(c.from)} – {fmt.number(c.to)}</div>)}
        </>
      )}
    </MapLegendBox>
  );
}
