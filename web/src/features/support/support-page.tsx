import { App, Button, Card, DatePicker, Input, Segmented, Select, Space, Statistic, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest, errorText } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { CommuneSelect, DistrictSelect } from '../../shared/ui/area-selects.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { PageHeader } from '../../shared/ui/page-header.tsx';
import { PaymentDetailsModal, DecisionModal } from './support-modals.tsx';
import { ListsTab } from './support-lists.tsx';
import { type Eligibility, type EligibilityQuery, type EligibleLine, MISSING_ITEMS, type MissingItem, supportPaths } from './support-api.ts';

/** NQ68 support: who is eligible in a commune and what is missing, and the payment lists with their workflow. */
export default function SupportPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [tab, setTab] = useState('eligible');
  return (
    <>
      <PageHeader title={t('support.title')} />
      <Tabs activeKey={tab} onChange={setTab} items={[
        { key: 'eligible', label: t('support.eligibleTab'), children: <EligibleTab onPrepared={() => setTab('lists')} /> },
        { key: 'lists', label: t('support.listsTab'), children: <ListsTab me={me} /> },
      ]} />
    </>
  );
}

function EligibleTab({ onPrepared }: { onPrepared: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const { message } = App.useApp();
  const own = me.scope.kind === 'commune' ? me.scope.code : undefined;
  const [district, setDistrict] = useState<string | undefined>(me.scope.kind === 'district' ? me.scope.code : undefined);
  const [query, setQuery] = useState<EligibilityQuery>({ communeCode: own ?? '', from: '2021-04-27', to: dayjs().format('YYYY-MM-DD'), show: 'all', page: 1, pageSize: 20 });
  const data = useApi<Eligibility>(query.communeCode ? supportPaths.eligibility(query) : null);
  const [decisionFor, setDecisionFor] = useState<EligibleLine | null>(null);
  const [paymentFor, setPaymentFor] = useState<EligibleLine | null>(null);
  const [preparing, setPreparing] = useState(false);
  const mayPrepare = can(me, 'support:prepare');
  const set = (patch: Partial<EligibilityQuery>) => setQuery((q) => ({ ...q, page: 1, ...patch }));

  const prepare = async () => {
    setPreparing(true);
    try {
      await apiRequest('/api/support/lists', { method: 'POST', json: { communeCode: query.communeCode, from: query.from, to: query.to } });
      message.success(t('support.prepared'));
      data.reload();
      onPrepared();
    } catch (e) {
      message.error(errorText(e, fmt.lang));
    } finally {
      setPreparing(false);
    }
  };

  const columns: TableColumnsType<EligibleLine> = [
    { title: t('support.col.name'), dataIndex: 'fullName', render: (v: string, l) => <Space size={4}>{v}{l.child && <Tag color="magenta">{t('support.child')}</Tag>}</Space> },
    { title: t('support.col.birth'), dataIndex: 'dateOfBirth', render: (v: string | null) => fmt.date(v) },
    { title: t('support.col.subject'), dataIndex: 'subject', render: (v: string) => <Tag color={v === 'f0' ? 'red' : 'orange'}>{v.toUpperCase()}</Tag> },
    { title: t('support.col.decision'), render: (_, l) => (l.decision ? `${l.decision.no} (${fmt.date(l.decision.date)})` : '–') },
    { title: t('support.col.period'), render: (_, l) => `${fmt.date(l.from)} – ${fmt.date(l.to)}` },
    { title: t('support.col.days'), dataIndex: 'days', align: 'right', render: (v: number, l) => (l.alreadyClaimedDays ? `${v} (+${l.alreadyClaimedDays} ${t('support.claimed')})` : v) },
    { title: t('support.col.amount'), dataIndex: 'daysAmount', align: 'right', render: (v: number) => fmt.number(v) },
    { title: t('support.col.bonus'), dataIndex: 'childBonus', align: 'right', render: (v: number) => fmt.number(v) },
    { title: t('support.col.total'), dataIndex: 'total', align: 'right', render: (v: number) => <strong>{fmt.number(v)}</strong> },
    {
      title: t('support.col.missing'), dataIndex: 'missing',
      render: (m: MissingItem[]) => (m.length === 0 ? <Tag color="green">{t('support.complete')}</Tag> : m.map((x) => <Tag key={x} color="volcano">{t(`support.missing.${x}`)}</Tag>)),
    },
    ...(mayPrepare ? [{
      title: '', key: 'act', render: (_: unknown, l: EligibleLine) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDecisionFor(l)}>{t('support.recordDecision')}</Button>
          <Button type="link" size="small" onClick={() => setPaymentFor(l)}>{t('support.paymentDetails')}</Button>
        </Space>
      ),
    }] : []),
  ];

  const s = data.data?.summary;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        {!own && (
          <>
            <DistrictSelect value={district} onChange={(d?: string) => { setDistrict(d); set({ communeCode: '' }); }} placeholder={t('area.district')} style={{ width: 200 }} />
            <CommuneSelect districtCode={district} value={query.communeCode || undefined} onChange={(c?: string) => set({ communeCode: c ?? '' })} placeholder={t('area.commune')} style={{ width: 220 }} />
          </>
        )}
        <DatePicker.RangePicker
          format="DD/MM/YYYY" allowClear={false} value={[dayjs(query.from), dayjs(query.to)]}
          onChange={(r) => r?.[0] && r[1] && set({ from: r[0].format('YYYY-MM-DD'), to: r[1].format('YYYY-MM-DD') })}
        />
        <Segmented value={query.show} onChange={(v) => set({ show: v as EligibilityQuery['show'] })}
          options={[{ value: 'all', label: t('support.show.all') }, { value: 'complete', label: t('support.show.complete') }, { value: 'incomplete', label: t('support.show.incomplete') }]} />
        <Select allowClear placeholder={t('support.onlyMissing')} style={{ width: 220 }} value={query.missing} onChange={(v?: MissingItem) => set({ missing: v })}
          options={MISSING_ITEMS.map((m) => ({ value: m, label: t(`support.missing.${m}`) }))} />
        <Input.Search allowClear placeholder={t('support.search')} style={{ width: 220 }} onSearch={(q) => set({ q: q || undefined })} />
      </Space>
      {!query.communeCode && <Typography.Paragraph type="secondary">{t('support.chooseCommune')}</Typography.Paragraph>}
      {data.error && <ErrorAlert error={data.error} onRetry={data.reload} />}
      {s && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Space wrap size={32}>
            <Statistic title={t('support.sum.people')} value={s.people} />
            <Statistic title={t('support.sum.complete')} value={`${s.complete} / ${s.lines}`} />
            <Statistic title={t('support.sum.amount')} value={fmt.number(s.amount)} suffix="đ" />
            {MISSING_ITEMS.map((m) => <Statistic key={m} title={t(`support.missing.${m}`)} value={s.missing[m]} valueStyle={s.missing[m] ? { color: '#d4380d' } : undefined} />)}
            {mayPrepare && <Button type="primary" loading={preparing} disabled={!s.complete} onClick={() => void prepare()} data-testid="support-prepare">{t('support.prepare')}</Button>}
          </Space>
        </Card>
      )}
      <Table<EligibleLine>
        rowKey="key" size="small" columns={columns} dataSource={data.data?.items ?? []} loading={data.loading} scroll={{ x: 1200 }}
        pagination={{ current: query.page, pageSize: query.pageSize, total: data.data?.total ?? 0, showTotal: (n) => t('support.lines', { count: n }) }}
        onChange={(p) => setQuery((q) => ({ ...q, page: p.current ?? 1, pageSize: p.pageSize ?? q.pageSize }))}
      />
      {decisionFor && <DecisionModal line={decisionFor} onClose={(saved) => { setDecisionFor(null); if (saved) data.reload(); }} />}
      {paymentFor && <PaymentDetailsModal line={paymentFor} onClose={(saved) => { setPaymentFor(null); if (saved) data.reload(); }} />}
    </>
  );
}
