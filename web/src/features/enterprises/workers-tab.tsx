import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Paged } from '../../shared/api/types.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useDownload } from '../../shared/hooks/use-download.ts';
import { DEFAULT_PAGE_SIZE } from '../../shared/hooks/url-query.ts';
import { todayInVietnam, useFormat } from '../../shared/i18n/format.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { SearchInput } from '../../shared/ui/search-input.tsx';
import { pagedTableProps, pagingAfterChange } from '../../shared/ui/table-paging.ts';
import { XlsxImportModal } from '../../shared/ui/xlsx-import-modal.tsx';
import { COMMUTE_MODES, type CommuteMode, enterprisePaths, type Structure, type Worker, type WorkerImportReport, type WorkerQuery } from './enterprises-api.ts';
import { WorkerDrawer } from './worker-drawer.tsx';

/** Column labels of the import's issues (the server names the template's keys). */
const FIELD_LABELS: Record<string, string> = {
  employeeCode: 'enterprises.worker.employeeCode', fullName: 'enterprises.worker.fullName', sex: 'enterprises.worker.sex', dateOfBirth: 'enterprises.worker.dateOfBirth',
  nationalId: 'enterprises.worker.nationalId', phone: 'enterprises.worker.phone', communeCode: 'enterprises.commune', addressDetail: 'enterprises.addressDetail',
  workshop: 'enterprises.worker.workshop', shift: 'enterprises.worker.shift', commuteMode: 'enterprises.worker.commuteMode', busRoute: 'enterprises.worker.busRoute',
  lodging: 'enterprises.worker.lodging', room: 'enterprises.worker.room', homeAddress: 'enterprises.worker.homeAddress', employedFrom: 'enterprises.worker.employedFrom',
  employedTo: 'enterprises.worker.employedTo', changeDate: 'enterprises.worker.changeDate',
};

interface Props { enterpriseId: number; mayImport: boolean; mayWrite: boolean; onImported: () => void }

/** The worker list: filters, the import wizard (upload → preview with every row's result or errors → commit), template, export. */
export function WorkersTab({ enterpriseId, mayImport, mayWrite, onImported }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [query, setQuery] = useState<WorkerQuery>({ page: 1, pageSize: DEFAULT_PAGE_SIZE, status: 'active' });
  const list = useApi<Paged<Worker>>(enterprisePaths.workers(enterpriseId, query));
  const structure = useApi<Structure>(enterprisePaths.structure(enterpriseId));
  const [importing, setImporting] = useState(false);
  const [changeDate, setChangeDate] = useState(todayInVietnam());
  const [shown, setShown] = useState<number | null>(null);
  const { downloading, download } = useDownload();
  const filter = (patch: Partial<WorkerQuery>) => setQuery({ ...query, page: 1, ...patch });
  const s = structure.data;
  const { page: _p, pageSize: _s, ...filters } = query;

  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <SearchInput value={query.q} onSearch={(q) => filter({ q })} placeholder={t('enterprises.worker.searchPlaceholder')} width={240} testId="workers-search" />
        <Select<number> allowClear placeholder={t('enterprises.worker.allWorkshops')} style={{ width: 170 }} value={query.workshopId}
          options={(s?.workshops ?? []).map((w) => ({ value: w.id, label: w.name }))} onChange={(workshopId?: number) => filter({ workshopId })} />
        <Select<number> allowClear placeholder={t('enterprises.worker.allShifts')} style={{ width: 140 }} value={query.shiftId}
          options={(s?.shifts ?? []).map((x) => ({ value: x.id, label: `${x.name} (${x.startTime}–${x.endTime})` }))} onChange={(shiftId?: number) => filter({ shiftId })} />
        <Select<number> allowClear placeholder={t('enterprises.worker.allRoutes')} style={{ width: 170 }} value={query.busRouteId}
          options={(s?.busRoutes ?? []).map((r) => ({ value: r.id, label: r.name }))} onChange={(busRouteId?: number) => filter({ busRouteId })} />
        <Select<CommuteMode> allowClear placeholder={t('enterprises.worker.allModes')} style={{ width: 160 }} value={query.commuteMode}
          options={COMMUTE_MODES.map((m) => ({ value: m, label: t(`enterprises.worker.modes.${m}`) }))} onChange={(commuteMode?: CommuteMode) => filter({ commuteMode })} />
        <Select<'active' | 'ended' | 'all'> style={{ width: 120 }} value={query.status} onChange={(status) => filter({ status })}
          options={[{ value: 'active', label: t('enterprises.worker.active') }, { value: 'ended', label: t('enterprises.worker.ended') }, { value: 'all', label: t('app.all') }]} />
      </Space>
      <Space wrap style={{ marginBottom: 12, display: 'flex' }}>
        {mayImport && (
          <>
            <Typography.Text>{t('enterprises.importer.changeDate')}</Typography.Text>
            <DatePicker format="DD/MM/YYYY" allowClear={false} value={dayjs(changeDate)} onChange={(d) => d && setChangeDate(d.format('YYYY-MM-DD'))} data-testid="workers-change-date" />
            <Button type="primary" icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="workers-import">{t('enterprises.importer.button')}</Button>
          </>
        )}
        <Button icon={<DownloadOutlined />} onClick={() => void download(enterprisePaths.template(enterpriseId), 'mau-danh-sach-cong-nhan.xlsx')} loading={downloading}>{t('enterprises.template')}</Button>
        <Button icon={<DownloadOutlined />} onClick={() => void download(enterprisePaths.export(enterpriseId, filters), 'cong-nhan.xlsx')} loading={downloading} data-testid="workers-export">{t('enterprises.export')}</Button>
      </Space>
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<Worker>
        rowKey="id" size="small" data-testid="workers-table" scroll={{ x: 900 }}
        {...pagedTableProps(list, query, (total) => t('enterprises.worker.total', { total: fmt.number(total) }))}
        onChange={(p) => setQuery({ ...query, ...pagingAfterChange(query, p) })}
        onRow={(w) => ({ onClick: () => setShown(w.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('enterprises.worker.employeeCode'), dataIndex: 'employeeCode', width: 110 },
          { title: t('enterprises.worker.fullName'), dataIndex: 'fullName', render: (n: string, w) => <>{n} {!w.active && <Tag>{t('enterprises.worker.ended')}</Tag>}</> },
          { title: t('enterprises.worker.workshop'), key: 'ws', render: (_: unknown, w) => [w.workshopName, w.shiftName].filter(Boolean).join(' – ') || '–' },
          { title: t('enterprises.worker.commuteMode'), key: 'commute', render: (_: unknown, w) => <>{t(`enterprises.worker.modes.${w.commuteMode}`)}{w.busRouteName && ` · ${w.busRouteName}`}</> },
          { title: t('enterprises.worker.lodging'), key: 'lodging', render: (_: unknown, w) => (w.roomLabel ? `${w.lodgingName ?? ''} · ${w.roomLabel}` : t('enterprises.worker.home')) },
          { title: t('enterprises.worker.phone'), dataIndex: 'phone', render: (p: string | null) => p ?? '–' },
          { title: t('enterprises.worker.employedFrom'), dataIndex: 'employedFrom', render: (d: string) => fmt.date(d), width: 120 },
        ]}
      />
      {mayImport && (
        <XlsxImportModal<WorkerImportReport>
          open={importing}
          onClose={() => setImporting(false)}
          onImported={() => { setImporting(false); list.reload(); onImported(); }}
          importUrl={(dryRun) => enterprisePaths.import(enterpriseId, dryRun, changeDate)}
          templateUrl={enterprisePaths.template(enterpriseId)}
          texts={{
            title: t('enterprises.importer.title'),
            hint: t('enterprises.importer.hint'),
            template: t('enterprises.importer.template'),
            checkedOk: (total) => t('enterprises.importer.checkedOk', { total }),
            confirm: (total) => t('enterprises.importer.confirm', { total }),
            done: (created) => t('enterprises.importer.done', { created }),
          }}
          fieldLabel={(f) => (FIELD_LABELS[f] ? t(FIELD_LABELS[f] as 'enterprises.worker.fullName') : f)}
          reportNotes={(r) => <ImportPreview report={r} />}
        />
      )}
      <WorkerDrawer enterpriseId={enterpriseId} workerId={shown} mayWrite={mayWrite} onClose={() => setShown(null)} onChanged={list.reload} />
    </div>
  );
}

function ImportPreview({ report }: { report: WorkerImportReport }) {
  const { t } = useTranslation();
  const color = { create: 'green', update: 'blue', unchanged: 'default' } as const;
  return (
    <div data-testid="workers-import-preview">
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('enterprises.importer.summary', { created: report.created, updated: report.updated, unchanged: report.unchanged })} />
      <Typography.Text type="secondary">{t('enterprises.importer.preview')}</Typography.Text>
      <Table
        size="small" rowKey="row" dataSource={report.rows} pagination={report.rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        columns={[
          { title: t('enterprises.importer.row'), dataIndex: 'row', width: 64 },
          { title: t('enterprises.worker.employeeCode'), dataIndex: 'employeeCode', width: 110 },
          { title: t('enterprises.worker.fullName'), dataIndex: 'fullName' },
          {
            title: t('enterprises.importer.result'), dataIndex: 'status', width: 190,
            render: (s: WorkerImportReport['rows'][number]['status'], r) => (
              <>
                <Tag color={color[s]}>{t(`enterprises.importer.results.${s}`)}</Tag>
                {r.existingPerson && <Typography.Text type="secondary">{t('enterprises.importer.existingPerson')}</Typography.Text>}
              </>
            ),
          },
          { title: t('enterprises.importer.changed'), dataIndex: 'changed', render: (c: string[]) => c.map((f) => (FIELD_LABELS[f] ? t(FIELD_LABELS[f] as 'enterprises.worker.fullName') : f)).join(', ') },
        ]}
      />
    </div>
  );
}
