import { CheckOutlined } from '@ant-design/icons';
import { Button, Segmented, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { pagedTableProps, pagingAfterChange } from '../../shared/ui/table-paging.ts';
import { type CommuneTask, type HomeQuery, homePaths, TASK_FILTERS, type TaskFilter, type TaskList, type TaskStatus } from './home-api.ts';
import { muted, TaskStatusTag } from './quarantine-tags.tsx';
import { TaskDoneModal } from './task-done-modal.tsx';

const TASK_KINDS = ['abnormal_home_check'] as const;

/** "Nhiệm vụ trạm y tế": what the commune health stations are to do after an abnormal check at home. */
export function TasksList({ query, update }: { query: HomeQuery; update: (patch: Partial<HomeQuery>) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const list = useApi<TaskList>(homePaths.tasks(query));
  // Closing a task is the health station's: the server asks for quarantine:write.
  const mayClose = can(me, 'quarantine:write');
  const [closing, setClosing] = useState<CommuneTask | null>(null);

  const kindText = (k: string) => ((TASK_KINDS as readonly string[]).includes(k) ? t(`quarantine.tasks.kinds.${k as (typeof TASK_KINDS)[number]}`) : k);

  const columns: TableColumnsType<CommuneTask> = [
    { title: t('quarantine.tasks.person'), dataIndex: 'fullName', fixed: 'left', width: 190 },
    { title: t('quarantine.tasks.kind'), dataIndex: 'kind', width: 200, render: kindText },
    { title: t('quarantine.tasks.dueDate'), dataIndex: 'dueDate', width: 120, render: (d: string) => fmt.date(d) },
    { title: t('quarantine.tasks.detail'), dataIndex: 'detail', width: 360, render: (d: string | null) => d ?? '–' },
    { title: t('quarantine.tasks.status'), dataIndex: 'status', width: 120, render: (s: TaskStatus) => <TaskStatusTag status={s} /> },
    {
      title: t('quarantine.tasks.outcome'),
      key: 'outcome',
      width: 260,
      render: (_, task) =>
        task.outcome ? (
          <>
            {task.outcome}
            {task.doneAt && <div style={muted}>{t('quarantine.tasks.doneAt', { at: fmt.dateTimeMinutes(task.doneAt) })}</div>}
          </>
        ) : (
          '–'
        ),
    },
  ];
  if (mayClose) {
    columns.push({
      title: t('quarantine.tasks.actions'),
      key: 'actions',
      fixed: 'right',
      width: 140,
      render: (_, task) =>
        task.status === 'open' ? (
          <Button size="small" icon={<CheckOutlined />} onClick={() => setClosing(task)} data-testid={`task-done-${task.id}`}>
            {t('quarantine.tasks.markDone')}
          </Button>
        ) : null,
    });
  }

  return (
    <div>
      <Segmented<TaskFilter>
        value={query.tasks}
        options={TASK_FILTERS.map((f) => ({ value: f, label: t(`quarantine.tasks.filters.${f}`) }))}
        onChange={(tasks) => update({ tasks, page: 1 })}
        style={{ marginBottom: 12 }}
        data-testid="tasks-status"
      />
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<CommuneTask>
        rowKey="id"
        size="middle"
        data-testid="tasks-table"
        columns={columns}
        scroll={{ x: 1400 }}
        onChange={(p) => update(pagingAfterChange(query, p))}
        {...pagedTableProps(list, query, (total) => t('quarantine.tasks.total', { total: fmt.number(total) }))}
      />
      <TaskDoneModal
        task={closing}
        onClose={() => setClosing(null)}
        onDone={() => {
          setClosing(null);
          list.reload();
        }}
        onStale={list.reload}
      />
    </div>
  );
}
