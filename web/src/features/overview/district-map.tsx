import L, { type PathOptions } from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GeoJSON, MapContainer, Tooltip, useMap } from 'react-leaflet';
import { useFormat } from '../../shared/i18n/format.ts';
import { colourClasses, colourFor } from '../../shared/map/choropleth.ts';
import { MapLegend } from './map-legend.tsx';
import type { BoundaryFeature, Boundaries, DistrictFigures } from './overview-api.ts';

interface Props {
  boundaries: Boundaries;
  districts: DistrictFigures[];
  height: number;
}

/** Keeps the province in view when the data or the container size changes. */
function FitToProvince({ bounds }: { bounds: L.LatLngBounds }) {
  const map = useMap();
  useEffect(() => {
    if (!bounds.isValid()) return;
    map.fitBounds(bounds, { padding: [12, 12] });
    const onResize = () => map.fitBounds(bounds, { padding: [12, 12] });
    map.on('resize', onResize);
    return () => {
      map.off('resize', onResize);
    };
  }, [map, bounds]);
  return null;
}

/**
 * The province outline over its districts, coloured by cases per 100,000. No tile layer:
 * nothing outside this machine is reachable, and the outlines are the map.
 */
export function DistrictMap({ boundaries, districts, height }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [hovered, setHovered] = useState<string | null>(null);

  const { province, districtFeatures, bounds } = useMemo(() => {
    const province = boundaries.features.filter((f) => f.properties.level === 'province');
    const districtFeatures = boundaries.features.filter((f) => f.properties.level === 'district');
    const outline = province.length ? province : boundaries.features;
    return { province, districtFeatures, bounds: L.geoJSON(outline).getBounds() };
  }, [boundaries]);

  const figuresByCode = useMemo(() => new Map(districts.map((d) => [d.code, d])), [districts]);
  const classes = useMemo(() => colourClasses(districts.map((d) => d.casesPer100k)), [districts]);

  const districtStyle = (f: BoundaryFeature): PathOptions => ({
    // The e2e test counts these paths: keep the class name.
    className: 'district-shape',
    color: hovered === f.properties.code ? '#222' : '#666',
    weight: hovered === f.properties.code ? 2.5 : 1,
    fillColor: colourFor(figuresByCode.get(f.properties.code)?.casesPer100k ?? 0, classes),
    fillOpacity: 0.85,
  });

  return (
    <div style={{ position: 'relative', zIndex: 0 }}>
      <MapContainer
        bounds={bounds.isValid() ? bounds : undefined}
        center={bounds.isValid() ? undefined : [21.3, 106.4]}
        zoom={bounds.isValid() ? undefined : 9}
        zoomSnap={0.25}
        attributionControl={false}
        scrollWheelZoom={false}
        style={{ height, background: '#ffffff', borderRadius: 6 }}
      >
        <FitToProvince bounds={bounds} />
        {districtFeatures.map((f) => {
          const d = figuresByCode.get(f.properties.code);
          return (
            <GeoJSON
              key={f.properties.code}
              data={f}
              style={districtStyle(f)}
              eventHandlers={{
                mouseover: () => setHovered(f.properties.code),
                mouseout: () => setHovered((h) => (h === f.properties.code ? null : h)),
              }}
            >
              <Tooltip sticky>
                <div style={{ fontWeight: 600 }}>{d?.name ?? f.properties.name}</div>
                {d && (
                  <>
                    <div>{t('overview.population')}: {fmt.number(d.population)}</div>
                    <div>{t('overview.cases')}: {fmt.number(d.cases)}</div>
                    <div>{t('overview.casesLast7Days')}: {fmt.number(d.casesLast7Days)}</div>
                    <div>{t('overview.casesPer100k')}: {fmt.number(d.casesPer100k, 1)}</div>
                  </>
                )}
              </Tooltip>
            </GeoJSON>
          );
        })}
        {province.map((f) => (
          <GeoJSON
            key={`province-${f.properties.code}`}
            data={f}
            interactive={false}
            style={{ className: 'province-outline', color: '#333', weight: 2.5, fill: false }}
          />
        ))}
      </MapContainer>
      <MapLegend classes={classes} />
    </div>
  );
}
