import { useTranslation } from 'react-i18next';
import { CircleMarker, Popup } from 'react-leaflet';
import { withQuery } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';

/** Checkpoints: active dark blue, suspended or closed grey. */
export const CHECKPOINT_COLOURS = { active: '#0d47a1', inactive: '#9e9e9e' } as const;

interface CheckpointMap {
  features: Array<{
    geometry: { coordinates: [number, number] };
    properties: { id: number; name: string; road: string | null; status: 'active' | 'suspended' | 'closed'; districtName: string | null; arrivals7d: number; fromEpidemic7d: number };
  }>;
}

/** The checkpoints with the arrivals logged there in the 7 days to the map's day; no one named. */
export function CheckpointLayer({ date }: { date: string | undefined }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const points = useApi<CheckpointMap>(withQuery('/api/arrivals/checkpoints/map', { date }));
  return (
    <>
      {(points.data?.features ?? []).map((f) => {
        const [lon, lat] = f.geometry.coordinates;
        const p = f.properties;
        return (
          <CircleMarker key={`cp-${p.id}`} center={[lat, lon]} radius={7}
            pathOptions={{ color: '#fff', weight: 2, fillColor: p.status === 'active' ? CHECKPOINT_COLOURS.active : CHECKPOINT_COLOURS.inactive, fillOpacity: 0.95, className: 'checkpoint' }}>
            <Popup>
              <div data-testid="checkpoint-popup">
                <div style={{ fontWeight: 600 }}>{p.name}</div>
                <div>{[p.road, p.districtName].filter(Boolean).join(' · ')}</div>
                <div>{t(`arrivals.checkpoints.statuses.${p.status}`)}</div>
                <div>{t('situationMap.checkpointArrivals', { arrivals: fmt.number(p.arrivals7d), fromEpidemic: fmt.number(p.fromEpidemic7d) })}</div>
              </div>
            </Popup>
          </CircleMarker>
        );
      })}
    </>
  );
}
