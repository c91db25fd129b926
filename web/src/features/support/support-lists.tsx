import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Drawer, Input, Select, Space, Table, type TableColumnsType, Tag, Timeline } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest, errorText } from '../../shared/api/client.ts';
import type { Me } from '../../shared/api/types.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useDownload } from '../../shared/hooks/use-download.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { actionsFor, type ListAction, LIST_STATUSES, type ListStatus, type PaymentListDetail, type PaymentListSummary, supportPaths } from './support-api.ts';
import type { Paged } from '../../shared/api/types.ts';

const STATUS_COLOR: Record<ListStatus, string> = { prepared: 'default', submitted: 'blue', checked: 'cyan', approved: 'geekblue', paid: 'green', returned: 'red' };

function XlsxButton({ id }: { id: number }) {
  const { t } = useTranslation();
  const { downloading, download } = useDownload();
  return <Button size="small" icon={<DownloadOutlined />} loading={downloading} onClick={() => void download(supportPaths.xlsx(id), `danh-sach-chi-tra-${id}.xlsx`)}>{t('support.xlsx')}</Button>;
}

/** Payment lists in the user's area: status, totals, the next step the user may take, the XLSX. */
export function ListsTab({ me }: { me: Me }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message, modal } = App.useApp();
  const [status, setStatus] = useState<ListStatus | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const lists = useApi<Paged<PaymentListSummary>>(supportPaths.lists({ status, ...page }));
  const [open, setOpen] = useState<number | null>(null);
  const detail = useApi<PaymentListDetail>(open ? supportPaths.list(open) : null);

  const act = (l: PaymentListSummary, action: ListAction) => {
    let reason = '';
    let paidOn = dayjs().format('YYYY-MM-DD');
    const run = async () => {
      try {
        await apiRequest(supportPaths.act(l.id, action), { method: 'POST', json: action === 'pay' ? { paidOn, reference: reason || null } : { reason: reason || null } });
        message.success(t(`support.done.${action}`));
        lists.reload();
        if (open === l.id) detail.reload();
      } catch (e) {
        message.error(errorText(e, fmt.lang));
        throw e;
      }
    };
    modal.confirm({
      title: t(`support.actions.${action}`),
      content: action === 'return' || action === 'pay' ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          {action === 'pay' && <DatePicker format="DD/MM/YYYY" defaultValue={dayjs()} onChange={(d) => { if (d) paidOn = d.format('YYYY-MM-DD'); }} />}
          <Input.TextArea rows={3} placeholder={action === 'return' ? t('support.reason') : t('support.reference')} onChange={(e) => { reason = e.target.value; }} />
        </Space>
      ) : t('support.confirm', { id: l.id, commune: l.communeName }),
      onOk: run,
    });
  };

  const columns: TableColumnsType<PaymentListSummary> = [
    { title: t('support.col.list'), dataIndex: 'id', render: (id: number) => <Button type="link" onClick={() => setOpen(id)}>#{id}</Button> },
    { title: t('area.commune'), dataIndex: 'communeName' },
    { title: t('support.col.period'), render: (_, l) => `${fmt.date(l.periodFrom)} – ${fmt.date(l.periodTo)}` },
    { title: t('support.col.lines'), dataIndex: 'lineCount', align: 'right' },
    { title: t('support.col.total'), dataIndex: 'totalAmount', align: 'right', render: (v: number) => fmt.number(v) },
    { title: t('support.col.status'), dataIndex: 'status', render: (s: ListStatus, l) => <Space size={4}><Tag color={STATUS_COLOR[s]}>{t(`support.status.${s}`)}</Tag>{l.returnReason && s === 'returned' && <span>{l.returnReason}</span>}</Space> },
    {
      title: '', key: 'act', render: (_, l) => (
        <Space size={4} wrap>
          {actionsFor(l.status, (p) => can(me, p)).map((a) => <Button key={a} size="small" danger={a === 'return'} type={a === 'return' ? 'default' : 'primary'} onClick={() => act(l, a)}>{t(`support.actions.${a}`)}</Button>)}
          <XlsxButton id={l.id} />
        </Space>
      ),
    },
  ];

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('support.allStatuses')} style={{ width: 220 }} value={status} onChange={(s?: ListStatus) => { setStatus(s); setPage((p) => ({ ...p, page: 1 })); }}
          options={LIST_STATUSES.map((s) => ({ value: s, label: t(`support.status.${s}`) }))} />
      </Space>
      {lists.error && <ErrorAlert error={lists.error} onRetry={lists.reload} />}
      <Table<PaymentListSummary> rowKey="id" size="small" columns={columns} dataSource={lists.data?.items ?? []} loading={lists.loading}
        pagination={{ current: page.page, pageSize: page.pageSize, total: lists.data?.total ?? 0 }} onChange={(p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })} />
      <Drawer open={open !== null} width={960} onClose={() => setOpen(null)} title={open ? `${t('support.col.list')} #${open}` : ''} extra={open ? <XlsxButton id={open} /> : null}>
        {detail.error && <ErrorAlert error={detail.error} />}
        {detail.data && (
          <>
            <Table size="small" rowKey="id" pagination={false} scroll={{ x: 900 }} dataSource={detail.data.lines} columns={[
              { title: t('support.col.name'), dataIndex: 'fullName' },
              { title: t('support.col.subject'), dataIndex: 'subject', render: (v: string) => v.toUpperCase() },
              { title: t('support.col.decision'), dataIndex: 'decisionNo' },
              { title: t('support.col.period'), render: (_, l) => `${fmt.date(l.firstDay)} – ${fmt.date(l.lastDay)}` },
              { title: t('support.col.days'), dataIndex: 'days', align: 'right' },
              { title: t('support.col.bonus'), dataIndex: 'childBonus', align: 'right', render: (v: number) => fmt.number(v) },
              { title: t('support.col.total'), dataIndex: 'total', align: 'right', render: (v: number) => fmt.number(v) },
              { title: t('support.col.payment'), render: (_, l) => (l.paymentMethod === 'cash' ? t('support.cash') : `${l.bankName ?? ''} ${l.accountNo ?? ''}`) },
            ]} />
            <Timeline style={{ marginTop: 24 }} items={detail.data.history.map((h) => ({
              children: `${fmt.dateTime(h.at)} — ${t(`support.status.${h.toStatus}`)}${h.by ? ` (${h.by})` : ''}${h.reason ? `: ${h.reason}` : ''}`,
            }))} />
          </>
        )}
      </Drawer>
    </>
  );
}
