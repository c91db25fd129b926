import { PlusOutlined } from '@ant-design/icons';
import { Button, Select, Space, Switch, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import type { Paged } from '../../shared/api/types.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { DistrictFilterSelect } from '../../shared/ui/area-selects.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { PageHeader } from '../../shared/ui/page-header.tsx';
import { SearchInput } from '../../shared/ui/search-input.tsx';
import { pagedTableProps, pagingAfterChange, sortOrderOf, tableSortKey } from '../../shared/ui/table-paging.ts';
import { EnterpriseFormModal } from './enterprise-form-modal.tsx';
import {
  type Enterprise, type EnterpriseQuery, type EnterpriseSort, enterprisePaths, enterpriseQueryFromParams, enterpriseQueryToParams, OPERATING_STATUSES,
  type OperatingStatus, type Park,
} from './enterprises-api.ts';
import { FreshnessTag, StatusTag } from './enterprise-tags.tsx';

/**
 * Enterprises in the user's scope (CDC: the province; a park board: its park; district and commune
 * health: their area; an enterprise: its own), with the freshness of each worker list: the
 * province inspects those that have not confirmed theirs for more than N days.
 */
export default function EnterprisesPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = enterpriseQueryFromParams(params);
  const list = useApi<Paged<Enterprise>>(enterprisePaths.list(query));
  const parks = useApi<Park[]>(enterprisePaths.parks);
  const [creating, setCreating] = useState(false);
  const mayCreate = can(me, 'enterprise:write') && me.scope.kind === 'province';
  const update = (next: EnterpriseQuery) => setParams(enterpriseQueryToParams(next));
  const filter = (patch: Partial<EnterpriseQuery>) => update({ ...query, page: 1, ...patch });
  // An enterprise has one: its own page (with the reminder when its list is stale).
  if (me.role === 'enterprise' && me.scope.kind === 'org') return <Navigate to={`/enterprises/${me.scope.code}`} replace />;

  return (
    <div>
      <PageHeader
        title={t('enterprises.title')}
        extra={mayCreate && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="enterprise-create">{t('enterprises.create')}</Button>}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <SearchInput value={query.q} onSearch={(q) => filter({ q })} placeholder={t('enterprises.searchPlaceholder')} width={280} testId="enterprises-search" />
        <Select<number>
          allowClear showSearch optionFilterProp="label" placeholder={t('enterprises.allParks')} aria-label={t('enterprises.park')} style={{ width: 220 }}
          value={query.parkId} loading={parks.loading} options={(parks.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          onChange={(parkId?: number) => filter({ parkId })}
        />
        {me.scope.kind === 'province' && <DistrictFilterSelect value={query.districtCode} onChange={(districtCode) => filter({ districtCode })} width={180} />}
        <Select<OperatingStatus>
          allowClear placeholder={t('enterprises.allStatuses')} aria-label={t('enterprises.status')} style={{ width: 190 }} value={query.status}
          options={OPERATING_STATUSES.map((s) => ({ value: s, label: t(`enterprises.statuses.${s}`) }))} onChange={(status?: OperatingStatus) => filter({ status })}
        />
        <Space>
          <Switch checked={!!query.stale} onChange={(stale) => filter({ stale: stale || undefined })} data-testid="enterprises-stale" />
          <Typography.Text>{t('enterprises.staleOnly')}</Typography.Text>
        </Space>
      </Space>
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<Enterprise>
        rowKey="id"
        size="middle"
        data-testid="enterprises-table"
        {...pagedTableProps(list, query, (total) => t('enterprises.total', { total: fmt.number(total) }))}
        onChange={(p, _f, sorter) => {
          const sort = tableSortKey(sorter) as EnterpriseSort | undefined;
          update({ ...query, sort, ...pagingAfterChange(query, p, sort !== query.sort) });
        }}
        onRow={(e) => ({ onClick: () => navigate(`/enterprises/${e.id}`), style: { cursor: 'pointer' } })}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t('enterprises.name'), dataIndex: 'name', key: 'name', sorter: true, sortOrder: sortOrderOf(query.sort, 'name'),
            render: (name: string, e) => (
              <div>
                <Link to={`/enterprises/${e.id}`} onClick={(ev) => ev.stopPropagation()}>{name}</Link>
                <div><Typography.Text type="secondary">{e.taxCode ?? '–'}</Typography.Text></div>
              </div>
            ),
          },
          { title: t('enterprises.park'), dataIndex: 'parkName', render: (v: string | null, e) => v ?? e.districtName ?? '–' },
          { title: t('enterprises.workers'), dataIndex: 'workers', key: 'workers', align: 'right', sorter: true, sortOrder: sortOrderOf(query.sort, 'workers'), render: (n: number) => fmt.number(n) },
          { title: t('enterprises.status'), dataIndex: 'operatingStatus', render: (s: OperatingStatus) => <StatusTag status={s} /> },
          {
            title: t('enterprises.confirmed'), key: 'confirmed', dataIndex: 'listConfirmedAt', sorter: true, sortOrder: sortOrderOf(query.sort, 'confirmed'),
            render: (_: unknown, e) => (
              <Tooltip title={e.listConfirmedAt ? t('enterprises.confirmedAt', { at: fmt.dateTimeMinutes(e.listConfirmedAt) }) : t('enterprises.neverConfirmed')}>
                <span><FreshnessTag enterprise={e} /></span>
              </Tooltip>
            ),
          },
        ]}
      />
      {mayCreate && (
        <EnterpriseFormModal
          open={creating} enterprise={null} parks={parks.data ?? []} onClose={() => setCreating(false)}
          onSaved={(e) => { setCreating(false); navigate(`/enterprises/${e.id}`); }}
        />
      )}
    </div>
  );
}
