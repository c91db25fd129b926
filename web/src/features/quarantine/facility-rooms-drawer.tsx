import { Drawer, Empty, Grid, Skeleton, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { type Facility, type FacilityRoom, type FacilityRooms, quarantinePaths } from './quarantine-api.ts';
import { alertForUse } from './quarantine-view.ts';
import { muted, OccupancyBar, RiskTag } from './quarantine-tags.tsx';

/** The rooms of a quarantine facility: who may still go where, and which risk group each room holds. */
export function FacilityRoomsDrawer({ facility, onClose }: { facility: Facility | null; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const screens = Grid.useBreakpoint();
  const { data, error, loading, reload } = useApi<FacilityRooms>(facility ? quarantinePaths.rooms(facility.id) : null);
  const rooms = data && data.facility.id === facility?.id ? data : undefined;
  const thresholds = rooms?.facility ?? facility;

  const columns: TableColumnsType<FacilityRoom> = [
    { title: t('quarantine.rooms.zone'), dataIndex: 'zone', width: 90, render: (z: string | null) => z ?? '–' },
    { title: t('quarantine.rooms.label'), dataIndex: 'label', width: 100 },
    {
      title: t('quarantine.rooms.occupancy'),
      key: 'occupancy',
      width: 150,
      render: (_, r) => (
        <OccupancyBar
          used={r.used}
          capacity={r.capacity}
          alert={alertForUse(r.used, r.capacity, thresholds?.warnPercent, thresholds?.criticalPercent)}
          width={120}
        />
      ),
    },
    {
      title: t('quarantine.rooms.riskGroups'),
      dataIndex: 'riskGroups',
      render: (groups: FacilityRoom['riskGroups'], r) =>
        groups.length ? (
          <Space size={4} wrap>
            {groups.map((g) => (
              <RiskTag key={g} group={g} />
            ))}
          </Space>
        ) : (
          <span style={muted}>{r.used === 0 ? t('quarantine.rooms.empty') : '–'}</span>
        ),
    },
  ];

  return (
    <Drawer
      open={facility !== null}
      onClose={onClose}
      title={facility ? t('quarantine.rooms.title', { name: facility.name }) : ''}
      size={screens.sm === false ? '100%' : 640}
      data-testid="facility-rooms"
    >
      {error && <ErrorAlert error={error} onRetry={reload} />}
      {loading && !rooms && <Skeleton active />}
      {rooms && (
        <>
          <Typography.Paragraph type="secondary">
            {[rooms.facility.districtName, rooms.facility.address, rooms.facility.staffName && t('quarantine.rooms.staff', { name: rooms.facility.staffName })]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Paragraph>
          {rooms.rooms.length === 0 ? (
            <Empty description={t('quarantine.rooms.none')} />
          ) : (
            <Table<FacilityRoom>
              rowKey="id"
              size="small"
              data-testid="rooms-table"
              columns={columns}
              dataSource={rooms.rooms}
              pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (total) => t('quarantine.rooms.total', { total: fmt.number(total) }) }}
            />
          )}
        </>
      )}
    </Drawer>
  );
}
