import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Select, Space, Statistic, Table, type TableColumnsType, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest, errorText } from '../../shared/api/client.ts';
import type { Paged } from '../../shared/api/types.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useDownload } from '../../shared/hooks/use-download.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { PageHeader } from '../../shared/ui/page-header.tsx';
import { EntryModal, type EntryKind } from './supplies-forms.tsx';
import {
  type Budget, type Category, type Donation, type Facility, type Ledger, type Movement, type MovementKind, reversible, type Spending, suppliesPaths, type StockLine, type SupplyItem,
} from './supplies-api.ts';

function ExportButton({ ledger }: { ledger: Ledger }) {
  const { t } = useTranslation();
  const { downloading, download } = useDownload();
  return <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void download(suppliesPaths.export(ledger), `vat-tu-${ledger}.xlsx`)}>{t('supplies.xlsx')}</Button>;
}

/** Budget, donations and supplies: stock per facility with alerts, movements, donations and spending, each exportable. */
export default function SuppliesPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const { message, modal } = App.useApp();
  const mayWrite = can(me, 'supplies:write');
  const provinceWriter = mayWrite && me.scope.kind === 'province';
  const [facilityId, setFacilityId] = useState<number | undefined>();
  const [entry, setEntry] = useState<EntryKind | null>(null);
  const [paging, setPaging] = useState({ movements: 1, donations: 1, spending: 1 });
  const items = useApi<{ items: SupplyItem[] }>(suppliesPaths.items);
  const facilities = useApi<Paged<Facility>>(suppliesPaths.facilities);
  const stock = useApi<{ items: StockLine[] }>(suppliesPaths.stock(facilityId));
  const movements = useApi<Paged<Movement>>(suppliesPaths.movements({ facilityId, page: paging.movements, pageSize: 20 }));
  const donations = useApi<Paged<Donation>>(suppliesPaths.donations({ page: paging.donations, pageSize: 20 }));
  const spending = useApi<Paged<Spending>>(suppliesPaths.spending({ page: paging.spending, pageSize: 20 }));
  const budget = useApi<Budget>(suppliesPaths.budget);
  const reloadAll = () => { stock.reload(); movements.reload(); donations.reload(); spending.reload(); budget.reload(); };
  const low = (stock.data?.items ?? []).filter((s) => s.low);

  const reverse = (ledger: 'movements' | 'donations' | 'spending', id: number) => {
    let reason = '';
    modal.confirm({
      title: t('supplies.reverse'),
      content: <Input.TextArea rows={3} placeholder={t('supplies.reason')} onChange={(e) => { reason = e.target.value; }} />,
      onOk: async () => {
        try {
          await apiRequest(suppliesPaths.reverse(ledger, id), { method: 'POST', json: { reason } });
          message.success(t('supplies.reversed'));
          reloadAll();
        } catch (e) {
          message.error(errorText(e, fmt.lang));
          throw e;
        }
      },
    });
  };
  const reverseButton = (ledger: 'movements' | 'donations' | 'spending', e: { id: number; reversesId: number | null; reversed: boolean; kind?: string }, allowed: boolean) =>
    (allowed && reversible(e) ? <Button size="small" type="link" danger onClick={() => reverse(ledger, e.id)}>{t('supplies.reverse')}</Button> : e.reversed ? <Tag>{t('supplies.wasReversed')}</Tag> : null);

  const stockColumns: TableColumnsType<StockLine> = [
    { title: t('supplies.facility'), dataIndex: 'facilityName' },
    { title: t('supplies.item'), dataIndex: 'itemName' },
    { title: t('supplies.category'), dataIndex: 'category', render: (c: Category) => t(`supplies.categories.${c}`) },
    { title: t('supplies.quantity'), dataIndex: 'quantity', align: 'right', render: (q: number, s) => <span style={s.low ? { color: '#cf1322', fontWeight: 600 } : undefined}>{fmt.number(q)} {s.unit}</span> },
    { title: t('supplies.threshold'), dataIndex: 'minQuantity', align: 'right', render: (q: number | null) => (q === null ? '–' : fmt.number(q)) },
    { title: '', dataIndex: 'low', render: (l: boolean) => (l ? <Tag color="red">{t('supplies.low')}</Tag> : null) },
  ];
  const movementColumns: TableColumnsType<Movement> = [
    { title: t('supplies.date'), dataIndex: 'movedOn', render: (d: string) => fmt.date(d) },
    { title: t('supplies.facility'), dataIndex: 'facilityName' },
    { title: t('supplies.item'), dataIndex: 'itemName' },
    { title: t('supplies.kind'), dataIndex: 'kind', render: (k: MovementKind, m) => `${t(`supplies.kinds.${k}`)}${m.linkedFacilityName ? ` (${m.linkedFacilityName})` : ''}` },
    { title: t('supplies.quantity'), dataIndex: 'quantity', align: 'right', render: (q: number, m) => `${q > 0 ? '+' : ''}${fmt.number(q)} ${m.unit}` },
    { title: t('supplies.reason'), dataIndex: 'reason' },
    { title: t('supplies.documentNo'), dataIndex: 'documentNo' },
    { title: '', key: 'r', render: (_, m) => reverseButton('movements', m, mayWrite) },
  ];
  const donationColumns: TableColumnsType<Donation> = [
    { title: t('supplies.date'), dataIndex: 'receivedOn', render: (d: string) => fmt.date(d) },
    { title: t('supplies.donor'), dataIndex: 'donor' },
    { title: t('supplies.kind'), dataIndex: 'kind', render: (k: 'cash' | 'goods') => t(`supplies.donationKinds.${k}`) },
    { title: t('supplies.item'), render: (_, d) => (d.itemName ? `${d.itemName}: ${fmt.number(d.quantity)} ${d.unit ?? ''}` : '–') },
    { title: t('supplies.value'), dataIndex: 'valueVnd', align: 'right', render: (v: number) => fmt.number(v) },
    { title: t('supplies.allocation'), render: (_, d) => d.facilityName ?? d.purpose ?? '–' },
    { title: '', key: 'r', render: (_, d) => reverseButton('donations', d, provinceWriter) },
  ];
  const spendingColumns: TableColumnsType<Spending> = [
    { title: t('supplies.date'), dataIndex: 'spentOn', render: (d: string) => fmt.date(d) },
    { title: t('supplies.spendingItem'), dataIndex: 'item' },
    { title: t('supplies.amount'), dataIndex: 'amountVnd', align: 'right', render: (v: number) => fmt.number(v) },
    { title: t('supplies.purpose'), dataIndex: 'purpose' },
    { title: t('supplies.documentNo'), dataIndex: 'documentNo' },
    { title: '', key: 'r', render: (_, s) => reverseButton('spending', s, provinceWriter) },
  ];
  const paged = <T,>(api: { data: Paged<T> | undefined }, key: keyof typeof paging) => ({
    current: paging[key], pageSize: 20, total: api.data?.total ?? 0, showSizeChanger: false, onChange: (p: number) => setPaging((x) => ({ ...x, [key]: p })),
  });

  const b = budget.data;
  return (
    <>
      <PageHeader title={t('supplies.title')} />
      {b && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Space wrap size={32}>
            <Statistic title={t('supplies.cashIn')} value={fmt.number(b.cashIn)} suffix="đ" />
            <Statistic title={t('supplies.cashOut')} value={fmt.number(b.cashOut)} suffix="đ" />
            <Statistic title={t('supplies.balance')} value={fmt.number(b.balance)} suffix="đ" />
            <Statistic title={t('supplies.goodsValue')} value={fmt.number(b.goodsValue)} suffix="đ" />
            <Statistic title={t('supplies.alerts')} value={low.length} valueStyle={low.length ? { color: '#cf1322' } : undefined} />
          </Space>
        </Card>
      )}
      {stock.error && <ErrorAlert error={stock.error} onRetry={stock.reload} />}
      <Tabs items={[
        {
          key: 'stock', label: t('supplies.stockTab'), children: (
            <>
              <Space wrap style={{ marginBottom: 12 }}>
                <Select allowClear showSearch optionFilterProp="label" placeholder={t('supplies.allFacilities')} style={{ width: 320 }} value={facilityId} onChange={(v?: number) => setFacilityId(v)}
                  options={(facilities.data?.items ?? []).map((f) => ({ value: f.id, label: f.name }))} />
                {mayWrite && <Button icon={<PlusOutlined />} onClick={() => setEntry('movement')}>{t('supplies.newMovement')}</Button>}
                {mayWrite && <Button onClick={() => setEntry('transfer')}>{t('supplies.newTransfer')}</Button>}
                {mayWrite && <Button onClick={() => setEntry('threshold')}>{t('supplies.setThreshold')}</Button>}
                {provinceWriter && <Button onClick={() => setEntry('item')}>{t('supplies.newItem')}</Button>}
                <ExportButton ledger="stock" />
              </Space>
              <Table<StockLine> size="small" rowKey={(s) => `${s.facilityId}:${s.itemId}`} columns={stockColumns} dataSource={stock.data?.items ?? []} loading={stock.loading} />
            </>
          ),
        },
        {
          key: 'movements', label: t('supplies.movementsTab'), children: (
            <>
              <Space style={{ marginBottom: 12 }}><ExportButton ledger="movements" /></Space>
              <Table<Movement> size="small" rowKey="id" columns={movementColumns} dataSource={movements.data?.items ?? []} loading={movements.loading} pagination={paged(movements, 'movements')} />
            </>
          ),
        },
        {
          key: 'donations', label: t('supplies.donationsTab'), children: (
            <>
              <Space style={{ marginBottom: 12 }}>
                {provinceWriter && <Button icon={<PlusOutlined />} onClick={() => setEntry('donation')}>{t('supplies.newDonation')}</Button>}
                <ExportButton ledger="donations" />
              </Space>
              <Table<Donation> size="small" rowKey="id" columns={donationColumns} dataSource={donations.data?.items ?? []} loading={donations.loading} pagination={paged(donations, 'donations')} />
            </>
          ),
        },
        {
          key: 'spending', label: t('supplies.spendingTab'), children: (
            <>
              <Space style={{ marginBottom: 12 }}>
                {provinceWriter && <Button icon={<PlusOutlined />} onClick={() => setEntry('spending')}>{t('supplies.newSpending')}</Button>}
                <ExportButton ledger="spending" />
              </Space>
              <Table<Spending> size="small" rowKey="id" columns={spendingColumns} dataSource={spending.data?.items ?? []} loading={spending.loading} pagination={paged(spending, 'spending')} />
              {b && b.spendingByItem.length > 0 && (
                <Table size="small" style={{ marginTop: 16 }} rowKey="item" pagination={false} dataSource={b.spendingByItem}
                  columns={[{ title: t('supplies.spendingItem'), dataIndex: 'item' }, { title: t('supplies.amount'), dataIndex: 'amountVnd', align: 'right', render: (v: number) => fmt.number(v) }]} />
              )}
            </>
          ),
        },
      ]} />
      {entry && (
        <EntryModal kind={entry} items={items.data?.items ?? []} facilities={facilities.data?.items ?? []}
          onClose={(saved) => { setEntry(null); if (saved) { reloadAll(); items.reload(); } }} />
      )}
    </>
  );
}
