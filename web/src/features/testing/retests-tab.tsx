import { Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { pagedTableProps, pagingAfterChange } from '../../shared/ui/table-paging.ts';
import {
  type RetestItem,
  type RetestList,
  type RetestQuery,
  retestQueryFromParams,
  retestQueryToParams,
  RETEST_STATUSES,
  type RetestView,
  testingPaths,
  testingRoutes,
} from './testing-api.ts';
import { ResultTag, RetestStatusTag, useReasonText } from './testing-tags.tsx';

const muted = { fontSize: 12, color: 'rgba(0,0,0,0.5)' } as const;

interface Props {
  params: URLSearchParams;
  setOwn: (own: Record<string, string>) => void;
}

/** "Xét nghiệm lại": the individual re-tests opened by positive or invalid pools, invalid results and positive rapid tests. */
export function RetestsTab({ params, setOwn }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const query = retestQueryFromParams(params);
  const list = useApi<RetestList>(testingPaths.retests(query));
  const reasonText = useReasonText();

  const update = (next: RetestQuery) => setOwn(retestQueryToParams(next));
  const filter = (patch: Partial<RetestQuery>) => update({ ...query, page: 1, ...patch });

  const columns: TableColumnsType<RetestItem> = [
    {
      title: t('testing.retests.person'),
      key: 'person',
      fixed: 'left',
      width: 210,
      render: (_, r) => (
        <>
          {r.fullName}
          <div style={muted}>#{r.personId}</div>
        </>
      ),
    },
    { title: t('testing.retests.commune'), dataIndex: 'communeCode', width: 100, render: (c: string | null) => c ?? '–' },
    { title: t('testing.retests.reason'), dataIndex: 'reason', width: 250, render: (r: string) => reasonText(r) },
    { title: t('testing.retests.status'), dataIndex: 'status', width: 140, render: (s: string) => <RetestStatusTag status={s} /> },
    { title: t('testing.retests.outcome'), dataIndex: 'outcome', width: 120, render: (o: string | null) => <ResultTag result={o} /> },
    {
      title: t('testing.retests.round'),
      dataIndex: 'roundId',
      width: 90,
      render: (id: number | null) => (id === null ? '–' : <Link to={testingRoutes.round(id)}>#{id}</Link>),
    },
    { title: t('testing.retests.pool'), dataIndex: 'poolBarcode', width: 140, render: (b: string | null) => b ?? '–' },
    { title: t('testing.retests.createdAt'), dataIndex: 'createdAt', width: 150, render: (d: string) => fmt.dateTimeMinutes(d) },
  ];

  const views: RetestView[] = [...RETEST_STATUSES, 'all'];

  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<RetestView>
          aria-label={t('testing.retests.status')}
          value={query.view}
          options={views.map((v) => ({ value: v, label: v === 'all' ? t('testing.retests.allStatuses') : t(`testing.retestStatuses.${v}`) }))}
          onChange={(view) => filter({ view })}
          style={{ width: 180 }}
          data-testid="retests-status"
        />
        {query.roundId && (
          <Tag closable onClose={() => filter({ roundId: undefined })} style={{ marginInlineEnd: 0 }} data-testid="retests-round">
            {t('testing.retests.roundFilter', { id: query.roundId })}
          </Tag>
        )}
      </Space>
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<RetestItem>
        rowKey="id"
        size="middle"
        data-testid="retests-table"
        columns={columns}
        scroll={{ x: 1200 }}
        onChange={(p) => update({ ...query, ...pagingAfterChange(query, p) })}
        {...pagedTableProps(list, query, (total) => t('testing.retests.total', { total: fmt.number(total) }))}
      />
    </div>
  );
}
