import L from 'leaflet';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CircleMarker, Marker, Popup, useMap, useMapEvents } from 'react-leaflet';
import { Link } from 'react-router';
import { useFormat } from '../../shared/i18n/format.ts';
import { clusterIndex, type ClusterPoint, clustersIn } from './case-clusters.ts';
import type { CaseLayer as CaseLayerData } from './map-api.ts';
import { caseColour, clusterRadius } from './map-style.ts';

/** The map's box and zoom, followed as the user pans and zooms. */
function useView(): { bbox: [number, number, number, number]; zoom: number } {
  const map = useMap();
  const read = () => {
    const b = map.getBounds();
    return { bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] as [number, number, number, number], zoom: map.getZoom() };
  };
  const [view, setView] = useState(read);
  useMapEvents({ moveend: () => setView(read()), zoomend: () => setView(read()) });
  return view;
}

/** Cases as clustered points: a cluster shows its count and zooms in on click; a case opens its record. */
export function CaseLayer({ data }: { data: CaseLayerData }) {
  const map = useMap();
  const index = useMemo(() => clusterIndex(data), [data]);
  const view = useView();
  const points = useMemo(() => clustersIn(index, view.bbox, view.zoom), [index, view]);
  return (
    <>
      {points.map((p) =>
        p.single && p.count === 1 ? (
          <CircleMarker key={p.key} center={[p.lat, p.lon]} radius={6} pathOptions={{ color: '#fff', weight: 1, fillColor: caseColour(p.single.classification), fillOpacity: 0.9, className: 'case-point' }}>
            <Popup><CasePopup point={p} /></Popup>
          </CircleMarker>
        ) : (
          <Marker
            key={p.key}
            position={[p.lat, p.lon]}
            icon={clusterIcon(p)}
            eventHandlers={{ click: () => p.expansionZoom !== null && map.flyTo([p.lat, p.lon], Math.min(p.expansionZoom, 17)) }}
          >
            {p.single && <Popup><CasePopup point={p} /></Popup>}
          </Marker>
        ),
      )}
    </>
  );
}

function clusterIcon(p: ClusterPoint) {
  const r = clusterRadius(p.count);
  const colour = p.single ? caseColour(undefined) : '#b71c1c';
  return L.divIcon({
    className: 'case-cluster',
    iconSize: [2 * r, 2 * r],
    html: `<div style="width:${2 * r}px;height:${2 * r}px;border-radius:50%;background:${colour};opacity:.85;color:#fff;font:600 12px/${2 * r}px system-ui;text-align:center;border:2px solid #fff">${p.count}</div>`,
  });
}

function CasePopup({ point }: { point: ClusterPoint }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const s = point.single!;
  if (s.caseId !== undefined) {
    return (
      <div data-testid="case-popup">
        <Link to={`/cases/${s.caseId}`} style={{ fontWeight: 600 }}>{s.caseCode}</Link>
        <div>{t(`situationMap.classification.${s.classification === 'in_quarantine' || s.classification === 'imported' ? s.classification : 'community'}`)}</div>
        {s.confirmationDate && <div>{t('situationMap.confirmedOn', { date: fmt.date(s.confirmationDate) })}</div>}
      </div>
    );
  }
  return (
    <div data-testid="case-popup">
      <div style={{ fontWeight: 600 }}>{s.communeName}</div>
      <div>{t('situationMap.communeCases', { count: point.count, n: fmt.number(point.count) })}</div>
    </div>
  );
}
