import { useTranslation } from 'react-i18next';
import { CircleMarker, Popup } from 'react-leaflet';
import { useFormat } from '../../shared/i18n/format.ts';
import type { VisitedLayer } from './map-api.ts';
import { VISITED_COLOUR } from './map-style.ts';

/** Places cases visited while infectious: a small purple dot, the case count and the last visit on click. */
export function VisitedPlaces({ data }: { data: VisitedLayer }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <>
      {data.features.map((f) => {
        const [lon, lat] = f.geometry.coordinates as [number, number];
        return (
          <CircleMarker key={f.properties.id} center={[lat, lon]} radius={5} pathOptions={{ color: '#fff', weight: 1, fillColor: VISITED_COLOUR, fillOpacity: 0.9, className: 'visited-place' }}>
            <Popup>
              <div data-testid="visited-popup">
                <div style={{ fontWeight: 600 }}>{f.properties.name}</div>
                <div>{t('situationMap.visited', { cases: fmt.number(f.properties.cases), date: fmt.date(f.properties.lastVisit) })}</div>
              </div>
            </Popup>
          </CircleMarker>
        );
      })}
    </>
  );
}
