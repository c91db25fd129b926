import { Empty, Skeleton } from 'antd';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { type ReactNode, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { GeoJSON, MapContainer, useMap } from 'react-leaflet';
import { BOUNDARIES_PATH, type Boundaries, type BoundaryFeature } from '../api/boundaries.ts';
import { useApi } from '../hooks/use-api.ts';
import { ErrorAlert } from './error-alert.tsx';

interface Props {
  height: number;
  /** Layers and controls drawn over the province (react-leaflet children). */
  children: (provinceBounds: L.LatLngBounds, districts: BoundaryFeature[]) => ReactNode;
  /** Drawn over the map's corner, outside Leaflet (e.g. the legend). */
  overlay?: ReactNode;
  testId?: string;
}

/**
 * A map of the province's outline and districts, without tiles: nothing outside this machine is
 * reachable, so the outlines are the map. The outlines take no clicks and no editing (geoman).
 */
export function MapFrame({ height, children, overlay, testId }: Props) {
  const { t } = useTranslation();
  const boundaries = useApi<Boundaries>(BOUNDARIES_PATH);

  const layers = useMemo(() => {
    const features = boundaries.data?.features ?? [];
    const province = features.filter((f) => f.properties.level === 'province');
    const districts = features.filter((f) => f.properties.level === 'district');
    return { province, districts, bounds: L.geoJSON(province.length ? province : features).getBounds() };
  }, [boundaries.data]);

  if (boundaries.error) return <ErrorAlert error={boundaries.error} onRetry={boundaries.reload} />;
  if (!boundaries.data) return <Skeleton.Node active style={{ width: '100%', height }} />;
  if (boundaries.data.features.length === 0) return <Empty description={t('area.noBoundaries')} />;

  return (
    <div style={{ position: 'relative', zIndex: 0 }} data-testid={testId}>
      <MapContainer
        bounds={layers.bounds}
        zoomSnap={0.25}
        attributionControl={false}
        scrollWheelZoom
        style={{ height, background: '#ffffff', borderRadius: 6 }}
      >
        {layers.districts.map((f) => (
          <GeoJSON key={f.properties.code} data={f} interactive={false} pmIgnore snapIgnore style={{ color: '#999', weight: 1, fill: false }} />
        ))}
        {layers.province.map((f) => (
          <GeoJSON key={`province-${f.properties.code}`} data={f} interactive={false} pmIgnore snapIgnore style={{ color: '#333', weight: 2, fill: false }} />
        ))}
        <KeepSize />
        {children(layers.bounds, layers.districts)}
      </MapContainer>
      {overlay}
    </div>
  );
}

/** Leaflet follows the window's size only: a map in a drawer or a column that resizes is told. */
function KeepSize() {
  const map = useMap();
  useEffect(() => {
    const observer = new ResizeObserver(() => map.invalidateSize());
    observer.observe(map.getContainer());
    return () => observer.disconnect();
  }, [map]);
  return null;
}

/** Keeps `bounds` in view: when they change and when the map is resized (e.g. a drawer opening). */
export function FitBounds({ bounds }: { bounds: L.LatLngBoundsExpression }) {
  const map = useMap();
  useEffect(() => {
    const fit = () => map.fitBounds(bounds, { padding: [16, 16], maxZoom: 16 });
    fit();
    map.on('resize', fit);
    return () => {
      map.off('resize', fit);
    };
  }, [map, bounds]);
  return null;
}
