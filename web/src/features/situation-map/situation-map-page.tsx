import { PauseCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, DatePicker, Grid, Select, Slider, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GeoJSON, Polygon, Popup, Tooltip } from 'react-leaflet';
import { addDaysIso, dayDiff } from '../../shared/dates.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { usePolling } from '../../shared/hooks/use-polling.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { LEVEL_COLOURS } from '../../shared/ui/level-tag.tsx';
import { MapFrame } from '../../shared/ui/map-frame.tsx';
import { colourClasses, colourFor } from '../../shared/map/choropleth.ts';
import { isRingKind, ringPathStyle, type ZoneMap, zonesMapPath } from '../../shared/map/rings.tsx';
import { CaseLayer } from './case-layer.tsx';
import { FacilityLayer } from './facility-layer.tsx';
import { BoardingHouseLayer } from './boarding-house-layer.tsx';
import { CheckpointLayer } from './checkpoint-layer.tsx';
import { VisitedPlaces } from './visited-places.tsx';
import { type AreaFigures, type CaseLayer as CaseLayerData, type DistrictLevels, type FacilityLayer as FacilityLayerData, mapPaths, type VisitedLayer as VisitedLayerData } from './map-api.ts';
import { DEFAULT_LAYERS, LAYERS, type LayerKey, withLayers } from './map-style.ts';
import { SituationLegend } from './situation-legend.tsx';

const WINDOWS = [7, 14, 28] as const;
/** One day of the replay every this many milliseconds. */
const REPLAY_STEP_MS = 900;

/**
 * "Bản đồ dịch": districts coloured by cases per 100,000, the cases of the last days as clustered
 * points, quarantine and treatment facilities with how full they are, and the lockdown rings in
 * force — for a day, which the slider replays from the first case.
 */
export default function SituationMapPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const screens = Grid.useBreakpoint();
  const latest = useApi<AreaFigures>(mapPaths.figures());
  const [date, setDate] = useState<string>();
  const [days, setDays] = useState<number>(14);
  const [layers, setLayers] = useState<LayerKey[]>([...DEFAULT_LAYERS]);
  const [playing, setPlaying] = useState(false);

  const lastDay = latest.data?.asOf;
  const firstDay = latest.data?.curve[0]?.date ?? lastDay;
  const day = date ?? lastDay;
  useEffect(() => {
    if (!playing || !day || !lastDay) return;
    if (day >= lastDay) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => setDate(addDaysIso(day, 1)), REPLAY_STEP_MS);
    return () => clearTimeout(timer);
  }, [playing, day, lastDay]);

  const on = (k: LayerKey) => layers.includes(k);
  const overview = useApi<AreaFigures>(day && on('choropleth') ? mapPaths.figures(day) : null);
  const levels = useApi<DistrictLevels>(day && on('levels') ? mapPaths.districtLevels(day) : null);
  const levelOf = useMemo(() => new Map((levels.data?.items ?? []).map((l) => [l.unitCode, l])), [levels.data]);
  const cases = useApi<CaseLayerData>(day && on('cases') ? mapPaths.cases(day, days) : null);
  const visited = useApi<VisitedLayerData>(day && on('visited') ? mapPaths.visited(day, days) : null);
  const facilities = useApi<FacilityLayerData>(on('quarantine') || on('treatment') ? mapPaths.facilities : null);
  const zones = useApi<ZoneMap>(day && on('zones') ? zonesMapPath(day) : null);
  // Following the latest day (not a day picked or replayed): refreshed live.
  const reloadLatest = latest.reload, reloadOverview = overview.reload, reloadLevels = levels.reload, reloadCases = cases.reload, reloadVisited = visited.reload, reloadFacilities = facilities.reload, reloadZones = zones.reload;
  const refresh = useCallback(() => [reloadLatest, reloadOverview, reloadLevels, reloadCases, reloadVisited, reloadFacilities, reloadZones].forEach((r) => r()), [reloadLatest, reloadOverview, reloadLevels, reloadCases, reloadVisited, reloadFacilities, reloadZones]);
  usePolling(refresh, undefined, date === undefined && !playing);
  const figures = useMemo(() => new Map((overview.data?.districts ?? []).map((d) => [d.code, d])), [overview.data]);
  const classes = useMemo(() => colourClasses((overview.data?.districts ?? []).map((d) => d.casesPer100k)), [overview.data]);
  const shownFacilities = (facilities.data?.features ?? []).filter((f) => on(f.properties.kind));
  const error = latest.error ?? overview.error ?? levels.error ?? cases.error ?? visited.error ?? facilities.error ?? zones.error;

  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('situationMap.title')}</Typography.Title>
      {error && <ErrorAlert error={error} onRetry={refresh} />}
      <Space wrap style={{ marginBottom: 8 }}>
        <DatePicker
          format="DD/MM/YYYY"
          allowClear={false}
          value={day ? dayjs(day) : null}
          onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))}
          disabledDate={(d) => (lastDay ? d.format('YYYY-MM-DD') > lastDay : false)}
          aria-label={t('situationMap.date')}
          data-testid="map-date"
        />
        <Select<number> value={days} onChange={setDays} options={WINDOWS.map((w) => ({ value: w, label: t('situationMap.window', { days: w }) }))} style={{ width: 170 }} data-testid="map-window" />
        <Button icon={playing ? <PauseCircleOutlined /> : <PlayCircleOutlined />} onClick={() => {
          if (!playing && day === lastDay && firstDay) setDate(firstDay);
          setPlaying(!playing);
        }} disabled={!firstDay} data-testid="map-replay">
          {playing ? t('situationMap.pause') : t('situationMap.replay')}
        </Button>
      </Space>
      {firstDay && lastDay && day && (
        <Slider
          min={0}
          max={Math.max(1, dayDiff(firstDay, lastDay))}
          value={dayDiff(firstDay, day)}
          onChange={(n: number) => setDate(addDaysIso(firstDay, n))}
          tooltip={{ formatter: (n) => fmt.date(addDaysIso(firstDay, n ?? 0)) }}
          data-testid="map-slider"
        />
      )}
      <Checkbox.Group value={layers} onChange={(v) => setLayers((previous) => withLayers(previous, v as LayerKey[]))} options={LAYERS.map((k) => ({ value: k, label: t(`situationMap.layers.${k}`) }))} data-testid="map-layers" />
      <Card size="small" style={{ marginTop: 8 }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {day && t('situationMap.caption', { date: fmt.date(day), days })}
          {cases.data && ` ${t('situationMap.caseCount', { shown: fmt.number(cases.data.total - cases.data.unlocated), total: fmt.number(cases.data.total) })}`}
        </Typography.Paragraph>
        <MapFrame height={screens.md === false ? 420 : 640} overlay={<SituationLegend layers={layers} classes={on('choropleth') ? classes : []} />} testId="situation-map">
          {(_, districts) => (
            <>
              {on('choropleth') && overview.data && districts.map((f) => (
                <GeoJSON
                  key={`${f.properties.code}-${day}`}
                  data={f}
                  style={{ className: 'district-fill', color: '#666', weight: 1, fillColor: colourFor(figures.get(f.properties.code)?.casesPer100k ?? 0, classes), fillOpacity: 0.55 }}
                >
                  <Tooltip sticky>
                    {f.properties.name}: {t('situationMap.per100k', { value: fmt.number(figures.get(f.properties.code)?.casesPer100k ?? 0, 1) })}
                  </Tooltip>
                </GeoJSON>
              ))}
              {on('levels') && levels.data && districts.map((f) => {
                const l = levelOf.get(f.properties.code);
                return (
                  <GeoJSON
                    key={`level-${f.properties.code}-${day}`}
                    data={f}
                    style={{ className: 'district-level', color: '#555', weight: 1, fillColor: l ? LEVEL_COLOURS[l.levelInForce] : '#f2f2f2', fillOpacity: 0.55, dashArray: l?.proposal ? '6 4' : undefined }}
                  >
                    <Tooltip sticky>
                      {f.properties.name}: {l ? t('levels.level', { level: l.levelInForce }) : t('dashboard.notAssessed')}
                      {l?.proposal && ` (${t('situationMap.proposed', { level: l.proposal.level })})`}
                    </Tooltip>
                  </GeoJSON>
                );
              })}
              {on('zones') && (zones.data?.features ?? []).map((f) => isRingKind(f.properties.ring) && (
                <Polygon key={`${f.properties.zoneId}-${f.properties.ring}`} positions={f.geometry.coordinates.map((ring) => ring.map(([lon, lat]) => [lat!, lon!] as [number, number]))} pathOptions={ringPathStyle(f.properties.ring)}>
                  <Popup>{f.properties.name} · {t(`zones.rings.${f.properties.ring}`)} · {f.properties.decisionNo}</Popup>
                </Polygon>
              ))}
              {on('visited') && visited.data && <VisitedPlaces data={visited.data} />}
              {shownFacilities.length > 0 && <FacilityLayer features={shownFacilities} />}
              {on('boardingHouses') && <BoardingHouseLayer />}
              {on('checkpoints') && <CheckpointLayer date={day} />}
              {on('cases') && cases.data && <CaseLayer data={cases.data} />}
            </>
          )}
        </MapFrame>
      </Card>
    </div>
  );
}
