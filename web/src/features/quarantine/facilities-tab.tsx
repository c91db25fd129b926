import { Button, Card, Col, Empty, Progress, Row, Select, Skeleton, Space, Statistic, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { DistrictFilterSelect } from '../../shared/ui/area-selects.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { FacilityRoomsDrawer } from './facility-rooms-drawer.tsx';
import {
  type Facility,
  type FacilityFilters,
  facilityFiltersFromParams,
  facilityFiltersToParams,
  FACILITY_CATEGORIES,
  FACILITY_KINDS,
  FACILITY_LEVELS,
  type FacilityKind,
  type Occupancy,
  type OccupancyTotals,
  quarantinePaths,
} from './quarantine-api.ts';
import { ALERT_COLOURS, alertForUse, alertOf, barPercent, progressStatus } from './quarantine-view.ts';
import { AlertTag, FacilityStatusTag, muted, OccupancyBar } from './quarantine-tags.tsx';

interface Props {
  params: URLSearchParams;
  setOwn: (own: Record<string, string>) => void;
}

const isKnown = <T extends string>(list: readonly T[], v: string | null): v is T => v !== null && (list as readonly string[]).includes(v);

/** "Cơ sở & công suất": the area's places and beds, per district, the facilities over their thresholds, and every facility. */
export function FacilitiesTab({ params, setOwn }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const filters = facilityFiltersFromParams(params);
  const occupancy = useApi<Occupancy>(quarantinePaths.occupancy);
  const list = useApi<Facility[]>(quarantinePaths.facilities(filters));
  const [roomsOf, setRoomsOf] = useState<Facility | null>(null);

  const update = (patch: Partial<FacilityFilters>) => setOwn(facilityFiltersToParams({ ...filters, ...patch }));
  const o = occupancy.data;

  const kindText = (f: Facility) => {
    const kind = isKnown(FACILITY_KINDS, f.kind) ? t(`quarantine.facilityKinds.${f.kind}`) : f.kind;
    const category = isKnown(FACILITY_CATEGORIES, f.category) ? t(`quarantine.categories.${f.category}`) : f.category;
    return { kind, category };
  };
  const levelText = (f: Facility) => {
    if (f.tier !== null) return t('quarantine.tier', { tier: f.tier });
    if (isKnown(FACILITY_LEVELS, f.level)) return t(`quarantine.levels.${f.level}`);
    return '–';
  };

  const columns: TableColumnsType<Facility> = [
    {
      title: t('quarantine.facilities.name'),
      key: 'name',
      fixed: 'left',
      width: 230,
      render: (_, f) => (
        <>
          <div style={{ fontWeight: 500 }}>{f.name}</div>
          {f.address && <div style={muted}>{f.address}</div>}
        </>
      ),
    },
    { title: t('quarantine.facilities.district'), dataIndex: 'districtName', width: 150, render: (d: string | null) => d ?? '–' },
    {
      title: t('quarantine.facilities.kind'),
      key: 'kind',
      width: 160,
      render: (_, f) => {
        const k = kindText(f);
        return (
          <>
            <Tag color={f.kind === 'treatment' ? 'volcano' : 'blue'} style={{ marginInlineEnd: 0 }}>
              {k.kind}
            </Tag>
            <div style={muted}>{k.category}</div>
          </>
        );
      },
    },
    { title: t('quarantine.facilities.levelOrTier'), key: 'level', width: 110, render: (_, f) => levelText(f) },
    { title: t('quarantine.facilities.status'), dataIndex: 'status', width: 130, render: (s: string) => <FacilityStatusTag status={s} /> },
    {
      title: t('quarantine.facilities.occupancy'),
      key: 'occupancy',
      width: 190,
      render: (_, f) => (
        <Space size={6} align="end">
          <OccupancyBar used={f.used} capacity={f.capacity} alert={f.alert} width={130} />
          {f.alert !== 'normal' && <AlertTag alert={f.alert} />}
        </Space>
      ),
    },
    { title: t('quarantine.facilities.free'), dataIndex: 'free', width: 90, align: 'right', render: (n: number) => fmt.number(n) },
    { title: t('quarantine.facilities.rooms'), dataIndex: 'rooms', width: 90, align: 'right', render: (n: number, f) => (f.kind === 'quarantine' ? fmt.number(n) : '–') },
  ];

  const districtColumns: TableColumnsType<Occupancy['districts'][number]> = [
    { title: t('quarantine.occupancy.district'), dataIndex: 'name', render: (name: string) => name || t('quarantine.occupancy.noDistrict') },
    { title: t('quarantine.occupancy.quarantine'), key: 'quarantine', width: 190, render: (_, d) => <TotalsBar totals={d.quarantine} /> },
    { title: t('quarantine.occupancy.treatment'), key: 'treatment', width: 190, render: (_, d) => <TotalsBar totals={d.treatment} /> },
  ];

  return (
    <div>
      {occupancy.error && <ErrorAlert error={occupancy.error} onRetry={occupancy.reload} />}
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={12} xl={8}>
          <TotalsCard title={t('quarantine.occupancy.quarantine')} totals={o?.province.quarantine} testId="province-quarantine-used" />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <TotalsCard title={t('quarantine.occupancy.treatment')} totals={o?.province.treatment} testId="province-treatment-used" />
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('quarantine.occupancy.alertsTitle')} loading={!o} style={{ height: '100%' }} data-testid="occupancy-alerts">
            {o && o.alerts.length === 0 && <Typography.Text type="secondary">{t('quarantine.occupancy.noAlerts')}</Typography.Text>}
            {o?.alerts.map((a) => (
              <div key={a.id} style={{ display: 'flex', gap: 8, alignItems: 'center', justifyContent: 'space-between', padding: '2px 0' }}>
                <span>{a.name}</span>
                <Space size={6}>
                  <span style={muted}>{a.percent === null ? '–' : `${fmt.number(a.percent, 1)} %`}</span>
                  <AlertTag alert={alertOf(a.alert)} />
                </Space>
              </div>
            ))}
          </Card>
        </Col>
      </Row>

      <Card size="small" title={t('quarantine.occupancy.districtsTitle')} style={{ marginBottom: 16 }}>
        {o ? (
          <Table
            rowKey={(d) => d.code || '-'}
            size="small"
            data-testid="occupancy-districts"
            columns={districtColumns}
            dataSource={o.districts}
            pagination={false}
            scroll={{ x: 560 }}
          />
        ) : (
          <Skeleton active />
        )}
      </Card>

      <Typography.Title level={5}>{t('quarantine.facilities.title')}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<FacilityKind>
          allowClear
          placeholder={t('quarantine.allKinds')}
          aria-label={t('quarantine.facilities.kind')}
          value={filters.kind}
          options={FACILITY_KINDS.map((k) => ({ value: k, label: t(`quarantine.facilityKinds.${k}`) }))}
          onChange={(kind?: FacilityKind) => update({ kind })}
          style={{ width: 190 }}
          data-testid="facilities-kind"
        />
        <DistrictFilterSelect value={filters.districtCode} onChange={(districtCode) => update({ districtCode })} width={200} />
        {(filters.kind || filters.districtCode) && <Button onClick={() => setOwn({})}>{t('app.reset')}</Button>}
        <Typography.Text type="secondary">{t('quarantine.facilities.roomsHint')}</Typography.Text>
      </Space>
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<Facility>
        rowKey="id"
        size="middle"
        data-testid="facilities-table"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.loading}
        scroll={{ x: 1180 }}
        locale={{ emptyText: list.loading ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('app.noData')} /> }}
        onRow={(f) => (f.kind === 'quarantine' ? { onClick: () => setRoomsOf(f), style: { cursor: 'pointer' } } : {})}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, hideOnSinglePage: true, showTotal: (total) => t('quarantine.facilities.total', { total: fmt.number(total) }) }}
      />
      <FacilityRoomsDrawer facility={roomsOf} onClose={() => setRoomsOf(null)} />
    </div>
  );
}

/** One kind of place for the whole area: used (the big number), of the capacity, with its bar. */
function TotalsCard({ title, totals, testId }: { title: string; totals: OccupancyTotals | undefined; testId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const alert = totals ? alertForUse(totals.used, totals.capacity) : 'normal';
  return (
    <Card size="small" loading={!totals} style={{ height: '100%' }}>
      {totals && (
        <>
          <Statistic
            title={title}
            value={totals.used}
            formatter={() => (
              <span data-testid={testId} data-value={totals.used}>
                {fmt.number(totals.used)}
              </span>
            )}
            suffix={<span style={{ fontSize: 14 }}>{t('quarantine.occupancy.usedOf', { capacity: fmt.number(totals.capacity) })}</span>}
          />
          <Progress
            percent={barPercent(totals.used, totals.capacity)}
            status={progressStatus(alert)}
            strokeColor={ALERT_COLOURS[alert]}
            format={() => (totals.percent === null ? '–' : `${fmt.number(totals.percent, 1)} %`)}
          />
          <div style={muted}>
            {t('quarantine.occupancy.facilities', { n: fmt.number(totals.facilities) })} ·{' '}
            {t('quarantine.occupancy.free', { free: fmt.number(totals.free) })}
          </div>
        </>
      )}
    </Card>
  );
}

function TotalsBar({ totals }: { totals: OccupancyTotals }) {
  const fmt = useFormat();
  if (totals.facilities === 0) return <span style={muted}>–</span>;
  return (
    <Space size={6} align="end">
      <OccupancyBar used={totals.used} capacity={totals.capacity} alert={alertForUse(totals.used, totals.capacity)} width={120} />
      <span style={muted}>{totals.percent === null ? '' : `${fmt.number(totals.percent, 1)} %`}</span>
    </Space>
  );
}
