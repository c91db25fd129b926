import type L from 'leaflet';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Popup } from 'react-leaflet';
import type { ApiState } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { FitBounds, MapFrame } from '../../shared/ui/map-frame.tsx';
import { RingLegend } from './ring-legend.tsx';
import { ShapeLayer } from './shape-layer.tsx';
import { DRAW_ORDER, isRingKind, zoneBounds } from './zone-rings.ts';
import { shapeOfRing } from './zone-shapes.ts';
import { ZoneStatusTag } from './zone-tags.tsx';
import type { Zone, ZoneMap, ZoneMapProperties } from './zones-api.ts';

/** A zone to bring into view: a new object on every click, so clicking the same row again refocuses. */
export interface MapFocus {
  zone: Zone;
}

interface Props {
  /** GET /api/zones/map of the list's day (fetched by the page, which reloads it after a change). */
  map: ApiState<ZoneMap>;
  focus: MapFocus | null;
  height: number;
}

/**
 * The rings of the zones in force on the day, nested and coloured (the core on top); a ring's popup
 * names its zone. The zone focused from the table is outlined thicker, or drawn dashed when it is
 * not in force on the day (planned, or ended).
 */
export function ZonesMap({ map, focus, height }: Props) {
  const features = map.data?.features ?? [];
  const focusedId = focus?.zone.id;
  const focusedOnMap = features.some((f) => f.properties.zoneId === focusedId);

  return (
    <>
      {map.error && <ErrorAlert error={map.error} onRetry={map.reload} />}
      <MapFrame height={height} overlay={<RingLegend />} testId="zones-map">
        {(provinceBounds) => (
          <>
            {features.map((f) => (
              <ShapeLayer
                key={`${f.properties.zoneId}-${f.properties.ring}`}
                ring={f.properties.ring}
                shape={{ kind: 'polygon', geometry: f.geometry }}
                focused={f.properties.zoneId === focusedId}
              >
                <Popup>
                  <RingPopup ring={f.properties} />
                </Popup>
              </ShapeLayer>
            ))}
            {focus && !focusedOnMap && <FocusedZoneOutline zone={focus.zone} />}
            <FocusOn focus={focus} provinceBounds={provinceBounds} />
          </>
        )}
      </MapFrame>
    </>
  );
}

function RingPopup({ ring }: { ring: ZoneMapProperties }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div data-testid="zone-popup" style={{ minWidth: 180 }}>
      <div style={{ fontWeight: 600 }}>{ring.name}</div>
      <div>{isRingKind(ring.ring) ? t(`zones.rings.${ring.ring}`) : ring.ring}</div>
      <div>
        {t('zones.decisionNo')}: {ring.decisionNo}
      </div>
      <div>
        {t('zones.startedOn')}: {fmt.date(ring.startedOn)}
        {ring.endedOn && ` – ${t('zones.endedOn')}: ${fmt.date(ring.endedOn)}`}
      </div>
      <div style={{ marginTop: 4 }}>
        <ZoneStatusTag status={ring.status} />
      </div>
    </div>
  );
}

/** A zone not on the day's map (planned or ended), drawn dashed so the click still shows where it is. */
function FocusedZoneOutline({ zone }: { zone: Zone }) {
  const rings = useMemo(() => DRAW_ORDER.flatMap((kind) => zone.rings.filter((r) => r.ring === kind)), [zone]);
  return (
    <>
      {rings.map((r) => (
        <ShapeLayer key={`focused-${zone.id}-${r.ring}`} ring={r.ring} shape={shapeOfRing(r)} focused dashed />
      ))}
    </>
  );
}

/** Zooms to the focused zone, or shows the whole province while none is. */
function FocusOn({ focus, provinceBounds }: { focus: MapFocus | null; provinceBounds: L.LatLngBounds }) {
  // A new focus object on every click: the map zooms back to the zone even after the user moved it.
  const bounds = useMemo(() => (focus ? zoneBounds(focus.zone.rings) : null) ?? provinceBounds, [focus, provinceBounds]);
  return <FitBounds bounds={bounds} />;
}
