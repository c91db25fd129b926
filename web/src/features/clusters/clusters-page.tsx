import { PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Input, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useApi } from '../../shared/hooks/use-api.ts';
import { PAGE_SIZES } from '../../shared/hooks/url-query.ts';
import { unitOptions, unitSearch, useDistricts } from '../../shared/hooks/use-units.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
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
  const [text, setText] = useState(query.q ?? '');
  useEffect(() => setText(query.q ?? ''), [query.q]);
  const districts = useDistricts(me.provinceCode);
  const districtUnits = me.scope.kind === 'district' ? districts.units.filter((u) => u.code === me.scope.code) : districts.units;

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
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between', marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('clusters.title')}
        </Typography.Title>
        {mayWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDraft({ name: '', placeKind: 'village', orgUnitId: null, communeCode: null, cases: [] })} data-testid="cluster-add">
            {t('clusters.add')}
          </Button>
        )}
      </div>

      {mayWrite && <ClusterSuggestions list={suggestions} onCreate={setDraft} />}

      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(q) => update({ q: q.trim() || undefined })}
          placeholder={t('clusters.searchPlaceholder')}
          enterButton={t('app.search')}
          style={{ width: 280, maxWidth: '100%' }}
        />
        <Select<ClusterStatus>
          allowClear
          placeholder={t('clusters.allStatuses')}
          value={query.status}
          options={CLUSTER_STATUSES.map((s) => ({ value: s, label: t(`clusters.statuses.${s}`) }))}
          onChange={(status?: ClusterStatus) => update({ status })}
          style={{ width: 170 }}
          data-testid="clusters-status"
        />
        <Select
          allowClear
          showSearch={unitSearch}
          placeholder={t('people.allDistricts')}
          value={query.districtCode}
          options={unitOptions(districtUnits)}
          loading={districts.loading}
          onChange={(districtCode?: string) => update({ districtCode })}
          style={{ width: 200 }}
        />
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
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: 960 }}
        onRow={(c) => ({ onClick: () => navigate(`/clusters/${c.id}`) })}
        onChange={(p) => update({ page: p.pageSize !== query.pageSize ? 1 : (p.current ?? 1), pageSize: p.pageSize ?? query.pageSize })}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          showTotal: (total) => t('clusters.total', { total: fmt.number(total) }),
        }}
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
