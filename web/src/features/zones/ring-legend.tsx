import { useTranslation } from 'react-i18next';
import { MapLegendBox } from '../../shared/ui/map-legend-box.tsx';
import { RingSwatch } from '../../shared/map/rings.tsx';
import { RING_KINDS } from './zones-api.ts';

/** The rings' colours, over the map's corner. */
export function RingLegend() {
  const { t } = useTranslation();
  return (
    <MapLegendBox testId="zones-legend">
      {RING_KINDS.map((ring) => (
        <div key={ring}>
          <RingSwatch ring={ring} />
          {t(`zones.rings.${ring}`)}
        </div>
      ))}
    </MapLegendBox>
  );
}
