import { CheckOutlined, ReloadOutlined, SwapOutlined } from '@ant-design/icons';
import { App, Button, Form, Modal, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest, errorText } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { FormErrorAlert, sameNames, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { useAreaFilter } from './area-filter.tsx';
import { communityPaths, type Paged, type Task, TASK_KINDS, type TaskList, type TaskResult, type TeamRow } from './community-api.ts';
import { TaskCompleteForm } from './task-complete-form.tsx';

const muted = { fontSize: 12, color: 'rgba(0,0,0,0.5)' } as const;

/** Every task of the area and its state (open and overdue first); complete, reassign, make today's home checks. */
export function TasksTab() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const { message } = App.useApp();
  const lang = useLanguage();
  const area = useAreaFilter();
  const [status, setStatus] = useState<string | undefined>('open');
  const [kind, setKind] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const list = useApi<TaskList>(communityPaths.tasks({ status, kind, communeCode: area.communeCode, page, pageSize: 20 }));
  const [completing, setCompleting] = useState<Task | null>(null);
  const [moving, setMoving] = useState<Task | null>(null);
  const [syncing, setSyncing] = useState(false);
  const write = can(me, 'teamtask:write');
  const manage = can(me, 'team:manage');
  const sync = async () => {
    setSyncing(true);
    try {
      const r = await apiRequest<{ created: number }>(communityPaths.syncHomeChecks, { method: 'POST', json: {} });
      message.success(t('community.tasks.synced', { n: r.created }));
      list.reload();
    } catch (e) {
      message.error(errorText(e, lang));
    } finally {
      setSyncing(false);
    }
  };

  const columns: TableColumnsType<Task> = [
    {
      title: t('community.tasks.task'), key: 'task', render: (_, k) => (
        <>
          <div style={{ fontWeight: 500 }}>{k.title}</div>
          <div style={muted}>{[t(`community.tasks.kinds.${k.kind}`), k.address ?? (typeof k.detail.buyerAddress === 'string' ? k.detail.buyerAddress : null), k.communeName].filter(Boolean).join(' · ')}</div>
        </>
      ),
    },
    { title: t('community.tasks.due'), dataIndex: 'dueDate', width: 120, render: (v: string, k) => (k.overdue ? <Tag color="red">{fmt.date(v)}</Tag> : fmt.date(v)) },
    { title: t('community.tasks.team'), key: 'team', width: 180, render: (_, k) => k.teamName ?? <Typography.Text type="secondary">{t('community.tasks.unassigned')}</Typography.Text> },
    {
      title: t('community.tasks.status'), key: 'status', width: 190, render: (_, k) => (
        <>
          <Tag color={k.status === 'done' ? 'green' : k.status === 'open' ? 'blue' : 'default'} data-testid={`task-status-${k.id}`}>{t(`community.tasks.statuses.${k.status}`)}</Tag>
          {k.result && <div style={muted}>{t(`community.tasks.results.${k.result as TaskResult}`)}{k.outcome ? `: ${k.outcome}` : ''}</div>}
        </>
      ),
    },
    {
      title: '', key: 'ops', width: 110, render: (_, k) => k.status === 'open' && (
        <Space size={4}>
          {write && <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => setCompleting(k)} aria-label={t('community.tasks.complete')} data-testid={`task-complete-${k.id}`} />}
          {manage && <Button size="small" icon={<SwapOutlined />} onClick={() => setMoving(k)} aria-label={t('community.tasks.reassign')} />}
        </Space>
      ),
    },
  ];
  const counts = list.data?.counts;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        {area.selects}
        <Select allowClear placeholder={t('community.tasks.status')} value={status} onChange={(v?: string) => { setStatus(v); setPage(1); }} style={{ width: 140 }}
          options={(['open', 'done', 'cancelled'] as const).map((s) => ({ value: s, label: t(`community.tasks.statuses.${s}`) }))} />
        <Select allowClear placeholder={t('community.tasks.kind')} value={kind} onChange={(v?: string) => { setKind(v); setPage(1); }} style={{ width: 240 }}
          options={TASK_KINDS.map((k) => ({ value: k, label: t(`community.tasks.kinds.${k}`) }))} />
        {can(me, 'quarantine:read') && <Button icon={<ReloadOutlined />} loading={syncing} onClick={() => void sync()}>{t('community.tasks.sync')}</Button>}
      </Space>
      {counts && <Typography.Paragraph type="secondary" data-testid="tasks-counts">{t('community.tasks.counts', counts)}</Typography.Paragraph>}
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<Task>
        rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.loading} scroll={{ x: 900 }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('community.total', { total: fmt.number(n) }) }}
        data-testid="tasks-table"
      />
      <Modal open={completing !== null} title={completing?.title} onCancel={() => setCompleting(null)} footer={null} destroyOnHidden>
        {completing && <TaskCompleteForm task={completing} onDone={() => { setCompleting(null); list.reload(); }} />}
      </Modal>
      <Modal open={moving !== null} title={t('community.tasks.reassign')} onCancel={() => setMoving(null)} footer={null} destroyOnHidden>
        {moving && <ReassignForm task={moving} onClose={() => setMoving(null)} onSaved={() => { setMoving(null); list.reload(); }} />}
      </Modal>
    </>
  );
}

function ReassignForm({ task, onClose, onSaved }: { task: Task; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ teamId: number | null }>();
  const teams = useApi<Paged<TeamRow>>(communityPaths.teams({ communeCode: task.communeCode, page: 1, pageSize: 200 }));
  const { saving, error, run } = useFormSubmit(form, sameNames(['teamId'] as const));
  const submit = (v: { teamId: number | null }) => run(async () => {
    await apiRequest(communityPaths.reassign(task.id), { method: 'POST', json: { teamId: v.teamId ?? null } });
    onSaved();
  });
  return (
    <Form layout="vertical" form={form} onFinish={(v) => void submit(v)} initialValues={{ teamId: task.teamId }} disabled={saving}>
      <FormErrorAlert error={error} testId="reassign-error" />
      <Typography.Paragraph>{task.title}</Typography.Paragraph>
      <Form.Item name="teamId" label={t('community.tasks.team')}>
        <Select allowClear placeholder={t('community.tasks.noTeam')} options={(teams.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.village} — ${x.name}` }))} />
      </Form.Item>
      <FormFooter saving={saving} onClose={onClose} submitText={t('community.save')} testId="reassign-submit" />
    </Form>
  );
}
