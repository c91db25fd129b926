import { Button, Modal, Space, Typography } from 'antd';
import L from 'leaflet';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CircleMarker, GeoJSON, Marker, useMapEvents } from 'react-leaflet';
import { MapFrame } from '../../shared/ui/map-frame.tsx';

export interface LatLon { lat: number; lon: number }

/** Five decimals: about a metre, as precise as a click on a district map can be. */
const round = (x: number) => Math.round(x * 1e5) / 1e5;

/** A plain round pin (Leaflet's default icon is an image file; this one needs none). */
const PIN = L.divIcon({
  className: '',
  html: '<div style="width:18px;height:18px;border-radius:50%;background:#cf1322;border:3px solid #fff;box-shadow:0 0 0 1px #cf1322"></div>',
  iconSize: [18, 18],
  iconAnchor: [9, 9],
});

function ClickToPlace({ onPlace }: { onPlace: (p: LatLon) => void }) {
  useMapEvents({ click: (e) => onPlace({ lat: round(e.latlng.lat), lon: round(e.latlng.lng) }) });
  return null;
}

/**
 * The checkpoint's point picked on the province map (district outlines, no tiles: nothing outside
 * the machine is reachable): a click places it, dragging moves it; the chosen district is drawn
 * stronger. The form keeps the numbers, which can still be typed.
 */
export function CheckpointLocationPicker({ value, districtCode, onChange }: { value: LatLon | null; districtCode?: string | undefined; onChange: (p: LatLon) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<LatLon | null>(value);
  return (
    <>
      <Space wrap>
        <Button onClick={() => { setDraft(value); setOpen(true); }} data-testid="checkpoint-map-pick">{t('arrivals.mapPick.button')}</Button>
        <Typography.Text type="secondary">{value ? t('arrivals.mapPick.picked', { lat: value.lat, lon: value.lon }) : t('arrivals.mapPick.none')}</Typography.Text>
      </Space>
      <Modal
        open={open}
        title={t('arrivals.mapPick.title')}
        onCancel={() => setOpen(false)}
        onOk={() => { if (draft) onChange(draft); setOpen(false); }}
        okButtonProps={{ disabled: !draft, id: 'checkpoint-map-ok' }}
        width={760}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('arrivals.mapPick.hint')}</Typography.Paragraph>
        <MapFrame height={440} testId="checkpoint-map">
          {(_bounds, districts) => (
            <>
              {districts.filter((d) => d.properties.code === districtCode).map((d) => (
                <GeoJSON key={`sel-${d.properties.code}`} data={d} interactive={false} style={{ color: '#1677ff', weight: 3, fillOpacity: 0.06 }} />
              ))}
              <ClickToPlace onPlace={setDraft} />
              {draft && (
                <>
                  <CircleMarker center={[draft.lat, draft.lon]} radius={14} interactive={false} pathOptions={{ color: '#cf1322', weight: 1, fillOpacity: 0.1 }} />
                  <Marker
                    position={[draft.lat, draft.lon]}
                    icon={PIN}
                    draggable
                    eventHandlers={{ dragend: (e) => { const p = (e.target as L.Marker).getLatLng(); setDraft({ lat: round(p.lat), lon: round(p.lng) }); } }}
                  />
                </>
              )}
            </>
          )}
        </MapFrame>
        <Typography.Text data-testid="checkpoint-map-draft">{draft ? t('arrivals.mapPick.picked', { lat: draft.lat, lon: draft.lon }) : t('arrivals.mapPick.none')}</Typography.Text>
      </Modal>
    </>
  );
}
