import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Select, Space, Switch, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Paged } from '../../shared/api/types.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { DEFAULT_PAGE_SIZE, oneOfParam, pagingFromParams, writePaging } from '../../shared/hooks/url-query.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { CommuneFilterSelect, DistrictFilterSelect } from '../../shared/ui/area-selects.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { PageHeader } from '../../shared/ui/page-header.tsx';
import { SearchInput } from '../../shared/ui/search-input.tsx';
import { pagedTableProps, pagingAfterChange } from '../../shared/ui/table-paging.ts';
import { type AreaTenantQuery, type AreaTenants, type House, type HouseQuery, housePaths, SMART_STATUSES, type SmartStatus, type Tenant } from './boarding-houses-api.ts';
import { HouseFormModal } from './house-form-modal.tsx';
import { TenantLine } from './house-tenants.tsx';
import { SmartTag } from './smart-status.tsx';

function queryFromParams(p: URLSearchParams): HouseQuery {
  return {
    ...pagingFromParams(p), q: p.get('q') ?? undefined, districtCode: p.get('districtCode') ?? undefined, communeCode: p.get('communeCode') ?? undefined,
    status: oneOfParam(p.get('status'), SMART_STATUSES),
  };
}
function queryToParams(q: HouseQuery): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['q', 'districtCode', 'communeCode', 'status'] as const) if (q[k]) out[k] = q[k]!;
  return writePaging(out, q);
}

/**
 * The commune view of boarding houses: every house of the area with its smart status and
 * occupancy, and every tenant, those whose workplace had a case in the last 14 days marked.
 */
export default function BoardingHousesPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = queryFromParams(params);
  const houses = useApi<Paged<House>>(housePaths.list(query));
  const [creating, setCreating] = useState(false);
  const [tq, setTq] = useState<AreaTenantQuery>({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const tenants = useApi<AreaTenants>(housePaths.areaTenants({ ...tq, districtCode: query.districtCode, communeCode: query.communeCode }));
  const update = (next: HouseQuery) => setParams(queryToParams(next));
  const filter = (patch: Partial<HouseQuery>) => update({ ...query, page: 1, ...patch });
  const mayCreate = can(me, 'boarding_house:write') && me.scope.kind !== 'org';
  const marked = tenants.data?.markedEnterprises ?? [];

  return (
    <div>
      <PageHeader title={t('boardingHouses.title')} extra={
        <Space>
          <Link to="/nha-tro">{t('boardingHouses.phonePage')}</Link>
          {mayCreate && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="house-create">{t('boardingHouses.create')}</Button>}
        </Space>
      } />
      <Space wrap style={{ marginBottom: 12 }}>
        {me.scope.kind === 'province' && <DistrictFilterSelect value={query.districtCode} onChange={(districtCode) => filter({ districtCode, communeCode: undefined })} width={180} />}
        {me.scope.kind !== 'commune' && <CommuneFilterSelect districtCode={me.scope.kind === 'district' ? me.scope.code : query.districtCode} value={query.communeCode} onChange={(communeCode) => filter({ communeCode })} width={180} />}
      </Space>
      {marked.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="marked-enterprises"
          message={t('boardingHouses.markedAlert', { names: marked.slice(0, 5).map((e) => `${e.name} (${e.cases})`).join(', ') })} />
      )}
      <Tabs items={[
        {
          key: 'houses', label: t('boardingHouses.houses'),
          children: (
            <>
              <Space wrap style={{ marginBottom: 12 }}>
                <SearchInput value={query.q} onSearch={(q) => filter({ q })} placeholder={t('boardingHouses.searchPlaceholder')} width={260} testId="houses-search" />
                <Select<SmartStatus> allowClear placeholder={t('boardingHouses.smart.all')} style={{ width: 200 }} value={query.status}
                  options={SMART_STATUSES.map((s) => ({ value: s, label: t(`boardingHouses.smart.${s}`) }))} onChange={(status?: SmartStatus) => filter({ status })} />
              </Space>
              {houses.error && <ErrorAlert error={houses.error} onRetry={houses.reload} />}
              <Table<House> rowKey="id" size="middle" data-testid="houses-table" scroll={{ x: 800 }}
                {...pagedTableProps(houses, query, (total) => t('boardingHouses.total', { total: fmt.number(total) }))}
                onChange={(p) => update({ ...query, ...pagingAfterChange(query, p) })}
                onRow={(h) => ({ onClick: () => navigate(`/boarding-houses/${h.id}`), style: { cursor: 'pointer' } })}
                columns={[
                  { title: t('boardingHouses.name'), dataIndex: 'name', render: (n: string, h) => <div><Link to={`/boarding-houses/${h.id}`} onClick={(e) => e.stopPropagation()}>{n}</Link><div><Typography.Text type="secondary">{h.ownerPhone ?? ''}</Typography.Text></div></div> },
                  { title: t('boardingHouses.address'), key: 'addr', render: (_: unknown, h) => [h.addressDetail, h.communeName].filter(Boolean).join(', ') },
                  { title: t('boardingHouses.occupancy'), key: 'occ', align: 'right', render: (_: unknown, h) => `${fmt.number(h.tenants)} / ${fmt.number(h.capacity)}` },
                  { title: t('boardingHouses.smart.title'), key: 'smart', render: (_: unknown, h) => <SmartTag status={h.smartStatus} selfAssessed={h.selfAssessed} /> },
                ]} />
            </>
          ),
        },
        {
          key: 'tenants', label: t('boardingHouses.tenants'),
          children: (
            <>
              <Space wrap style={{ marginBottom: 12 }}>
                <SearchInput value={tq.q} onSearch={(q) => setTq({ ...tq, page: 1, q })} placeholder={t('boardingHouses.tenant.searchPlaceholder')} width={260} testId="tenants-search" />
                <Space>
                  <Switch checked={!!tq.onlyMarked} onChange={(v) => setTq({ ...tq, page: 1, onlyMarked: v || undefined })} data-testid="tenants-only-marked" />
                  <Typography.Text>{t('boardingHouses.onlyMarked')}</Typography.Text>
                </Space>
              </Space>
              {tenants.error && <ErrorAlert error={tenants.error} onRetry={tenants.reload} />}
              <Table<Tenant> rowKey="membershipId" size="small" data-testid="area-tenants-table"
                {...pagedTableProps(tenants, tq, (total) => t('boardingHouses.tenant.total', { total: fmt.number(total) }))}
                onChange={(p) => setTq({ ...tq, ...pagingAfterChange(tq, p) })}
                onRow={(x) => ({ style: x.marked ? { background: '#fff1f0' } : {} })}
                columns={[
                  { title: t('boardingHouses.tenant.fullName'), key: 'who', render: (_: unknown, x) => <TenantLine tenant={x} /> },
                  { title: t('boardingHouses.name'), key: 'house', render: (_: unknown, x) => <Link to={`/boarding-houses/${x.houseId}`}>{x.houseName}</Link> },
                ]} />
            </>
          ),
        },
      ]} />
      {mayCreate && <HouseFormModal open={creating} house={null} onClose={() => setCreating(false)} onSaved={(h) => { setCreating(false); navigate(`/boarding-houses/${h.id}`); }} />}
    </div>
  );
}
