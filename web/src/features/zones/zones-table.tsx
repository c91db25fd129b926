import { EditOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Space, Table, type TableColumnsType, type TablePaginationConfig, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n/format.ts';
import { ringsInOrder } from './zone-rings.ts';
import { RingTag, ZoneStatusTag } from './zone-tags.tsx';
import type { Zone } from './zones-api.ts';

const muted = { fontSize: 12, color: 'rgba(0,0,0,0.5)' } as const;

interface Props {
  dataSource: Zone[];
  loading: boolean;
  pagination: TablePaginationConfig;
  onChange: (pagination: TablePaginationConfig) => void;
  focusedId: number | undefined;
  onFocus: (zone: Zone) => void;
  /** Given with zone:manage: the actions of a zone not ended. */
  onEdit?: (zone: Zone) => void;
  onEnd?: (zone: Zone) => void;
}

/** The zones of the list: a click on a row brings the zone into view on the map. */
export function ZonesTable({ dataSource, loading, pagination, onChange, focusedId, onFocus, onEdit, onEnd }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();

  const columns: TableColumnsType<Zone> = [
    {
      title: t('zones.name'),
      key: 'name',
      fixed: 'left',
      width: 190,
      render: (_, z) => (
        <>
          <span style={{ fontWeight: 500 }}>{z.name}</span>
          <div style={muted}>{z.decisionNo}</div>
        </>
      ),
    },
    {
      title: t('zones.ringsColumn'),
      key: 'rings',
      width: 170,
      render: (_, z) => (
        <Space size={4} wrap>
          {ringsInOrder(z.rings).map((r) => (
            <RingTag key={r.ring} ring={r} />
          ))}
        </Space>
      ),
    },
    { title: t('zones.residents'), dataIndex: 'residents', width: 90, align: 'right', render: (n: number) => fmt.number(n) },
    { title: t('zones.startedOn'), dataIndex: 'startedOn', width: 100, render: (d: string) => fmt.date(d) },
    {
      title: t('zones.endedOn'),
      key: 'endedOn',
      width: 100,
      render: (_, z) =>
        z.endedOn ? (
          <Tooltip title={z.endReason}>
            <span>{fmt.date(z.endedOn)}</span>
          </Tooltip>
        ) : (
          '–'
        ),
    },
    { title: t('zones.status'), dataIndex: 'status', width: 115, render: (s: string) => <ZoneStatusTag status={s} /> },
  ];
  if (onEdit && onEnd) {
    columns.push({
      title: '',
      key: 'actions',
      width: 76,
      fixed: 'right',
      render: (_, z) =>
        // A lifted zone (even lifted after the day shown) is closed for edits: the server refuses them.
        z.endedOn !== null ? null : (
          // The buttons act on the zone, not on the row: the map keeps its focus.
          <Space size={4} onClick={(e) => e.stopPropagation()}>
            <Tooltip title={t('zones.edit.button')}>
              <Button size="small" icon={<EditOutlined />} aria-label={t('zones.edit.button')} onClick={() => onEdit(z)} data-testid={`zone-edit-${z.id}`} />
            </Tooltip>
            <Tooltip title={t('zones.end.button')}>
              <Button size="small" danger icon={<StopOutlined />} aria-label={t('zones.end.button')} onClick={() => onEnd(z)} data-testid={`zone-end-${z.id}`} />
            </Tooltip>
          </Space>
        ),
    });
  }

  return (
    <Table<Zone>
      className="clickable-rows"
      rowKey="id"
      size="middle"
      data-testid="zones-table"
      columns={columns}
      dataSource={dataSource}
      loading={loading}
      pagination={pagination}
      onChange={(p) => onChange(p)}
      scroll={{ x: 841 }}
      onRow={(z) => ({ onClick: () => onFocus(z) })}
      rowClassName={(z) => (z.id === focusedId ? 'ant-table-row-selected' : '')}
    />
  );
}
