import { useTranslation } from 'react-i18next';
import { CircleMarker, Popup } from 'react-leaflet';
import { useFormat } from '../../shared/i18n/format.ts';
import type { FacilityFeature } from './map-api.ts';
import { facilityColour } from './map-style.ts';

/** Quarantine facilities (squares are not in Leaflet's vector set: rings) or treatment facilities (solid), coloured by how full they are. */
export function FacilityLayer({ features }: { features: FacilityFeature[] }) {
  return (
    <>
      {features.map((f) => {
        const [lon, lat] = f.geometry.coordinates as [number, number];
        const p = f.properties;
        const colour = facilityColour(p);
        return (
          <CircleMarker
            key={`${p.kind}-${p.id}`}
            center={[lat, lon]}
            radius={p.kind === 'treatment' ? 9 : 8}
            pathOptions={p.kind === 'treatment'
              ? { color: '#fff', weight: 2, fillColor: colour, fillOpacity: 0.95, className: 'facility-treatment' }
              : { color: colour, weight: 4, fillColor: '#fff', fillOpacity: 0.9, className: 'facility-quarantine' }}
          >
            <Popup><FacilityPopup feature={f} /></Popup>
          </CircleMarker>
        );
      })}
    </>
  );
}

function FacilityPopup({ feature }: { feature: FacilityFeature }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const p = feature.properties;
  return (
    <div data-testid="facility-popup" style={{ minWidth: 180 }}>
      <div style={{ fontWeight: 600 }}>{p.name}</div>
      <div style={{ color: 'rgba(0,0,0,0.55)' }}>{p.districtName}</div>
      {p.kind === 'quarantine' ? (
        <div>{t('situationMap.occupancy', { used: fmt.number(p.used ?? 0), capacity: fmt.number(p.capacity ?? 0) })}</div>
      ) : (
        p.beds && (
          <>
            {p.tier !== null && <div>{t('situationMap.tier', { tier: p.tier })}</div>}
            {(['normal', 'oxygen', 'icu'] as const).filter((k) => p.beds![k].total > 0).map((k) => (
              <div key={k}>{t(`situationMap.beds.${k}`, { used: fmt.number(p.beds![k].used), total: fmt.number(p.beds![k].total) })}</div>
            ))}
          </>
        )
      )}
    </div>
  );
}
