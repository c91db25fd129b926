import { useTranslation } from 'react-i18next';
import { CircleMarker, Popup } from 'react-leaflet';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';

/** Smart boarding-house status colours: meets green, does not meet orange, not assessed grey. */
export const BOARDING_HOUSE_COLOURS = { meets: '#2e7d32', not_meets: '#ef6c00', unassessed: '#9e9e9e' } as const;
type Status = keyof typeof BOARDING_HOUSE_COLOURS;

interface HouseMap {
  features: Array<{ geometry: { coordinates: [number, number] }; properties: { id: number; status: Status; selfAssessed: boolean; rooms: number; capacity: number; tenants: number; communeName: string | null; assessedOn: string | null } }>;
}

/** Accommodation establishments (boarding houses) with their smart status and occupancy; no one named. */
export function BoardingHouseLayer() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const houses = useApi<HouseMap>('/api/boarding-houses/map');
  return (
    <>
      {(houses.data?.features ?? []).map((f) => {
        const [lon, lat] = f.geometry.coordinates;
        const p = f.properties;
        return (
          <CircleMarker key={`bh-${p.id}`} center={[lat, lon]} radius={5}
            pathOptions={{ color: '#fff', weight: 1, fillColor: BOARDING_HOUSE_COLOURS[p.status], fillOpacity: 0.9, className: 'boarding-house' }}>
            <Popup>
              <div data-testid="boarding-house-popup">
                <div style={{ fontWeight: 600 }}>{t(`boardingHouses.smart.${p.status}`)}{p.selfAssessed ? ` (${t('boardingHouses.smart.self')})` : ''}</div>
                <div>{p.communeName}</div>
                <div>{t('situationMap.boardingHouseOccupancy', { tenants: fmt.number(p.tenants), capacity: fmt.number(p.capacity), rooms: fmt.number(p.rooms) })}</div>
                {p.assessedOn && <div>{fmt.date(p.assessedOn)}</div>}
              </div>
            </Popup>
          </CircleMarker>
        );
      })}
    </>
  );
}
