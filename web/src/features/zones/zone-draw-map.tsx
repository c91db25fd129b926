import { Segmented, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FitBounds, MapFrame } from '../../shared/ui/map-frame.tsx';
import { RingDrawControls } from './ring-draw-controls.tsx';
import { RingLegend } from './ring-legend.tsx';
import { ShapeLayer } from './shape-layer.tsx';
import { DRAW_ORDER } from './zone-rings.ts';
import type { DrawnShape } from './zone-shapes.ts';
import { RingSwatch } from '../../shared/map/rings.tsx';
import type { RingKind } from './zones-api.ts';

interface Props {
  /** The zone's rings, core first. */
  rings: readonly RingKind[];
  shapes: Partial<Record<RingKind, DrawnShape | null | undefined>>;
  /** [[south, west], [north, east]] to open on (the saved rings); null: the whole province. */
  openAt: [[number, number], [number, number]] | null;
  /** The ring the toolbar draws. */
  active: RingKind;
  onActive: (ring: RingKind) => void;
  onShape: (ring: RingKind, shape: DrawnShape | null) => void;
  height: number;
}

/**
 * The map of the zone form: the ring chosen above it is drawn with geoman's toolbar (one shape per
 * ring: drawing again replaces it), the other rings are shown dashed to draw around.
 */
export function ZoneDrawMap({ rings, shapes, openAt, active, onActive, onShape, height }: Props) {
  const { t } = useTranslation();
  const others = DRAW_ORDER.flatMap((r) => {
    const shape = shapes[r];
    return r !== active && rings.includes(r) && shape ? [{ ring: r, shape }] : [];
  });

  return (
    <div data-testid="zone-draw-map">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginBottom: 8 }}>
        <span>{t('zones.draw.drawing')}</span>
        <Segmented<RingKind>
          value={active}
          onChange={onActive}
          options={rings.map((r) => ({
            value: r,
            label: (
              <span data-testid={`zone-draw-ring-${r}`}>
                <RingSwatch ring={r} />
                {t(`zones.rings.${r}`)}
              </span>
            ),
          }))}
        />
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {t('zones.draw.hint')}
      </Typography.Paragraph>
      <MapFrame height={height} overlay={<RingLegend />}>
        {(provinceBounds) => (
          <>
            <FitBounds bounds={openAt ?? provinceBounds} />
            {others.map((o) => (
              <ShapeLayer key={o.ring} ring={o.ring} shape={o.shape} dashed />
            ))}
            <RingDrawControls key={active} ring={active} shape={shapes[active] ?? null} onChange={(shape) => onShape(active, shape)} />
          </>
        )}
      </MapFrame>
    </div>
  );
}
