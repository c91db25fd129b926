import { EditOutlined, FileExcelOutlined, HomeOutlined } from '@ant-design/icons';
import { Button, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { pagedTableProps, pagingAfterChange } from '../../shared/ui/table-paging.ts';
import { FacilityFilterSelect } from './facility-select.tsx';
import { OrderAmendModal } from './order-amend-modal.tsx';
import { isAmendable } from './order-amend.ts';
import { OrdersImportModal } from './orders-import-modal.tsx';
import { PlacementModal } from './placement-modal.tsx';
import {
  type Facility,
  ORDER_KINDS,
  ORDER_STATUSES,
  ORDER_SUBJECTS,
  type OrderKind,
  type OrderList,
  type OrderQuery,
  orderQueryFromParams,
  orderQueryToParams,
  type OrderStatus,
  type QuarantineOrder,
  quarantinePaths,
} from './quarantine-api.ts';
import { awaitsRoom, isPlaceable } from './quarantine-view.ts';
import { muted, OrderStatusTag, RiskTag } from './quarantine-tags.tsx';

interface Props {
  params: URLSearchParams;
  setOwn: (own: Record<string, string>) => void;
  facilities: { data: Facility[]; loading: boolean; reload: () => void };
}

/**
 * "Quyết định cách ly": the orders of the user's area, batch placement of centralized ones into
 * rooms, amendment of an order in force and import from a spreadsheet.
 */
export function OrdersTab({ params, setOwn, facilities }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const query = orderQueryFromParams(params);
  const list = useApi<OrderList>(quarantinePaths.orders(query));
  const mayPlace = can(me, 'quarantine:write');
  const [selected, setSelected] = useState<QuarantineOrder[]>([]);
  const [placing, setPlacing] = useState<QuarantineOrder[] | null>(null);
  const [amending, setAmending] = useState<QuarantineOrder | null>(null);
  const [importing, setImporting] = useState(false);

  const update = (next: OrderQuery) => {
    setOwn(orderQueryToParams(next));
    // A selection only makes sense in the list it was made in.
    if (next.status !== query.status || next.kind !== query.kind || next.facilityId !== query.facilityId) setSelected([]);
  };
  const filter = (patch: Partial<OrderQuery>) => update({ ...query, page: 1, ...patch });

  const subjectText = (s: QuarantineOrder['subject']) => (s && (ORDER_SUBJECTS as readonly string[]).includes(s) ? t(`quarantine.subjects.${s}`) : '–');

  const columns: TableColumnsType<QuarantineOrder> = [
    { title: t('quarantine.orders.person'), dataIndex: 'full_name', fixed: 'left', width: 190 },
    { title: t('quarantine.orders.kind'), dataIndex: 'kind', width: 150, render: (k: OrderKind) => t(`quarantine.orderKinds.${k}`) },
    { title: t('quarantine.orders.subject'), dataIndex: 'subject', width: 170, render: subjectText },
    { title: t('quarantine.orders.riskGroup'), dataIndex: 'risk_group', width: 140, render: (g: QuarantineOrder['risk_group']) => <RiskTag group={g} /> },
    { title: t('quarantine.orders.status'), dataIndex: 'status', width: 130, render: (s: OrderStatus) => <OrderStatusTag status={s} /> },
    { title: t('quarantine.orders.startDate'), dataIndex: 'start_date', width: 115, render: (d: string) => fmt.date(d) },
    { title: t('quarantine.orders.releaseDate'), dataIndex: 'release_date', width: 125, render: (d: string | null) => fmt.date(d) },
    { title: t('quarantine.orders.ruleCode'), dataIndex: 'rule_code', width: 140, render: (c: string | null) => c ?? '–' },
    {
      title: t('quarantine.orders.facilityRoom'),
      key: 'facility',
      width: 220,
      render: (_, o) =>
        awaitsRoom(o) ? (
          <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="order-not-placed">
            {t('quarantine.orders.notPlaced')}
          </Tag>
        ) : o.facility_name ? (
          <>
            {o.facility_name}
            {o.room_label && <div style={muted}>{o.room_label}</div>}
          </>
        ) : (
          '–'
        ),
    },
  ];
  if (mayPlace) {
    columns.push({
      title: t('quarantine.orders.actions'),
      key: 'actions',
      fixed: 'right',
      width: 100,
      render: (_, o) =>
        isAmendable(o) ? (
          <Button size="small" icon={<EditOutlined />} onClick={() => setAmending(o)} data-testid={`order-amend-${o.id}`}>
            {t('quarantine.amend.button')}
          </Button>
        ) : null,
    });
  }

  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<OrderStatus>
          allowClear
          placeholder={t('quarantine.allStatuses')}
          aria-label={t('quarantine.orders.status')}
          value={query.status}
          options={ORDER_STATUSES.map((s) => ({ value: s, label: t(`quarantine.orderStatuses.${s}`) }))}
          onChange={(status?: OrderStatus) => filter({ status })}
          style={{ width: 170 }}
          data-testid="orders-status"
        />
        <Select<OrderKind>
          allowClear
          placeholder={t('quarantine.allKinds')}
          aria-label={t('quarantine.orders.kind')}
          value={query.kind}
          options={ORDER_KINDS.map((k) => ({ value: k, label: t(`quarantine.orderKinds.${k}`) }))}
          onChange={(kind?: OrderKind) => filter({ kind })}
          style={{ width: 190 }}
          data-testid="orders-kind"
        />
        <FacilityFilterSelect
          facilities={facilities.data}
          loading={facilities.loading}
          value={query.facilityId}
          onChange={(facilityId) => filter({ facilityId })}
          testId="orders-facility"
        />
        {(query.status || query.kind || query.facilityId) && <Button onClick={() => update({ page: 1, pageSize: query.pageSize })}>{t('app.reset')}</Button>}
      </Space>

      {mayPlace && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginBottom: 8 }}>
          <Button
            type="primary"
            icon={<HomeOutlined />}
            disabled={selected.length === 0}
            onClick={() => setPlacing(selected)}
            data-testid="placement-suggest"
          >
            {t('quarantine.placement.suggest')}
            {selected.length > 0 ? ` (${fmt.number(selected.length)})` : ''}
          </Button>
          <Typography.Text type="secondary">
            {selected.length > 0 ? t('quarantine.selected', { count: selected.length }) : t('quarantine.orders.placeableHint')}
          </Typography.Text>
          <Button icon={<FileExcelOutlined />} onClick={() => setImporting(true)} style={{ marginInlineStart: 'auto' }} data-testid="orders-import">
            {t('quarantine.importer.button')}
          </Button>
        </div>
      )}
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}

      <Table<QuarantineOrder>
        rowKey="id"
        size="middle"
        data-testid="orders-table"
        columns={columns}
        scroll={{ x: mayPlace ? 1600 : 1500 }}
        rowSelection={
          mayPlace
            ? {
                preserveSelectedRowKeys: true,
                selectedRowKeys: selected.map((o) => o.id),
                onChange: (_keys, rows) => setSelected(rows.filter((r): r is QuarantineOrder => r !== undefined && isPlaceable(r))),
                getCheckboxProps: (o) => ({ disabled: !isPlaceable(o), 'aria-label': o.full_name }),
              }
            : undefined
        }
        onChange={(p) => update({ ...query, ...pagingAfterChange(query, p) })}
        {...pagedTableProps(list, query, (total) => t('quarantine.orders.total', { total: fmt.number(total) }))}
      />

      <PlacementModal
        orders={placing}
        facilities={facilities.data}
        onClose={() => setPlacing(null)}
        onPlaced={() => {
          setPlacing(null);
          setSelected([]);
          list.reload();
          facilities.reload();
        }}
      />
      <OrderAmendModal
        order={amending}
        onClose={() => setAmending(null)}
        onSaved={() => {
          setAmending(null);
          list.reload();
        }}
        onStale={list.reload}
      />
      <OrdersImportModal
        open={importing}
        onClose={() => setImporting(false)}
        onImported={() => {
          setImporting(false);
          list.reload();
        }}
      />
    </div>
  );
}
