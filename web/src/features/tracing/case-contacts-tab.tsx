import { CheckOutlined, CloseOutlined, FileExcelOutlined, LockOutlined, NodeIndexOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Grid, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, errorText } from '../../shared/api/client.ts';
import type { Paged } from '../../shared/api/types.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useDownload } from '../../shared/hooks/use-download.ts';
import { pagingFromParams, writePaging } from '../../shared/hooks/url-query.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { pagedTableProps, pagingAfterChange } from '../../shared/ui/table-paging.ts';
import { AddContactModal } from './add-contact-modal.tsx';
import { ContactCounts } from './contact-counts.tsx';
import { ContactFilters } from './contact-filters.tsx';
import { type ReviewRequest, ReviewModal } from './review-modal.tsx';
import {
  type CaseBrief,
  type ContactFilters as Filters,
  contactCountsOf,
  contactFiltersFromParams,
  contactFiltersToParams,
  type ContactsPage,
  isReviewable,
  knownSourcesOf,
  personIdsByRun,
  type ReviewDecision,
  type TracedContact,
  type TraceResult,
  type TraceRun,
  tracingPaths,
} from './tracing-api.ts';
import { KindTag, LevelTag, Muted, ReviewTag } from './tracing-tags.tsx';

/** The tab's own URL keys; the case page may keep others (e.g. the open tab), which are left alone. */
const OWN_KEYS = ['level', 'kind', 'commune', 'review', 'q', 'page', 'pageSize'];

const rowKey = (c: TracedContact) => c.personId;

interface Props {
  caseId: number;
  /** The case's person, offered first as the source of a manual contact; fetched when not given. */
  f0?: Omit<CaseBrief, 'id'>;
}

/** The people traced from one case: counts, filters, review, a new trace, a manual contact. */
export function CaseContactsTab({ caseId, f0: givenF0 }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const { message } = App.useApp();
  // On a phone, columns pinned on both sides would leave no room for the rest.
  const pinned = Grid.useBreakpoint().md !== false;
  const [params, setParams] = useSearchParams();
  const filters = contactFiltersFromParams(params);
  const { page, pageSize } = pagingFromParams(params);
  const list = useApi<ContactsPage>(tracingPaths.contacts(caseId, filters, page, pageSize));
  const runs = useApi<Paged<TraceRun>>(tracingPaths.runs({ caseId, page: 1, pageSize: 1 }));
  const fetchedF0 = useApi<CaseBrief>(givenF0 ? null : tracingPaths.caseBrief(caseId));
  const f0 = givenF0 ? { ...givenF0, id: caseId } : fetchedF0.data;
  const latestRun = runs.data?.items[0];

  const [tracing, setTracing] = useState(false);
  const [traceResult, setTraceResult] = useState<TraceResult | null>(null);
  const exporting = useDownload();
  const [selected, setSelected] = useState<TracedContact[]>([]);
  const [review, setReview] = useState<ReviewRequest | null>(null);
  const [addingTo, setAddingTo] = useState<number | null>(null);

  const mayRun = can(me, 'tracing:run');
  const mayReview = can(me, 'tracing:review');
  const mayAdd = can(me, 'contact:write') && mayReview;

  const update = (next: Filters, paging: { page: number; pageSize: number }) => {
    const kept = [...params.entries()].filter(([k]) => !OWN_KEYS.includes(k));
    const own = writePaging(contactFiltersToParams(next), paging);
    setParams([...kept, ...Object.entries(own)], { replace: true });
    setSelected([]);
  };

  const reloadAll = () => {
    list.reload();
    runs.reload();
    setSelected([]);
  };

  const traceNow = async () => {
    setTracing(true);
    try {
      const r = await api.post<TraceResult>(tracingPaths.trace(caseId));
      setTraceResult(r);
      message.success(t('tracing.traceDone'));
      reloadAll();
    } catch (e) {
      message.error(errorText(e, fmt.lang));
    } finally {
      setTracing(false);
    }
  };

  const ask = (decision: ReviewDecision, rows: TracedContact[]) => setReview({ decision, byRun: personIdsByRun(rows.filter(isReviewable)) });
  const traced = traceResult ? contactCountsOf(traceResult.counts) : null;

  const columns: TableColumnsType<TracedContact> = [
    {
      title: t('tracing.columns.person'),
      key: 'person',
      fixed: pinned ? 'left' : undefined,
      width: 180,
      render: (_, c) => (
        <>
          {c.fullName}{' '}
          {c.masked && (
            <Tooltip title={t('tracing.masked')}>
              <LockOutlined style={{ color: 'rgba(0,0,0,0.45)' }} />
            </Tooltip>
          )}
          {c.isCase && (
            <Tag color="red" style={{ marginInlineStart: 4 }}>
              F0
            </Tag>
          )}
        </>
      ),
    },
    {
      title: t('tracing.columns.commune'),
      key: 'commune',
      width: 150,
      render: (_, c) => (
        <>
          {c.communeName}
          <Muted>{c.districtName}</Muted>
        </>
      ),
    },
    { title: t('tracing.columns.level'), dataIndex: 'level', width: 64, render: (l: number) => <LevelTag level={l} /> },
    {
      title: t('tracing.columns.source'),
      key: 'source',
      width: 280,
      render: (_, c) => (
        <>
          <div>
            {c.source.caseCode ? <b>{c.source.caseCode}</b> : null} {c.source.fullName}
          </div>
          <Space size={4}>
            <KindTag kind={c.source.kind} />
            <span style={{ fontSize: 12, color: 'rgba(0,0,0,0.5)' }}>{fmt.date(c.source.date)}</span>
          </Space>
          {c.source.groupLabel && (
            <Typography.Text type="secondary" ellipsis={{ tooltip: c.source.groupLabel }} style={{ fontSize: 12, display: 'block', maxWidth: 280 }}>
              {c.source.groupLabel}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      title: t('tracing.columns.window'),
      key: 'window',
      width: 175,
      render: (_, c) => (
        <>
          {fmt.date(c.windowStart)} – {fmt.date(c.windowEnd)}
          {c.quarantineStart && <Muted>{t('tracing.quarantinedFrom', { date: fmt.date(c.quarantineStart) })}</Muted>}
        </>
      ),
    },
    { title: t('tracing.columns.review'), dataIndex: 'reviewStatus', width: 125, render: (s: TracedContact['reviewStatus']) => <ReviewTag status={s} /> },
  ];
  if (mayReview) {
    columns.push({
      title: t('tracing.columns.actions'),
      key: 'actions',
      fixed: pinned ? 'right' : undefined,
      width: 92,
      render: (_, c) =>
        isReviewable(c) ? (
          <Space size={4}>
            <Tooltip title={t('tracing.confirm')}>
              <Button size="small" icon={<CheckOutlined />} onClick={() => ask('confirmed', [c])} aria-label={t('tracing.confirm')} data-testid={`confirm-${c.personId}`} />
            </Tooltip>
            <Tooltip title={t('tracing.dismiss')}>
              <Button size="small" danger icon={<CloseOutlined />} onClick={() => ask('dismissed', [c])} aria-label={t('tracing.dismiss')} data-testid={`dismiss-${c.personId}`} />
            </Tooltip>
          </Space>
        ) : null,
    });
  }

  const reviewable = selected.filter(isReviewable);

  return (
    <div data-testid="case-contacts">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', justifyContent: 'space-between', marginBottom: 12 }}>
        <ContactCounts counts={list.data?.counts} loading={list.loading} />
        <Space wrap>
          {mayRun && (
            <Button type="primary" icon={<NodeIndexOutlined />} loading={tracing} onClick={() => void traceNow()} data-testid="trace-now">
              {t('tracing.traceNow')}
            </Button>
          )}
          {mayAdd && (
            <Tooltip title={latestRun ? undefined : t('tracing.add.traceFirst')}>
              <Button icon={<UserAddOutlined />} disabled={!latestRun} onClick={() => latestRun && setAddingTo(latestRun.id)} data-testid="add-contact">
                {t('tracing.add.button')}
              </Button>
            </Tooltip>
          )}
          <Button
            icon={<FileExcelOutlined />}
            loading={exporting.downloading}
            onClick={() => void exporting.download(tracingPaths.contactsExport(caseId, filters), `tiep-xuc-${f0?.caseCode ?? caseId}.xlsx`)}
          >
            {t('tracing.export')}
          </Button>
        </Space>
      </div>

      {traced && traceResult && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setTraceResult(null) }}
          title={t('tracing.traceSummary', { f1: fmt.number(traced.f1), f2: fmt.number(traced.f2), f3: fmt.number(traced.f3), newPeople: fmt.number(traceResult.newPeople) })}
          style={{ marginBottom: 12 }}
          data-testid="trace-result"
        />
      )}

      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {list.data ? t('tracing.asOf', { date: fmt.date(list.data.asOf) }) : null}
        {latestRun && (
          <>
            {list.data ? ' · ' : null}
            <Link to={`/tracing?caseId=${caseId}`}>{t('tracing.runsLink')}</Link>
            {latestRun.pending > 0 ? ` (${t('tracing.pendingCount', { count: latestRun.pending })})` : null}
          </>
        )}
      </Typography.Paragraph>

      <ContactFilters value={filters} onChange={(f) => update(f, { page: 1, pageSize })} />
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}

      {mayReview && reviewable.length > 0 && (
        <Space wrap style={{ marginBottom: 8 }}>
          <span>{t('tracing.selected', { count: reviewable.length })}</span>
          <Button icon={<CheckOutlined />} onClick={() => ask('confirmed', reviewable)} data-testid="bulk-confirm">
            {t('tracing.confirm')}
          </Button>
          <Button danger icon={<CloseOutlined />} onClick={() => ask('dismissed', reviewable)} data-testid="bulk-dismiss">
            {t('tracing.dismiss')}
          </Button>
        </Space>
      )}

      <Table<TracedContact>
        rowKey={rowKey}
        size="middle"
        data-testid="contacts-table"
        columns={columns}
        scroll={{ x: 1090 }}
        locale={{ emptyText: list.data && list.data.total === 0 && !latestRun ? t('tracing.noRunYet') : t('app.noData') }}
        rowSelection={
          mayReview
            ? {
                selectedRowKeys: selected.map(rowKey),
                onChange: (_keys, rows) => setSelected(rows),
                getCheckboxProps: (c) => ({ disabled: !isReviewable(c) }),
              }
            : undefined
        }
        onChange={(p) => update(filters, pagingAfterChange({ page, pageSize }, p))}
        {...pagedTableProps(list, { page, pageSize }, (total) => t('tracing.total', { total: fmt.number(total) }))}
      />

      <ReviewModal
        request={review}
        onClose={() => setReview(null)}
        onDone={() => {
          setReview(null);
          reloadAll();
        }}
      />
      {mayAdd && (
        <AddContactModal
          runId={addingTo}
          knownSources={knownSourcesOf(f0, list.data?.items ?? [])}
          defaultSourceId={f0?.personId}
          onClose={() => setAddingTo(null)}
          onAdded={() => {
            setAddingTo(null);
            reloadAll();
          }}
        />
      )}
    </div>
  );
}
