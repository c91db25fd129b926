import { Progress, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n/format.ts';
import type { Deadline, DeadlineState, Priority, TaskStatus } from './directives-api.ts';

const tagStyle = { marginInlineEnd: 0 } as const;

const STATE_COLOURS: Record<DeadlineState, string> = { overdue: 'red', due_soon: 'orange', on_time: 'blue', done: 'green' };
const STATUS_COLOURS: Record<TaskStatus, string> = { assigned: 'default', in_progress: 'processing', reported: 'gold', accepted: 'success', returned: 'magenta' };
const PRIORITY_COLOURS: Record<Priority, string> = { high: 'red', normal: 'default', low: 'default' };

/** Quá hạn in red, sắp đến hạn in orange, trong hạn in blue, đã hoàn thành in green. */
export function DeadlineStateTag({ state }: { state: DeadlineState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOURS[state] ?? 'default'} style={tagStyle} data-testid={`deadline-state-${state}`}>
      {t(`directives.states.${state}`, { defaultValue: state })}
    </Tag>
  );
}

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOURS[status] ?? 'default'} style={tagStyle} data-testid={`task-status-${status}`}>
      {t(`directives.statuses.${status}`, { defaultValue: status })}
    </Tag>
  );
}

export function PriorityTag({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  if (priority === 'normal') return null;
  return (
    <Tag color={PRIORITY_COLOURS[priority] ?? 'default'} style={tagStyle}>
      {t(`directives.priorities.${priority}`, { defaultValue: priority })}
    </Tag>
  );
}

type Weekday = 'd1' | 'd2' | 'd3' | 'd4' | 'd5' | 'd6' | 'd7';
export const weekdayKey = (n: number): Weekday => `d${Math.min(7, Math.max(1, Math.trunc(n)))}` as Weekday;

/** "Hoàn thành trước ngày 25/11/2021", "Báo cáo hằng ngày từ 01/06/2021", "Báo cáo Thứ Sáu hằng tuần …". */
export function useDeadlineText() {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (d: Deadline): string => {
    switch (d.kind) {
      case 'date':
        return t('directives.deadline.date', { date: fmt.date(d.dueOn) });
      case 'daily':
        return d.until
          ? t('directives.deadline.dailyUntil', { from: fmt.date(d.from), until: fmt.date(d.until) })
          : t('directives.deadline.daily', { from: fmt.date(d.from) });
      case 'weekly': {
        const weekday = t(`directives.weekdays.${weekdayKey(d.weekday)}`);
        return d.until
          ? t('directives.deadline.weeklyUntil', { weekday, from: fmt.date(d.from), until: fmt.date(d.until) })
          : t('directives.deadline.weekly', { weekday, from: fmt.date(d.from) });
      }
    }
  };
}

/** The deadline with, for a recurring task, the next report's day. */
export function DeadlineText({ deadline, nextDueOn }: { deadline: Deadline; nextDueOn: string | null }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = useDeadlineText();
  if (deadline.kind === 'date') return <span>{fmt.date(deadline.dueOn)}</span>;
  return (
    <Tooltip title={text(deadline)}>
      <span>
        {t(`directives.deadlineKinds.${deadline.kind}`)}
        {nextDueOn && <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.5)' }}>{t('directives.deadline.next', { date: fmt.date(nextDueOn) })}</div>}
      </span>
    </Tooltip>
  );
}

export function PercentBar({ percent }: { percent: number }) {
  return <Progress percent={percent} size="small" style={{ margin: 0, minWidth: 90 }} status={percent >= 100 ? 'success' : 'normal'} />;
}
