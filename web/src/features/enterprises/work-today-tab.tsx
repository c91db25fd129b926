import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useDownload } from '../../shared/hooks/use-download.ts';
import { DEFAULT_PAGE_SIZE } from '../../shared/hooks/url-query.ts';
import { todayInVietnam, useFormat } from '../../shared/i18n/format.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { pagedTableProps, pagingAfterChange } from '../../shared/ui/table-paging.ts';
import { StatusTag } from './enterprise-tags.tsx';
import { enterprisePaths, type Structure } from './enterprises-api.ts';
import { type WorkListQuery, workPaths, type WorkReason, type WorkStatusList, type WorkStatusRow } from './work-status-api.ts';

const REASON_COLOR: Record<WorkReason, string> = { case: 'red', f1: 'volcano', f1_on_site: 'blue', f2: 'gold', awaiting_test: 'orange', enterprise_suspended: 'default', none: 'green' };

/** The "may work" tag of a worker with the reason, as the list and the worker drawer show it. */
export function WorkStatusTag({ status }: { status: Pick<WorkStatusRow, 'mayWork' | 'reason'> }) {
  const { t } = useTranslation();
  return (
    <Tag color={status.mayWork ? (status.reason === 'none' ? 'green' : REASON_COLOR[status.reason]) : 'red'} data-testid="work-status-tag">
      {status.mayWork ? t('enterpriseWork.mayWork') : t('enterpriseWork.mayNotWork')}
      {status.reason !== 'none' && ` · ${t(`enterpriseWork.reasons.${status.reason}`)}`}
    </Tag>
  );
}

/** "Đi làm hôm nay": the day's list per shift under the work-status rule in force, with the XLSX export. */
export function WorkTodayTab({ enterpriseId }: { enterpriseId: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [query, setQuery] = useState<WorkListQuery>({ date: todayInVietnam(), page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const list = useApi<WorkStatusList>(workPaths.list(enterpriseId, query));
  const structure = useApi<Structure>(enterprisePaths.structure(enterpriseId));
  const { downloading, download } = useDownload();
  const filter = (patch: Partial<WorkListQuery>) => setQuery({ ...query, page: 1, ...patch });
  const s = structure.data;
  const d = list.data;
  const { page: _p, pageSize: _s, ...filters } = query;

  return (
    <div data-testid="work-today">
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker format="DD/MM/YYYY" allowClear={false} value={dayjs(query.date)} onChange={(v) => v && filter({ date: v.format('YYYY-MM-DD') })} />
        <Select<number> allowClear placeholder={t('enterprises.worker.allShifts')} style={{ width: 170 }} value={query.shiftId}
          options={(s?.shifts ?? []).map((x) => ({ value: x.id, label: `${x.name} (${x.startTime}–${x.endTime})` }))} onChange={(shiftId?: number) => filter({ shiftId })} />
        <Select<number> allowClear placeholder={t('enterprises.worker.allWorkshops')} style={{ width: 170 }} value={query.workshopId}
          options={(s?.workshops ?? []).map((w) => ({ value: w.id, label: w.name }))} onChange={(workshopId?: number) => filter({ workshopId })} />
        <Select<'yes' | 'no'> allowClear placeholder={t('enterpriseWork.everyone')} style={{ width: 170 }} value={query.mayWork === undefined ? undefined : query.mayWork ? 'yes' : 'no'}
          options={[{ value: 'yes', label: t('enterpriseWork.mayWork') }, { value: 'no', label: t('enterpriseWork.mayNotWork') }]}
          onChange={(v?: 'yes' | 'no') => filter({ mayWork: v === undefined ? undefined : v === 'yes' })} data-testid="work-today-filter" />
        <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void download(workPaths.export(enterpriseId, filters), `di-lam-${query.date}.xlsx`)}>{t('enterprises.export')}</Button>
      </Space>
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {d && (
        <Alert
          type="info" showIcon style={{ marginBottom: 12 }}
          title={<>{t('enterpriseWork.ruleInForce', { rule: fmt.lang === 'vi' ? d.ruleName.vi : d.ruleName.en, code: d.ruleCode })} · <StatusTag status={d.operatingStatus} /></>}
          description={
            <Space wrap size={[16, 4]}>
              {d.shifts.map((x) => (
                <Typography.Text key={String(x.shiftId)} data-testid="work-today-shift">
                  <b>{x.shiftName ?? t('enterpriseWork.noShift')}</b>: {t('enterpriseWork.shiftCounts', { mayWork: fmt.number(x.mayWork), mayNot: fmt.number(x.mayNotWork), total: fmt.number(x.total) })}
                </Typography.Text>
              ))}
            </Space>
          }
        />
      )}
      <Table<WorkStatusRow>
        rowKey="workerId" size="small" scroll={{ x: 900 }} data-testid="work-today-table"
        {...pagedTableProps(list, query, (total) => t('enterprises.worker.total', { total: fmt.number(total) }))}
        onChange={(p) => setQuery({ ...query, ...pagingAfterChange(query, p) })}
        columns={[
          { title: t('enterprises.worker.employeeCode'), dataIndex: 'employeeCode', width: 110 },
          { title: t('enterprises.worker.fullName'), dataIndex: 'fullName' },
          { title: t('enterprises.worker.workshop'), key: 'ws', render: (_: unknown, w) => [w.workshopName, w.shiftName].filter(Boolean).join(' – ') || '–' },
          { title: t('enterpriseWork.status'), key: 'status', width: 230, render: (_: unknown, w) => <WorkStatusTag status={w} /> },
          { title: t('enterpriseWork.note'), key: 'note', render: (_: unknown, w) => <>{w.reason === 'none' ? '–' : fmt.lang === 'vi' ? w.note.vi : w.note.en}{w.since && <Typography.Text type="secondary"> · {t('enterpriseWork.since')} {fmt.date(w.since)}</Typography.Text>}</> },
          { title: t('enterprises.worker.phone'), dataIndex: 'phone', width: 130, render: (p: string | null) => p ?? '–' },
        ]}
      />
    </div>
  );
}
