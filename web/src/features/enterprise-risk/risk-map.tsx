import { useTranslation } from 'react-i18next';
import { CircleMarker, Popup } from 'react-leaflet';
import type { ApiState } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { MapFrame } from '../../shared/ui/map-frame.tsx';
import { MapLegendBox } from '../../shared/ui/map-legend-box.tsx';
import { BandTag } from './band-tag.tsx';
import { BAND_COLOURS, formatIndex, NO_BAND_COLOUR, RISK_BANDS, type RiskMap } from './risk-api.ts';

/** Enterprises at their location, coloured by the band of their form for the period (grey: none). */
export function RiskMapView({ map, height }: { map: ApiState<RiskMap>; height: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (map.error) return <ErrorAlert error={map.error} onRetry={map.reload} />;
  const points = map.data?.points ?? [];
  const legend = (
    <MapLegendBox testId="risk-map-legend">
      {[...RISK_BANDS, null].map((b) => (
        <div key={b ?? 'none'}>
          <span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, background: b ? BAND_COLOURS[b] : NO_BAND_COLOUR, marginInlineEnd: 6 }} />
          {b ? t(`enterpriseRisk.bands.${b}`) : t('enterpriseRisk.notSubmitted')}
        </div>
      ))}
    </MapLegendBox>
  );
  return (
    <MapFrame height={height} overlay={legend} testId="risk-map">
      {() => points.map((p) => (
        <CircleMarker
          key={p.enterpriseId}
          center={[p.lat, p.lon]}
          radius={7}
          className={`risk-point risk-${p.band ?? 'none'}`}
          pathOptions={{ color: '#fff', weight: 1.5, fillColor: p.band ? BAND_COLOURS[p.band] : NO_BAND_COLOUR, fillOpacity: 0.9 }}
        >
          <Popup>
            <div style={{ minWidth: 180 }}>
              <div style={{ fontWeight: 600 }}>{p.name}</div>
              <div>{p.score !== null ? `${formatIndex(p.score, fmt.lang)} ` : ''}<BandTag band={p.band} /></div>
            </div>
          </Popup>
        </CircleMarker>
      ))}
    </MapFrame>
  );
}
