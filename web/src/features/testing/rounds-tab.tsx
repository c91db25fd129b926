import { PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Progress, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { pagedTableProps, pagingAfterChange } from '../../shared/ui/table-paging.ts';
import { RoundCreateModal } from './round-create-modal.tsx';
import {
  type RoundList,
  type RoundQuery,
  roundQueryFromParams,
  roundQueryToParams,
  ROUND_STATUSES,
  type RoundStatus,
  type RoundSummary,
  testingPaths,
  testingRoutes,
} from './testing-api.ts';
import { RoundStatusTag, useTargetKindText } from './testing-tags.tsx';
import { methodLabel, sampledPercent } from './testing-view.ts';

const muted = { fontSize: 12, color: 'rgba(0,0,0,0.5)' } as const;

interface Props {
  params: URLSearchParams;
  setOwn: (own: Record<string, string>) => void;
}

/** "Đợt lấy mẫu": the sampling rounds of the user's area by day and status; a round opens its own page. */
export function RoundsTab({ params, setOwn }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const navigate = useNavigate();
  const query = roundQueryFromParams(params);
  const list = useApi<RoundList>(testingPaths.rounds(query));
  const mayWrite = can(me, 'sample:write');
  const [creating, setCreating] = useState(false);
  const targetKindText = useTargetKindText();

  const update = (next: RoundQuery) => setOwn(roundQueryToParams(next));
  const filter = (patch: Partial<RoundQuery>) => update({ ...query, page: 1, ...patch });

  const columns: TableColumnsType<RoundSummary> = [
    { title: t('testing.rounds.code'), dataIndex: 'code', fixed: 'left', width: 160, render: (code: string) => <span style={{ fontWeight: 500 }}>{code}</span> },
    {
      title: t('testing.rounds.target'),
      key: 'target',
      width: 240,
      render: (_, r) => (
        <>
          {r.targetLabel}
          <div style={muted}>{targetKindText(r.targetKind)}</div>
        </>
      ),
    },
    { title: t('testing.rounds.date'), dataIndex: 'scheduledOn', width: 120, render: (d: string) => fmt.date(d) },
    { title: t('testing.rounds.method'), key: 'method', width: 190, render: (_, r) => methodLabel(r.method, r.poolSize, fmt.lang) },
    {
      title: t('testing.rounds.progress'),
      key: 'progress',
      width: 170,
      render: (_, r) => (
        <div style={{ width: 140 }}>
          <div style={{ fontSize: 12 }}>
            {fmt.number(r.sampled)} / {fmt.number(r.expected)}
          </div>
          <Progress percent={sampledPercent(r.sampled, r.expected)} size="small" showInfo={false} status="normal" aria-label={`${r.sampled} / ${r.expected}`} />
        </div>
      ),
    },
    { title: t('testing.rounds.status'), dataIndex: 'status', width: 130, render: (s: string) => <RoundStatusTag status={s} /> },
    { title: t('testing.rounds.team'), dataIndex: 'teamName', width: 180, render: (n: string | null) => n ?? '–' },
  ];

  return (
    <div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between', marginBottom: 12 }}>
        <Space wrap>
          <DatePicker
            format="DD/MM/YYYY"
            placeholder={t('testing.rounds.anyDate')}
            aria-label={t('testing.rounds.date')}
            value={query.date ? dayjs(query.date) : null}
            onChange={(d) => filter({ date: d ? d.format('YYYY-MM-DD') : undefined })}
            data-testid="rounds-date"
          />
          <Select<RoundStatus>
            allowClear
            placeholder={t('testing.allStatuses')}
            aria-label={t('testing.rounds.status')}
            value={query.status}
            options={ROUND_STATUSES.map((s) => ({ value: s, label: t(`testing.roundStatuses.${s}`) }))}
            onChange={(status?: RoundStatus) => filter({ status })}
            style={{ width: 170 }}
            data-testid="rounds-status"
          />
          {(query.date || query.status) && <Button onClick={() => update({ page: 1, pageSize: query.pageSize })}>{t('app.reset')}</Button>}
        </Space>
        {mayWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="round-create">
            {t('testing.rounds.create')}
          </Button>
        )}
      </div>
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('testing.rounds.openHint')}
      </Typography.Paragraph>
      <Table<RoundSummary>
        className="clickable-rows"
        rowKey="id"
        size="middle"
        data-testid="rounds-table"
        columns={columns}
        scroll={{ x: 1190 }}
        onRow={(r) => ({ onClick: () => navigate(testingRoutes.round(r.id)) })}
        onChange={(p) => update({ ...query, ...pagingAfterChange(query, p) })}
        {...pagedTableProps(list, query, (total) => t('testing.rounds.total', { total: fmt.number(total) }))}
      />
      <RoundCreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(round) => {
          setCreating(false);
          navigate(testingRoutes.round(round.id));
        }}
      />
    </div>
  );
}
