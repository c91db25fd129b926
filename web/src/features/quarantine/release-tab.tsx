import { CheckCircleOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, type ButtonProps, DatePicker, Popconfirm, Segmented, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useDownload } from '../../shared/hooks/use-download.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { pagedTableProps, pagingAfterChange } from '../../shared/ui/table-paging.ts';
import { FacilityFilterSelect } from './facility-select.tsx';
import {
  certificatesPath,
  type Facility,
  MAX_CERTIFICATES,
  ORDER_SUBJECTS,
  type OrderList,
  type QuarantineOrder,
  quarantinePaths,
  RELEASE_STATUSES,
  RELEASE_VIEWS,
  type ReleaseItem,
  type ReleaseList,
  type ReleaseQuery,
  releaseQueryFromParams,
  releaseQueryToParams,
  type ReleaseResult,
  type ReleaseStatus,
  type ReleaseView,
} from './quarantine-api.ts';
import { isReleasable, localised, RELEASE_STATUS_COLOURS } from './quarantine-view.ts';
import { todayInVietnam } from '../../shared/i18n/format.ts';
import { muted, OrderStatusTag, ReleaseStatusTag } from './quarantine-tags.tsx';
import { RejectionAlert } from './rejection-alert.tsx';

interface Props {
  params: URLSearchParams;
  setOwn: (own: Record<string, string>) => void;
  facilities: { data: Facility[]; loading: boolean };
}

/** "Hoàn thành cách ly": who may go home on a day (and why the others may not), and the certificates of those released. */
export function ReleaseTab({ params, setOwn, facilities }: Props) {
  const { t } = useTranslation();
  const today = todayInVietnam();
  const query = releaseQueryFromParams(params, today);
  const update = (patch: Partial<ReleaseQuery>) => setOwn(releaseQueryToParams({ ...query, ...patch }, today));

  return (
    <div>
      <Segmented<ReleaseView>
        value={query.view}
        options={RELEASE_VIEWS.map((v) => ({ value: v, label: t(`quarantine.release.views.${v}`) }))}
        onChange={(view) => update({ view, page: 1 })}
        style={{ marginBottom: 12 }}
        data-testid="release-view"
      />
      {query.view === 'due' ? (
        <DueList query={query} update={update} facilities={facilities} />
      ) : (
        <ReleasedList query={query} update={update} facilities={facilities} />
      )}
    </div>
  );
}

interface ListProps {
  query: ReleaseQuery;
  update: (patch: Partial<ReleaseQuery>) => void;
  facilities: { data: Facility[]; loading: boolean };
}

function useSubjectText() {
  const { t } = useTranslation();
  return (s: string | null) => (s && (ORDER_SUBJECTS as readonly string[]).includes(s) ? t(`quarantine.subjects.${s as (typeof ORDER_SUBJECTS)[number]}`) : (s ?? '–'));
}

function facilityRoom(facilityName: string | null, roomLabel: string | null) {
  if (!facilityName) return '–';
  return (
    <>
      {facilityName}
      {roomLabel && <div style={muted}>{roomLabel}</div>}
    </>
  );
}

/** Prints the release certificates of the given orders (one .docx, the name from the server). */
function PrintButton({ orderIds, testId, type }: { orderIds: number[]; testId: string; type?: 'primary' }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const download = useDownload();
  const path = orderIds.length <= MAX_CERTIFICATES ? certificatesPath(orderIds) : null;
  return (
    <Button
      type={type}
      icon={<PrinterOutlined />}
      disabled={path === null}
      loading={download.downloading}
      onClick={() => path && void download.download(path, t('quarantine.release.certificateFile'))}
      data-testid={testId}
    >
      {t('quarantine.release.print')}
      {orderIds.length > 1 ? ` (${fmt.number(orderIds.length)})` : ''}
    </Button>
  );
}

function DueList({ query, update, facilities }: ListProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const today = todayInVietnam();
  const subjectText = useSubjectText();
  const list = useApi<ReleaseList>(quarantinePaths.release(query));
  const mayRelease = can(me, 'quarantine:write');
  const [selected, setSelected] = useState<number[]>([]);
  const [releasing, setReleasing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [released, setReleased] = useState<ReleaseResult | null>(null);

  const filter = (patch: Partial<ReleaseQuery>) => {
    setSelected([]);
    setError(null);
    update(patch);
  };

  const release = async () => {
    setReleasing(true);
    setError(null);
    try {
      const r = await api.post<ReleaseResult>(quarantinePaths.releaseConfirm, { orderIds: selected, date: query.date });
      setReleased(r);
      setSelected([]);
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      setReleasing(false);
    }
  };

  const columns: TableColumnsType<ReleaseItem> = [
    { title: t('quarantine.release.person'), dataIndex: 'fullName', fixed: 'left', width: 190 },
    { title: t('quarantine.release.facilityRoom'), key: 'facility', width: 200, render: (_, i) => facilityRoom(i.facilityName, i.roomLabel) },
    { title: t('quarantine.release.subject'), dataIndex: 'subject', width: 170, render: subjectText },
    { title: t('quarantine.release.startDate'), dataIndex: 'startDate', width: 115, render: (d: string) => fmt.date(d) },
    { title: t('quarantine.release.releaseDate'), dataIndex: 'releaseDate', width: 125, render: (d: string | null) => fmt.date(d) },
    { title: t('quarantine.release.status'), dataIndex: 'status', width: 170, render: (s: ReleaseStatus) => <ReleaseStatusTag status={s} /> },
    {
      title: t('quarantine.release.reason'),
      key: 'reason',
      width: 320,
      render: (_, i) => (
        <>
          {/* The server's reason already names the missing tests; the dates alone stand in when it gives none. */}
          {i.reason ? localised(i.reason, fmt.lang) : i.missing.length > 0 ? t('quarantine.release.missing', { items: i.missing.map((d) => fmt.date(d)).join(', ') }) : '–'}
        </>
      ),
    },
  ];

  const counts = list.data?.counts;

  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker
          format="DD/MM/YYYY"
          allowClear={false}
          aria-label={t('quarantine.release.date')}
          value={dayjs(query.date)}
          disabledDate={(d) => d.format('YYYY-MM-DD') > today}
          onChange={(d) => filter({ date: d ? d.format('YYYY-MM-DD') : today })}
          data-testid="release-date"
        />
        <FacilityFilterSelect
          facilities={facilities.data}
          loading={facilities.loading}
          value={query.facilityId}
          onChange={(facilityId) => filter({ facilityId })}
          testId="release-facility"
        />
        <Select<ReleaseStatus>
          allowClear
          placeholder={t('quarantine.allStatuses')}
          aria-label={t('quarantine.release.status')}
          value={query.status}
          options={RELEASE_STATUSES.map((s) => ({ value: s, label: t(`quarantine.release.statuses.${s}`) }))}
          onChange={(status?: ReleaseStatus) => filter({ status })}
          style={{ width: 210 }}
          data-testid="release-status"
        />
      </Space>

      {counts && (
        <Space wrap size={[8, 8]} style={{ marginBottom: 12 }} data-testid="release-counts">
          {RELEASE_STATUSES.map((s) => (
            <Tag key={s} color={RELEASE_STATUS_COLOURS[s]} style={{ marginInlineEnd: 0, fontSize: 13, padding: '2px 8px' }}>
              {t(`quarantine.release.statuses.${s}`)}: <b>{fmt.number(counts[s])}</b>
            </Tag>
          ))}
        </Space>
      )}

      {released && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setReleased(null) }}
          title={t('quarantine.release.done', { count: released.released })}
          action={<PrintButton orderIds={released.orderIds} testId="release-print" type="primary" />}
          style={{ marginBottom: 12 }}
          data-testid="release-done"
        />
      )}
      <RejectionAlert error={error} code="RELEASE_REJECTED" title={t('quarantine.release.rejected')} testId="release-error" />
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {list.data?.truncated && <Alert type="warning" showIcon title={t('quarantine.release.truncated')} style={{ marginBottom: 12 }} />}

      {mayRelease && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginBottom: 8 }}>
          <Popconfirm
            title={t('quarantine.release.confirmTitle', { count: selected.length, date: fmt.date(query.date) })}
            okText={t('quarantine.release.confirmOk')}
            cancelText={t('app.cancel')}
            // antd's types leave data-* props out; the button renders them.
            okButtonProps={{ 'data-testid': 'release-confirm-ok' } as ButtonProps}
            disabled={selected.length === 0}
            onConfirm={() => release()}
          >
            <Button type="primary" icon={<CheckCircleOutlined />} disabled={selected.length === 0} loading={releasing} data-testid="release-confirm">
              {t('quarantine.release.confirm')}
              {selected.length > 0 ? ` (${fmt.number(selected.length)})` : ''}
            </Button>
          </Popconfirm>
          <Typography.Text type="secondary">
            {selected.length > 0 ? t('quarantine.selected', { count: selected.length }) : t('quarantine.release.onlyDueHint')}
          </Typography.Text>
        </div>
      )}

      <Table<ReleaseItem>
        rowKey="orderId"
        size="middle"
        data-testid="release-table"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: 1300 }}
        rowSelection={
          mayRelease
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys.map(Number)),
                getCheckboxProps: (i) => ({ disabled: !isReleasable(i), 'aria-label': i.fullName }),
              }
            : undefined
        }
        pagination={{ defaultPageSize: 50, showSizeChanger: true, showTotal: (total) => t('quarantine.release.total', { total: fmt.number(total) }) }}
      />
    </div>
  );
}

/** Orders already released ("Đã hoàn thành"), to print their certificates again. */
function ReleasedList({ query, update, facilities }: ListProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const subjectText = useSubjectText();
  const list = useApi<OrderList>(quarantinePaths.released(query));
  const [selected, setSelected] = useState<number[]>([]);

  const columns: TableColumnsType<QuarantineOrder> = [
    { title: t('quarantine.release.person'), dataIndex: 'full_name', fixed: 'left', width: 190 },
    { title: t('quarantine.release.facilityRoom'), key: 'facility', width: 220, render: (_, o) => facilityRoom(o.facility_name, o.room_label) },
    { title: t('quarantine.release.subject'), dataIndex: 'subject', width: 170, render: subjectText },
    { title: t('quarantine.release.startDate'), dataIndex: 'start_date', width: 115, render: (d: string) => fmt.date(d) },
    { title: t('quarantine.release.releaseDate'), dataIndex: 'release_date', width: 125, render: (d: string | null) => fmt.date(d) },
    { title: t('quarantine.orders.status'), dataIndex: 'status', width: 130, render: (s: QuarantineOrder['status']) => <OrderStatusTag status={s} /> },
  ];

  return (
    <div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginBottom: 12 }}>
        <FacilityFilterSelect
          facilities={facilities.data}
          loading={facilities.loading}
          value={query.facilityId}
          onChange={(facilityId) => {
            setSelected([]);
            update({ facilityId, page: 1 });
          }}
          testId="released-facility"
        />
        <PrintButton orderIds={selected} testId="released-print" />
        {selected.length > MAX_CERTIFICATES && (
          <Typography.Text type="danger">{t('quarantine.release.tooMany', { max: fmt.number(MAX_CERTIFICATES) })}</Typography.Text>
        )}
      </div>
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<QuarantineOrder>
        rowKey="id"
        size="middle"
        data-testid="released-table"
        columns={columns}
        scroll={{ x: 960 }}
        rowSelection={{
          preserveSelectedRowKeys: true,
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys.map(Number)),
          getCheckboxProps: (o) => ({ 'aria-label': o.full_name }),
        }}
        onChange={(p) => update(pagingAfterChange(query, p))}
        {...pagedTableProps(list, query, (total) => t('quarantine.release.releasedTotal', { total: fmt.number(total) }))}
      />
    </div>
  );
}
