import { CheckOutlined, CloseOutlined, LockOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Select, Space, Table, type TableColumnsType, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Paged } from '../../shared/api/types.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { type ReviewRequest, ReviewModal } from './review-modal.tsx';
import { type ContactLevel, LEVELS, REVIEW_STATUSES, type ReviewDecision, type ReviewStatus, type RunPerson, type TraceRun, tracingPaths } from './tracing-api.ts';
import { KindTag, LevelTag, Muted, ReviewTag } from './tracing-tags.tsx';

interface Props {
  run: TraceRun | null;
  onClose: () => void;
  /** After a review: the runs list refreshes its pending counts. */
  onReviewed: () => void;
}

const PAGE_SIZE = 50;

/** The people one trace run found, to confirm or dismiss (pending first). */
export function RunPeopleDrawer({ run, onClose, onReviewed }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const [review, setReview] = useState<ReviewStatus | undefined>('pending');
  const [level, setLevel] = useState<ContactLevel>();
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<number[]>([]);
  const [request, setRequest] = useState<ReviewRequest | null>(null);
  const [shownRun, setShownRun] = useState(run?.id);
  if (run && run.id !== shownRun) {
    // Another run opened: start on its first page, nothing selected.
    setShownRun(run.id);
    setPage(1);
    setSelected([]);
  }
  const list = useApi<Paged<RunPerson>>(run ? tracingPaths.runPeople(run.id, { review, level, page, pageSize: PAGE_SIZE }) : null);
  const mayReview = can(me, 'tracing:review');

  const ask = (decision: ReviewDecision, personIds: number[]) => run && setRequest({ decision, byRun: new Map([[run.id, personIds]]) });

  const columns: TableColumnsType<RunPerson> = [
    {
      title: t('tracing.columns.person'),
      key: 'person',
      render: (_, p) => (
        <>
          {p.fullName}{' '}
          {p.masked && (
            <Tooltip title={t('tracing.masked')}>
              <LockOutlined style={{ color: 'rgba(0,0,0,0.45)' }} />
            </Tooltip>
          )}
          <Muted>{p.communeName}</Muted>
        </>
      ),
    },
    { title: t('tracing.columns.level'), dataIndex: 'level', width: 64, render: (l: number) => <LevelTag level={l} /> },
    {
      title: t('tracing.columns.source'),
      key: 'source',
      render: (_, p) =>
        p.source ? (
          <>
            <div>{p.source.fullName}</div>
            <Space size={4} wrap>
              <KindTag kind={p.source.kind} />
              <span style={{ fontSize: 12 }}>{fmt.date(p.source.date)}</span>
            </Space>
          </>
        ) : (
          '–'
        ),
    },
    {
      title: t('tracing.columns.review'),
      key: 'review',
      width: 170,
      render: (_, p) => (
        <>
          <ReviewTag status={p.reviewStatus} />
          {p.reviewNote && <Muted>{p.reviewNote}</Muted>}
        </>
      ),
    },
  ];
  if (mayReview) {
    columns.push({
      key: 'actions',
      width: 84,
      render: (_, p) =>
        p.reviewStatus === 'pending' ? (
          <Space size={4}>
            <Button size="small" icon={<CheckOutlined />} onClick={() => ask('confirmed', [p.personId])} aria-label={t('tracing.confirm')} />
            <Button size="small" danger icon={<CloseOutlined />} onClick={() => ask('dismissed', [p.personId])} aria-label={t('tracing.dismiss')} />
          </Space>
        ) : null,
    });
  }

  return (
    <Drawer
      open={run !== null}
      onClose={onClose}
      size={screens.md === false ? '100%' : 860}
      title={run ? t('tracing.runs.peopleTitle', { id: run.id, caseCode: run.caseCode ?? '–' }) : ''}
      data-testid="run-people"
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<ReviewStatus>
          allowClear
          placeholder={t('tracing.filters.review')}
          value={review}
          options={REVIEW_STATUSES.map((s) => ({ value: s, label: t(`tracing.review.${s}`) }))}
          onChange={(v?: ReviewStatus) => {
            setReview(v);
            setPage(1);
            setSelected([]);
          }}
          style={{ width: 170 }}
        />
        <Select<ContactLevel>
          allowClear
          placeholder={t('tracing.filters.level')}
          value={level}
          options={LEVELS.map((l) => ({ value: l, label: `F${l}` }))}
          onChange={(v?: ContactLevel) => {
            setLevel(v);
            setPage(1);
            setSelected([]);
          }}
          style={{ width: 120 }}
        />
        {mayReview && selected.length > 0 && (
          <>
            <span>{t('tracing.selected', { count: selected.length })}</span>
            <Button icon={<CheckOutlined />} onClick={() => ask('confirmed', selected)}>
              {t('tracing.confirm')}
            </Button>
            <Button danger icon={<CloseOutlined />} onClick={() => ask('dismissed', selected)}>
              {t('tracing.dismiss')}
            </Button>
          </>
        )}
      </Space>
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<RunPerson>
        rowKey="personId"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: 640 }}
        rowSelection={
          mayReview
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys.map(Number)),
                getCheckboxProps: (p) => ({ disabled: p.reviewStatus !== 'pending' }),
              }
            : undefined
        }
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          onChange: (p) => {
            setPage(p);
            setSelected([]);
          },
          showTotal: (total) => t('tracing.total', { total: fmt.number(total) }),
        }}
      />
      <ReviewModal
        request={request}
        onClose={() => setRequest(null)}
        onDone={() => {
          setRequest(null);
          setSelected([]);
          list.reload();
          onReviewed();
        }}
      />
    </Drawer>
  );
}
