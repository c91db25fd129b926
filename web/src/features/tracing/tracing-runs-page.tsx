import { Button, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Paged } from '../../shared/api/types.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { pagingFromParams, positiveIntParam, writePaging } from '../../shared/hooks/url-query.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { PageHeader } from '../../shared/ui/page-header.tsx';
import { pagedTableProps, pagingAfterChange } from '../../shared/ui/table-paging.ts';
import { RunPeopleDrawer } from './run-people-drawer.tsx';
import { contactCountsOf, type TraceRun, tracingPaths } from './tracing-api.ts';

/** Trace runs, newest first (optionally of one case); one opens to review its people. State in the URL. */
export default function TracingRunsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const caseId = positiveIntParam(params, 'caseId', 0) || undefined;
  const openRunId = positiveIntParam(params, 'run', 0) || undefined;
  const { page, pageSize } = pagingFromParams(params);
  const list = useApi<Paged<TraceRun>>(tracingPaths.runs({ caseId, page, pageSize }));
  const openRun = list.data?.items.find((r) => r.id === openRunId) ?? null;

  const update = (patch: { caseId?: number; run?: number; page?: number; pageSize?: number }) => {
    const next = { caseId, run: openRunId, page, pageSize, ...patch };
    const out: Record<string, string> = {};
    if (next.caseId) out.caseId = String(next.caseId);
    if (next.run) out.run = String(next.run);
    setParams(writePaging(out, next));
  };

  const columns: TableColumnsType<TraceRun> = [
    { title: '#', dataIndex: 'id', width: 70 },
    {
      title: t('tracing.runs.case'),
      key: 'case',
      width: 120,
      render: (_, r) => (r.caseId ? <Link to={`/cases/${r.caseId}`} onClick={(e) => e.stopPropagation()}>{r.caseCode ?? `#${r.caseId}`}</Link> : '–'),
    },
    {
      title: t('tracing.runs.trigger'),
      dataIndex: 'trigger',
      width: 160,
      render: (v: TraceRun['trigger']) => <Tag color={v === 'manual' ? 'blue' : 'purple'}>{t(`tracing.runs.triggers.${v}`, { defaultValue: v })}</Tag>,
    },
    { title: t('tracing.runs.asOf'), dataIndex: 'asOf', width: 110, render: (d: string) => fmt.date(d) },
    {
      title: 'F1 / F2 / F3',
      key: 'counts',
      width: 140,
      render: (_, r) => {
        const c = contactCountsOf(r.counts);
        return `${fmt.number(c.f1)} / ${fmt.number(c.f2)} / ${fmt.number(c.f3)}`;
      },
    },
    {
      title: t('tracing.runs.pending'),
      dataIndex: 'pending',
      width: 120,
      render: (n: number) => (n > 0 ? <Tag color="gold">{fmt.number(n)}</Tag> : <Tag color="green">0</Tag>),
    },
    { title: t('tracing.runs.createdAt'), dataIndex: 'createdAt', width: 160, render: (v: string) => fmt.dateTimeMinutes(v) },
    { title: t('tracing.runs.createdBy'), dataIndex: 'createdBy', width: 120, render: (v: string | null) => v ?? t('tracing.runs.system') },
  ];

  return (
    <div>
      <PageHeader
        title={t('tracing.runs.title')}
        extra={
          caseId && (
            <Space wrap>
              <Tag closable onClose={() => update({ caseId: undefined, run: undefined, page: 1 })}>
                {t('tracing.runs.ofCase', { id: list.data?.items[0]?.caseCode ?? `#${caseId}` })}
              </Tag>
              <Link to={`/cases/${caseId}`}>
                <Button>{t('tracing.runs.backToCase')}</Button>
              </Link>
            </Space>
          )
        }
      />
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<TraceRun>
        className="clickable-rows"
        rowKey="id"
        size="middle"
        data-testid="runs-table"
        columns={columns}
        scroll={{ x: 1000 }}
        onRow={(r) => ({ onClick: () => update({ run: r.id }) })}
        onChange={(p) => update(pagingAfterChange({ page, pageSize }, p))}
        {...pagedTableProps(list, { page, pageSize }, (total) => t('tracing.runs.total', { total: fmt.number(total) }))}
      />
      <RunPeopleDrawer run={openRun} onClose={() => update({ run: undefined })} onReviewed={list.reload} />
    </div>
  );
}
