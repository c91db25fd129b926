import { DownloadOutlined, FileExcelOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Space, Table, type TableColumnsType, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Paged } from '../../shared/api/types.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useDownload } from '../../shared/hooks/use-download.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { PageHeader } from '../../shared/ui/page-header.tsx';
import { pagedTableProps, pagingAfterChange, sortOrderOf, tableSortKey } from '../../shared/ui/table-paging.ts';
import { type CaseQuery, type CaseSummary, casesPaths } from './cases-api.ts';
import { CaseFilters } from './case-filters.tsx';
import { CaseFormModal } from './case-form-modal.tsx';
import { caseSortOf, DEFAULT_SORT, filtersOf, readCaseQuery, withFilters, writeCaseQuery } from './case-query.ts';
import { ClassificationTag, StatusTag } from './case-tags.tsx';
import { CasesImportModal } from './cases-import-modal.tsx';

export default function CasesPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = readCaseQuery(params);
  const filters = filtersOf(query);
  const list = useApi<Paged<CaseSummary>>(casesPaths.list(query));
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const exporting = useDownload();

  const update = (patch: Partial<CaseQuery>) => setParams(writeCaseQuery({ ...query, ...patch }));

  const onTableChange: TableProps<CaseSummary>['onChange'] = (pagination, _filters, sorter) => {
    const sort = caseSortOf(tableSortKey(sorter));
    update({ ...pagingAfterChange(query, pagination, sort !== query.sort), sort });
  };

  const columns: TableColumnsType<CaseSummary> = [
    {
      title: t('cases.caseCode'),
      dataIndex: 'caseCode',
      fixed: 'left',
      width: 100,
      sorter: true,
      sortOrder: sortOrderOf(query.sort, 'caseCode'),
      render: (code: string, c) => <Link to={`/cases/${c.id}`} onClick={(e) => e.stopPropagation()}>{code}</Link>,
    },
    { title: t('cases.fullName'), dataIndex: 'fullName', width: 190 },
    {
      title: t('cases.commune'),
      key: 'commune',
      width: 190,
      render: (_, c) => (
        <>
          {c.communeName}
          <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.5)' }}>{c.districtName}</div>
        </>
      ),
    },
    { title: t('cases.onsetDate'), dataIndex: 'onsetDate', width: 115, render: (d: string | null) => fmt.date(d) },
    { title: t('cases.sampleDate'), dataIndex: 'sampleDate', width: 115, render: (d: string) => fmt.date(d) },
    {
      title: t('cases.confirmationDate'),
      dataIndex: 'confirmationDate',
      width: 150,
      sorter: true,
      // Descending first: a click on the default order (newest first) turns it around.
      sortDirections: ['descend', 'ascend'],
      sortOrder: sortOrderOf(query.sort ?? DEFAULT_SORT, 'confirmationDate'),
      render: (d: string) => fmt.date(d),
    },
    {
      title: t('cases.classification'),
      dataIndex: 'classification',
      width: 170,
      render: (c: CaseSummary['classification']) => <ClassificationTag classification={c} />,
    },
    { title: t('cases.status'), dataIndex: 'status', width: 130, render: (s: CaseSummary['status']) => <StatusTag status={s} /> },
  ];

  return (
    <div>
      <PageHeader
        title={t('cases.title')}
        extra={
          <Space wrap>
            {can(me, 'case:write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="case-add">
                {t('cases.add')}
              </Button>
            )}
            {can(me, 'case:import') && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="case-import">
                {t('cases.import')}
              </Button>
            )}
            {can(me, 'case:export') && (
              <Button
                icon={<FileExcelOutlined />}
                loading={exporting.downloading}
                onClick={() => void exporting.download(casesPaths.export(filters), 'ca-benh.xlsx')}
                data-testid="case-export"
              >
                {t('cases.export')}
              </Button>
            )}
            {can(me, 'case:import') && (
              <a href={casesPaths.template} download>
                <DownloadOutlined /> {t('cases.template')}
              </a>
            )}
          </Space>
        }
      />

      <CaseFilters value={filters} onChange={(f) => setParams(writeCaseQuery(withFilters(query, f)))} />
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}

      <Table<CaseSummary>
        className="clickable-rows"
        data-testid="cases-table"
        rowKey="id"
        size="middle"
        columns={columns}
        scroll={{ x: 1140 }}
        onChange={onTableChange}
        onRow={(c) => ({ onClick: () => navigate(`/cases/${c.id}`) })}
        {...pagedTableProps(list, query, (total) => t('cases.total', { total: fmt.number(total) }))}
      />

      {can(me, 'case:write') && (
        <CaseFormModal
          open={creating}
          onClose={() => setCreating(false)}
          onSaved={(c) => {
            setCreating(false);
            navigate(`/cases/${c.id}`);
          }}
        />
      )}
      {can(me, 'case:import') && (
        <CasesImportModal
          open={importing}
          onClose={() => setImporting(false)}
          onImported={() => {
            setImporting(false);
            list.reload();
          }}
        />
      )}
    </div>
  );
}
