import { PlayCircleOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { todayInVietnam, useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { ScheduleCreateModal } from './schedule-create-modal.tsx';
import { ScheduleEndModal } from './schedule-end-modal.tsx';
import { type DayPlan, type PlanItem, planQueryFromParams, planQueryToParams, screeningPaths } from './screening-api.ts';
import { canStartRound, everyDaysText, planStatusTag, scheduleMethodLabel } from './screening.ts';
import { type RoundDetail, testingRoutes } from './testing-api.ts';
import { useTargetKindText } from './testing-tags.tsx';
import { errorMessages } from './testing-view.ts';

const muted = { fontSize: 12, color: 'rgba(0,0,0,0.5)' } as const;
const tagStyle = { marginInlineEnd: 0 } as const;

interface Props {
  params: URLSearchParams;
  setOwn: (own: Record<string, string>) => void;
}

/**
 * "Lịch sàng lọc": the day's plan of recurring screening (overdue, due, sampled) with the rounds
 * started from it, and the schedules added and ended here. The day is `?date=` (none: today).
 */
export function PlanTab({ params, setOwn }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const today = todayInVietnam();
  const date = planQueryFromParams(params).date ?? today;
  const plan = useApi<DayPlan>(screeningPaths.plan(date));
  const mayWrite = can(me, 'sample:write');
  const [creating, setCreating] = useState(false);
  const [ending, setEnding] = useState<PlanItem | null>(null);
  const [starting, setStarting] = useState<number | null>(null);
  const targetKindText = useTargetKindText();
  // The answer of the day asked for (the previous day's stays on screen while it loads).
  const shown = plan.data?.date === date ? plan.data : undefined;

  const start = async (item: PlanItem) => {
    setStarting(item.scheduleId);
    try {
      const round = await api.post<RoundDetail>(screeningPaths.startRound(item.scheduleId), { date });
      message.success(t('testing.plan.started', { code: round.code, expected: fmt.number(round.expected) }));
      navigate(testingRoutes.round(round.id));
    } catch (e) {
      message.error(errorMessages(e, fmt.lang).join(' · '));
      // Someone else may have started it meanwhile.
      plan.reload();
    } finally {
      setStarting(null);
    }
  };

  const columns: TableColumnsType<PlanItem> = [
    {
      title: t('testing.plan.target'),
      key: 'target',
      fixed: 'left',
      width: 250,
      render: (_, r) => (
        <>
          {r.targetLabel}
          <div style={muted}>{targetKindText(r.targetKind)}</div>
        </>
      ),
    },
    { title: t('testing.plan.every'), dataIndex: 'everyDays', width: 120, render: (n: number) => everyDaysText(n, fmt.lang) },
    { title: t('testing.plan.method'), key: 'method', width: 190, render: (_, r) => scheduleMethodLabel(r, fmt.lang) },
    { title: t('testing.plan.lastRound'), dataIndex: 'lastRoundOn', width: 150, render: (d: string | null) => fmt.date(d) },
    {
      title: t('testing.plan.status'),
      key: 'status',
      width: 170,
      render: (_, r) => {
        const tag = planStatusTag(r, date, today, fmt.lang);
        const shownTag = (
          <Tag color={tag.color} style={tagStyle} data-testid={`plan-status-${r.scheduleId}`}>
            {tag.text}
          </Tag>
        );
        return r.status === 'done' && r.roundToday !== null ? <Link to={testingRoutes.round(r.roundToday)}>{shownTag}</Link> : shownTag;
      },
    },
  ];
  if (mayWrite) {
    columns.push({
      title: t('testing.plan.actions'),
      key: 'actions',
      width: 200,
      render: (_, r) => (
        <Space size={4}>
          {canStartRound(r) && (
            <Button
              size="small"
              type="primary"
              icon={<PlayCircleOutlined />}
              loading={starting === r.scheduleId}
              disabled={starting !== null && starting !== r.scheduleId}
              onClick={() => void start(r)}
              data-testid={`plan-start-${r.scheduleId}`}
            >
              {t('testing.plan.start')}
            </Button>
          )}
          <Button size="small" icon={<StopOutlined />} onClick={() => setEnding(r)} data-testid={`plan-end-${r.scheduleId}`}>
            {t('testing.plan.end')}
          </Button>
        </Space>
      ),
    });
  }

  return (
    <div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between', marginBottom: 12 }}>
        <Space wrap>
          <DatePicker
            format="DD/MM/YYYY"
            allowClear={false}
            aria-label={t('testing.plan.date')}
            value={dayjs(date)}
            // Today is the default: left out of the URL.
            onChange={(d) => setOwn(planQueryToParams({ date: d && d.format('YYYY-MM-DD') !== today ? d.format('YYYY-MM-DD') : undefined }))}
            data-testid="plan-date"
          />
          {shown && (
            <Space size={4} wrap>
              <Tag color="red" data-testid="plan-count-overdue">
                {t('testing.plan.counts.overdue', { n: fmt.number(shown.counts.overdue) })}
              </Tag>
              <Tag color="orange" data-testid="plan-count-due">
                {t('testing.plan.counts.due', { n: fmt.number(shown.counts.due) })}
              </Tag>
              <Tag color="green" data-testid="plan-count-done">
                {t('testing.plan.counts.done', { n: fmt.number(shown.counts.done) })}
              </Tag>
            </Space>
          )}
        </Space>
        {mayWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="schedule-create">
            {t('testing.plan.create')}
          </Button>
        )}
      </div>
      {plan.error && <ErrorAlert error={plan.error} onRetry={plan.reload} />}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('testing.plan.hint')}
      </Typography.Paragraph>
      <Table<PlanItem>
        rowKey="scheduleId"
        size="middle"
        data-testid="plan-table"
        columns={columns}
        dataSource={plan.data?.items ?? []}
        loading={plan.loading}
        pagination={false}
        locale={{ emptyText: t('testing.plan.empty') }}
        scroll={{ x: mayWrite ? 1080 : 880 }}
      />
      <ScheduleCreateModal
        open={creating}
        startsOn={date}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          plan.reload();
        }}
      />
      <ScheduleEndModal
        item={ending}
        onClose={() => setEnding(null)}
        onEnded={() => {
          setEnding(null);
          plan.reload();
        }}
      />
    </div>
  );
}
