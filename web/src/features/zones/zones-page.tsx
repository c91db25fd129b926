import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Grid, Row, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { PageHeader } from '../../shared/ui/page-header.tsx';
import { SearchInput } from '../../shared/ui/search-input.tsx';
import { pagedTableProps, pagingAfterChange } from '../../shared/ui/table-paging.ts';
import { ZoneEndModal } from './zone-end-modal.tsx';
import { type Zone, type ZoneList, type ZoneMap, type ZoneQuery, zoneQueryFromParams, zoneQueryToParams, zonesPaths, ZONE_STATUSES, type ZoneStatus } from './zones-api.ts';
import { type MapFocus, ZonesMap } from './zones-map.tsx';
import { ZonesTable } from './zones-table.tsx';

// The form and its drawing tools (geoman) load only for those who may use them.
const ZoneDrawer = lazy(() => import('./zone-drawer.tsx').then((m) => ({ default: m.ZoneDrawer })));

/**
 * Lockdown zones (vùng phong tỏa): "lock down narrowly, zone widely". Each zone has a core ring
 * and optionally a buffer and a surveillance ring around it, listed with the day's status and
 * drawn nested on the province map; zone:manage creates, changes and ends them.
 */
export default function ZonesPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const query = zoneQueryFromParams(params);
  const list = useApi<ZoneList>(zonesPaths.list(query));
  const map = useApi<ZoneMap>(zonesPaths.map(query.asOf));
  const mayManage = can(me, 'zone:manage');
  const [focus, setFocus] = useState<MapFocus | null>(null);
  const [editing, setEditing] = useState<Zone | 'new' | null>(null);
  const [ending, setEnding] = useState<Zone | null>(null);
  const mapRef = useRef<HTMLDivElement>(null);
  const besideTable = screens.xxl === true;

  const update = (next: ZoneQuery) => setParams(zoneQueryToParams(next));
  const filter = (patch: Partial<ZoneQuery>) => update({ ...query, page: 1, ...patch });
  const reload = () => {
    list.reload();
    map.reload();
  };
  const onSaved = (zone: Zone) => {
    setEditing(null);
    setEnding(null);
    reload();
    setFocus({ zone });
  };

  return (
    <div>
      <PageHeader
        title={t('zones.title')}
        extra={
          mayManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="zone-create">
              {t('zones.create.button')}
            </Button>
          )
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <SearchInput value={query.q} onSearch={(q) => filter({ q })} placeholder={t('zones.searchPlaceholder')} width={300} testId="zones-search" />
        <Select<ZoneStatus>
          allowClear
          placeholder={t('zones.allStatuses')}
          aria-label={t('zones.status')}
          value={query.status}
          options={ZONE_STATUSES.map((s) => ({ value: s, label: t(`zones.statuses.${s}`) }))}
          onChange={(status?: ZoneStatus) => filter({ status })}
          style={{ width: 170 }}
          data-testid="zones-status"
        />
        <DatePicker
          format="DD/MM/YYYY"
          placeholder={t('zones.asOfPlaceholder')}
          aria-label={t('zones.asOf')}
          value={query.asOf ? dayjs(query.asOf) : null}
          onChange={(d) => filter({ asOf: d ? d.format('YYYY-MM-DD') : undefined })}
          data-testid="zones-as-of"
        />
        {(query.q || query.status || query.asOf) && <Button onClick={() => update({ page: 1, pageSize: query.pageSize })}>{t('app.reset')}</Button>}
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {query.asOf ? t('zones.statusAsOf', { date: fmt.date(query.asOf) }) : t('zones.statusToday')} {t('zones.focusHint')}
      </Typography.Paragraph>
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Row gutter={[16, 16]} align="stretch">
        <Col xs={24} xxl={15}>
          <ZonesTable
            {...pagedTableProps(list, query, (total) => t('zones.total', { total: fmt.number(total) }))}
            onChange={(p) => update({ ...query, ...pagingAfterChange(query, p) })}
            focusedId={focus?.zone.id}
            onFocus={(zone) => {
              setFocus({ zone });
              // Below the table, the map would change out of sight.
              if (!besideTable) mapRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
            }}
            onEdit={mayManage ? setEditing : undefined}
            onEnd={mayManage ? setEnding : undefined}
          />
        </Col>
        <Col xs={24} xxl={9} ref={mapRef}>
          {/* Beside the table, the map stays in view while the table scrolls. */}
          <Card size="small" title={t('zones.mapTitle')} style={besideTable ? { position: 'sticky', top: 80 } : undefined}>
            <ZonesMap map={map} focus={focus} height={screens.md === false ? 360 : 520} />
          </Card>
        </Col>
      </Row>
      {mayManage && (
        <>
          <Suspense fallback={null}>
            <ZoneDrawer zone={editing} onClose={() => setEditing(null)} onSaved={onSaved} />
          </Suspense>
          <ZoneEndModal zone={ending} onClose={() => setEnding(null)} onEnded={onSaved} />
        </>
      )}
    </div>
  );
}
