import { DownloadOutlined, FileExcelOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Space, Table, type TableColumnsType, type TableProps } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Paged } from '../../shared/api/types.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useDownload } from '../../shared/hooks/use-download.ts';
import { pagingFromParams, writePaging } from '../../shared/hooks/url-query.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { PageHeader } from '../../shared/ui/page-header.tsx';
import { pagedTableProps, pagingAfterChange, sortOrderOf, tableSortKey } from '../../shared/ui/table-paging.ts';
import { type PeopleFilters as Filters, peoplePaths, type PeopleQuery, type PeopleSort, type PersonView, withPeopleFilters } from './people-api.ts';
import { PeopleFilters } from './people-filters.tsx';
import { PeopleImportModal } from './people-import-modal.tsx';
import { PersonCreateModal } from './person-create-modal.tsx';
import { PersonDrawer } from './person-drawer.tsx';

const SORTS: PeopleSort[] = ['fullName', '-fullName', 'dateOfBirth', '-dateOfBirth', 'createdAt', '-createdAt'];
/** A sort the server knows, or none. */
const peopleSortOf = (sort: string | null | undefined) => (SORTS.includes(sort as PeopleSort) ? (sort as PeopleSort) : undefined);

/** The list's state lives in the URL, so back/forward and reload keep the page and filters. */
function readQuery(params: URLSearchParams): PeopleQuery {
  return {
    q: params.get('q') || undefined,
    districtCode: params.get('district') || undefined,
    communeCode: params.get('commune') || undefined,
    ...pagingFromParams(params),
    sort: peopleSortOf(params.get('sort')),
  };
}

function writeQuery(q: PeopleQuery): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.q) out.q = q.q;
  if (q.districtCode) out.district = q.districtCode;
  if (q.communeCode) out.commune = q.communeCode;
  writePaging(out, q);
  if (q.sort) out.sort = q.sort;
  return out;
}

interface Props {
  /** Composed by the app: a section of the person drawer from another context. */
  drawerExtra?: ((person: PersonView) => ReactNode) | undefined;
}

export default function PeoplePage({ drawerExtra }: Props = {}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const query = readQuery(params);
  const list = useApi<Paged<PersonView>>(peoplePaths.list(query));
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const exporting = useDownload();

  const update = (patch: Partial<PeopleQuery>) => setParams(writeQuery({ ...query, ...patch }));
  const filters: Filters = { q: query.q, districtCode: query.districtCode, communeCode: query.communeCode };

  const onTableChange: TableProps<PersonView>['onChange'] = (pagination, _filters, sorter) => {
    const sort = peopleSortOf(tableSortKey(sorter));
    update({ ...pagingAfterChange(query, pagination, sort !== query.sort), sort });
  };

  const columns: TableColumnsType<PersonView> = [
    { title: t('people.fullName'), dataIndex: 'fullName', sorter: true, sortOrder: sortOrderOf(query.sort, 'fullName'), fixed: 'left', width: 200 },
    { title: t('people.sex'), dataIndex: 'sex', width: 80, render: (s: PersonView['sex']) => t(`people.sexes.${s}`, { defaultValue: s }) },
    {
      title: t('people.dateOfBirth'),
      dataIndex: 'dateOfBirth',
      width: 120,
      sorter: true,
      sortOrder: sortOrderOf(query.sort, 'dateOfBirth'),
      render: (d: string | null) => fmt.date(d),
    },
    {
      title: t('people.commune'),
      key: 'commune',
      render: (_, p) => (
        <>
          {p.communeName}
          <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.5)' }}>{p.districtName}</div>
        </>
      ),
    },
    { title: t('people.phone'), dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '–' },
    { title: t('people.nationalId'), dataIndex: 'nationalId', width: 150, render: (v: string | null) => v ?? '–' },
  ];

  return (
    <div>
      <PageHeader
        title={t('people.title')}
        extra={
          <Space wrap>
            {can(me, 'person:write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="person-add">
                {t('people.add')}
              </Button>
            )}
            {can(me, 'person:import') && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                {t('people.import')}
              </Button>
            )}
            {can(me, 'person:export') && (
              <Button icon={<FileExcelOutlined />} loading={exporting.downloading} onClick={() => void exporting.download(peoplePaths.export(filters), 'danh-sach.xlsx')}>
                {t('people.export')}
              </Button>
            )}
            {can(me, 'person:import') && (
              <a href={peoplePaths.template} download>
                <DownloadOutlined /> {t('people.template')}
              </a>
            )}
          </Space>
        }
      />

      <PeopleFilters value={filters} onChange={(f) => setParams(writeQuery(withPeopleFilters(query, f)))} />
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}

      <Table<PersonView>
        className="clickable-rows"
        data-testid="people-table"
        rowKey="id"
        size="middle"
        columns={columns}
        scroll={{ x: 860 }}
        onChange={onTableChange}
        onRow={(p) => ({ onClick: () => setSelectedId(p.id) })}
        {...pagedTableProps(list, query, (total) => t('people.total', { total: fmt.number(total) }))}
      />

      <PersonDrawer id={selectedId} onClose={() => setSelectedId(null)} onChanged={list.reload} extra={drawerExtra} />
      {can(me, 'person:write') && (
        <PersonCreateModal
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(p) => {
            setCreating(false);
            list.reload();
            setSelectedId(p.id);
          }}
        />
      )}
      {can(me, 'person:import') && (
        <PeopleImportModal
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
