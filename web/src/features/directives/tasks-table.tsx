import { Space, Table, type TableColumnsType, type TablePaginationConfig, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../shared/i18n/format.ts';
import { sortOrderOf } from '../../shared/ui/table-paging.ts';
import { DeadlineStateTag, DeadlineText, PercentBar, PriorityTag, TaskStatusTag } from './directive-tags.tsx';
import { taskPagePath, type TaskSort, TASK_SORTS, type TaskSummary } from './directives-api.ts';

const muted = { fontSize: 12, color: 'rgba(0,0,0,0.5)' } as const;

interface Props {
  dataSource: TaskSummary[];
  loading: boolean;
  /** None: every row on one page (a meeting's conclusion). */
  pagination?: TablePaginationConfig;
  /** The list's sort; with onChange, the deadline, priority and updated columns sort on the server. */
  sort?: TaskSort;
  onChange?: (pagination: TablePaginationConfig, sort: TaskSort | undefined) => void;
  /** Leave out the meeting column (inside a meeting's page). */
  inMeeting?: boolean;
  testId?: string;
}

const isSort = (v: unknown): v is TaskSort => (TASK_SORTS as readonly unknown[]).includes(v);

/** Tasks with their lead agency, deadline and its state, status, progress and latest report. */
export function TasksTable({ dataSource, loading, pagination, sort, onChange, inMeeting = false, testId = 'tasks-table' }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const sortable = onChange !== undefined;
  // The server sorts each key one way only: deadline soonest, priority highest, updated newest first.
  const sorter = (key: TaskSort) => (sortable ? { sorter: true, sortDirections: ['ascend' as const], sortOrder: sortOrderOf(sort, key) } : {});

  const columns: TableColumnsType<TaskSummary> = [
    {
      title: t('directives.tasks.title'),
      key: 'priority',
      dataIndex: 'priority',
      width: 280,
      ...sorter('priority'),
      render: (_, task) => (
        <>
          <Link to={taskPagePath(task.id)} data-testid={`task-link-${task.id}`}>
            {task.title}
          </Link>{' '}
          <PriorityTag priority={task.priority} />
          {task.concerns && <div style={muted}>{t(`directives.concernKinds.${task.concerns.kind}`)}: {task.concerns.label}</div>}
        </>
      ),
    },
    {
      title: t('directives.tasks.leadAgency'),
      key: 'lead',
      width: 200,
      render: (_, task) => (
        <>
          <span>{task.leadAgency.name}</span>
          {task.supportAgencies.length > 0 && (
            <Tooltip title={task.supportAgencies.map((a) => a.name).join('; ')}>
              <div style={muted}>{t('directives.tasks.withSupports', { count: task.supportAgencies.length })}</div>
            </Tooltip>
          )}
        </>
      ),
    },
    {
      title: t('directives.tasks.deadline'),
      key: 'deadline',
      dataIndex: 'deadline',
      width: 130,
      ...sorter('deadline'),
      render: (_, task) => (
        <Space orientation="vertical" size={2}>
          <DeadlineText deadline={task.deadline} nextDueOn={task.nextDueOn} />
          <DeadlineStateTag state={task.deadlineState} />
        </Space>
      ),
    },
    {
      title: t('directives.tasks.status'),
      key: 'status',
      width: 130,
      render: (_, task) => <TaskStatusTag status={task.status} />,
    },
    { title: t('directives.tasks.percent'), key: 'percent', width: 120, render: (_, task) => <PercentBar percent={task.percent} /> },
    {
      title: t('directives.tasks.latestReport'),
      key: 'updated',
      dataIndex: 'updated',
      width: 240,
      ...sorter('updated'),
      render: (_, task) =>
        task.latestReport ? (
          <>
            <Typography.Paragraph ellipsis={{ rows: 2, tooltip: task.latestReport.text }} style={{ margin: 0 }}>
              {task.latestReport.text}
            </Typography.Paragraph>
            <div style={muted}>{fmt.dateTimeMinutes(task.latestReport.at)}</div>
          </>
        ) : (
          <span style={muted}>{t('directives.tasks.noReport')}</span>
        ),
    },
  ];
  if (!inMeeting) {
    columns.push({
      title: t('directives.tasks.meeting'),
      key: 'meeting',
      width: 110,
      render: (_, task) =>
        task.meetingId ? (
          <Link to={`/directives/meetings/${task.meetingId}`}>
            {task.itemOrdinal ? t('directives.tasks.conclusion', { n: task.itemOrdinal }) : t('directives.tasks.openMeeting')}
          </Link>
        ) : (
          '–'
        ),
    });
  }

  return (
    <Table<TaskSummary>
      rowKey="id"
      size="middle"
      data-testid={testId}
      columns={columns}
      dataSource={dataSource}
      loading={loading}
      pagination={pagination ?? false}
      scroll={{ x: inMeeting ? 1100 : 1210 }}
      onChange={(p, _filters, s) => {
        const first = Array.isArray(s) ? s[0] : s;
        onChange?.(p, first?.order && isSort(first.columnKey) ? first.columnKey : undefined);
      }}
    />
  );
}
