import { PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { DistrictFilterSelect } from '../../shared/ui/area-selects.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { PageHeader } from '../../shared/ui/page-header.tsx';
import { SearchInput } from '../../shared/ui/search-input.tsx';
import { pagedTableProps, pagingAfterChange } from '../../shared/ui/table-paging.ts';
import { ClusterFormModal } from './cluster-form-modal.tsx';
import { ClusterSuggestions } from './cluster-suggestions.tsx';
import { ClusterStatusTag } from './cluster-tags.tsx';
import {
  CLUSTER_STATUSES,
  type ClusterDraft,
  type ClusterList,
  type ClusterQuery,
  clusterQueryFromParams,
  clusterQueryToParams,
  clustersPaths,
  type ClusterStatus,
  type ClusterSuggestion,
  type ClusterSummary,
} from './clusters-api.ts';

const muted = { fontSize: 12, color: 'rgba(0,0,0,0.5)' } as const;

/** Clusters (ổ dịch): status as of a date, suggestions of undeclared ones, and the create form. */
export default function ClustersPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = clusterQueryFromParams(params);
  const list = useApi<ClusterList>(clustersPaths.list(query));
  const mayWrite = can(me, 'cluster:write');
  const suggestions = useApi<ClusterSuggestion[]>(mayWrite ? clustersPaths.suggestions(query.asOf) : null);
  const [draft, setDraft] = useState<ClusterDraft | null>(null);

  const update = (patch: Partial<ClusterQuery>) => setParams(clusterQueryToParams({ ...query, page: 1, ...patch }));
  const days = (n: number | null) => fmt.number(n);

  const columns: TableColumnsType<ClusterSummary> = [
    {
      title: t('clusters.name'),
      key: 'name',
      fixed: 'left',
      width: 240,
      render: (_, c) => (
        <>
          <div style={{ fontWeight: 500 }}>{c.name}</div>
          <div style={muted}>
            {[t(`clusters.placeKinds.${c.placeKind}`), c.orgUnitName, c.communeName ?? c.districtName].filter(Boolean).join(' · ')}
          </div>
        </>
      ),
    },
    { title: t('clusters.status'), dataIndex: 'status', width: 140, render: (s: ClusterStatus) => <ClusterStatusTag status={s} /> },
    { title: t('clusters.cases'), dataIndex: 'cases', width: 80, align: 'right', render: (n: number) => fmt.number(n) },
    { title: t('clusters.firstCase'), dataIndex: 'firstCaseDate', width: 110, render: (d: string | null) => fmt.date(d) },
    { title: t('clusters.lastCase'), dataIndex: 'lastCaseDate', width: 110, render: (d: string | null) => fmt.date(d) },
    {
      title: t('clusters.daysToControl'),
      key: 'daysToControl',
      width: 150,
      render: (_, c) => (
        <>
          {days(c.daysToControl)}
          {c.controlledOn && <div style={muted}>{t('clusters.controlledOn', { date: fmt.date(c.controlledOn) })}</div>}
        </>
      ),
    },
    { title: t('clusters.age'), dataIndex: 'ageDays', width: 110, align: 'right', render: (n: number | null) => days(n) },
  ];

  return (
    <div>
      <PageHeader
        title={t('clusters.title')}
        extra={
          mayWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDraft({ name: '', placeKind: 'village', orgUnitId: null, communeCode: null, cases: [] })} data-testid="cluster-add">
              {t('clusters.add')}
            </Button>
          )
        }
      />

      {mayWrite && <ClusterSuggestions list={suggestions} onCreate={setDraft} />}

      <Space wrap style={{ marginBottom: 12 }}>
        <SearchInput value={query.q} onSearch={(q) => update({ q })} placeholder={t('clusters.searchPlaceholder')} width={280} />
        <Select<ClusterStatus>
          allowClear
          placeholder={t('clusters.allStatuses')}
          value={query.status}
          options={CLUSTER_STATUSES.map((s) => ({ value: s, label: t(`clusters.statuses.${s}`) }))}
          onChange={(status?: ClusterStatus) => update({ status })}
          style={{ width: 170 }}
          data-testid="clusters-status"
        />
        <DistrictFilterSelect value={query.districtCode} onChange={(districtCode) => update({ districtCode })} width={200} />
        <DatePicker
          format="DD/MM/YYYY"
          placeholder={t('clusters.asOfPlaceholder')}
          value={query.asOf ? dayjs(query.asOf) : null}
          onChange={(d) => update({ asOf: d ? d.format('YYYY-MM-DD') : undefined })}
        />
        {(query.q || query.status || query.districtCode || query.asOf) && <Button onClick={() => setParams({})}>{t('app.reset')}</Button>}
      </Space>
      {list.data && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('clusters.statusAsOf', { date: fmt.date(list.data.asOf) })}
        </Typography.Paragraph>
      )}
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}

      <Table<ClusterSummary>
        className="clickable-rows"
        rowKey="id"
        size="middle"
        data-testid="clusters-table"
        columns={columns}
        scroll={{ x: 960 }}
        onRow={(c) => ({ onClick: () => navigate(`/clusters/${c.id}`) })}
        onChange={(p) => update(pagingAfterChange(query, p))}
        {...pagedTableProps(list, query, (total) => t('clusters.total', { total: fmt.number(total) }))}
      />

      {mayWrite && (
        <ClusterFormModal
          draft={draft}
          onClose={() => setDraft(null)}
          onSaved={(c) => {
            setDraft(null);
            list.reload();
            suggestions.reload();
            navigate(`/clusters/${c.id}`);
          }}
        />
      )}
    </div>
  );
}
