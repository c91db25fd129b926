import { Button, Card, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useDownload } from '../../shared/hooks/use-download.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { fileName, filePath, type KeptReport, type ReportList, reportsListPath } from './reports-api.ts';

/** The reports kept per day, newest first: open one, or download its files as they were generated. */
export function KeptReportsTable({ reloadKey, onOpen }: { reloadKey: number; onOpen: (date: string) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { download, downloading } = useDownload();
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  // reloadKey changes the path's fragment so a new generation reloads the list.
  const list = useApi<ReportList>(`${reportsListPath(paging.page, paging.pageSize)}#${reloadKey}`);
  const columns: TableColumnsType<KeptReport> = [
    { title: t('reports.listColumns.date'), dataIndex: 'date', key: 'date', render: (d: string) => <Button type="link" style={{ padding: 0 }} onClick={() => onOpen(d)}>{fmt.date(d)}</Button> },
    { title: t('reports.listColumns.number'), dataIndex: 'number', key: 'number', render: (n: string | null) => n ?? '–' },
    { title: t('reports.listColumns.generatedAt'), dataIndex: 'generatedAt', key: 'generatedAt', render: (at: string | null) => fmt.dateTimeMinutes(at) },
    {
      title: t('reports.listColumns.generatedBy'), key: 'by',
      render: (_, r) => (r.generatedBy === null ? '–' : r.generatedBy.scheduler ? <Tag>{t('reports.scheduler')}</Tag> : r.generatedBy.fullName ?? r.generatedBy.username),
    },
    {
      title: t('reports.listColumns.files'), key: 'files',
      render: (_, r) => r.hasFiles && (
        <Space size="small">
          <Button size="small" loading={downloading} onClick={() => void download(filePath(r.date, 'docx'), fileName(r.date, 'docx'))}>DOCX</Button>
          <Button size="small" loading={downloading} onClick={() => void download(filePath(r.date, 'xlsx'), fileName(r.date, 'xlsx'))}>XLSX</Button>
        </Space>
      ),
    },
  ];
  return (
    <Card size="small" title={t('reports.listTitle')}>
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<KeptReport>
        rowKey="date"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: 640 }}
        pagination={{
          current: paging.page, pageSize: paging.pageSize, total: list.data?.total ?? 0, showSizeChanger: false,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
      />
    </Card>
  );
}
