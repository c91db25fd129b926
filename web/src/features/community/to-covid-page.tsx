import { ArrowLeftOutlined, CheckOutlined, PhoneOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest, errorText } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { communityPaths, type Task, type TaskList, type TaskResult } from './community-api.ts';
import { TaskCompleteForm } from './task-complete-form.tsx';

const BIG = { height: 52, fontSize: 17 } as const;
const muted = { color: 'rgba(0,0,0,0.55)' } as const;

/**
 * `/to-covid`: the community team's phone page. Today's open tasks (overdue first) as big cards;
 * open one, call the person, record the outcome with big buttons.
 */
export default function ToCovidPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const lang = useLanguage();
  const open = useApi<TaskList>(communityPaths.tasks({ status: 'open', page: 1, pageSize: 100 }));
  const done = useApi<TaskList>(communityPaths.tasks({ status: 'done', page: 1, pageSize: 5 }));
  const [current, setCurrent] = useState<Task | null>(null);
  const [syncing, setSyncing] = useState(false);

  const reload = () => { open.reload(); done.reload(); };
  const sync = async () => {
    setSyncing(true);
    try {
      const r = await apiRequest<{ created: number }>(communityPaths.syncHomeChecks, { method: 'POST', json: {} });
      message.success(t('community.tasks.synced', { n: r.created }));
      reload();
    } catch (e) {
      message.error(errorText(e, lang));
    } finally {
      setSyncing(false);
    }
  };

  if (current) {
    return <TaskView task={current} onBack={() => setCurrent(null)} onDone={() => { setCurrent(null); reload(); }} />;
  }
  const counts = open.data?.counts;
  return (
    <div style={{ maxWidth: 560, margin: '0 auto' }} data-testid="to-covid">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('community.toCovid.title')}</Typography.Title>
        <Button icon={<ReloadOutlined />} loading={syncing} onClick={() => void sync()} aria-label={t('community.tasks.sync')} />
      </Space>
      {counts && <Typography.Paragraph style={muted} data-testid="to-covid-summary">{t('community.toCovid.summary', { open: counts.open, overdue: counts.overdue })}</Typography.Paragraph>}
      {open.error && <ErrorAlert error={open.error} onRetry={open.reload} />}
      {open.data && open.data.items.length === 0 && <Card><Typography.Text>{t('community.toCovid.empty')}</Typography.Text></Card>}
      <Space direction="vertical" style={{ width: '100%' }} size={12}>
        {(open.data?.items ?? []).map((task) => <TaskCard key={task.id} task={task} onOpen={() => setCurrent(task)} />)}
      </Space>
      {(done.data?.items.length ?? 0) > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>{t('community.toCovid.doneList')}</Typography.Title>
          <Space direction="vertical" style={{ width: '100%' }} size={8}>
            {done.data!.items.map((task) => (
              <Card key={task.id} size="small" data-testid={`to-covid-done-${task.id}`}>
                <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                  <span>{task.title}</span>
                  <Tag color="green" icon={<CheckOutlined />}>{task.result ? t(`community.tasks.results.${task.result as TaskResult}`) : t('community.tasks.statuses.done')}</Tag>
                </Space>
              </Card>
            ))}
          </Space>
        </>
      )}
    </div>
  );
}

function TaskCard({ task, onOpen }: { task: Task; onOpen: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Card hoverable onClick={onOpen} data-testid={`to-covid-task-${task.id}`} styles={{ body: { padding: 16 } }}>
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap size={4}>
          <Tag color="blue">{t(`community.tasks.kinds.${task.kind}`)}</Tag>
          {task.overdue ? <Tag color="red">{t('community.tasks.overdue')} · {fmt.date(task.dueDate)}</Tag> : <Tag>{t('community.tasks.due')} {fmt.date(task.dueDate)}</Tag>}
        </Space>
        <Typography.Text strong style={{ fontSize: 16 }}>{task.title}</Typography.Text>
        {task.address && <Typography.Text style={muted}>{task.address}</Typography.Text>}
        <Button type="primary" block style={BIG} onClick={(e) => { e.stopPropagation(); onOpen(); }} data-testid={`to-covid-open-${task.id}`}>{t('community.toCovid.open')}</Button>
      </Space>
    </Card>
  );
}

function TaskView({ task, onBack, onDone }: { task: Task; onBack: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const phone = task.phone ?? (typeof task.detail.buyerPhone === 'string' ? task.detail.buyerPhone : null);
  const details = Object.entries(task.detail).filter(([k, v]) => typeof v === 'string' && !['buyerPhone', 'soldOn'].includes(k));
  return (
    <div style={{ maxWidth: 560, margin: '0 auto' }} data-testid="to-covid-task">
      <Button icon={<ArrowLeftOutlined />} onClick={onBack} style={{ marginBottom: 12 }} size="large">{t('community.toCovid.back')}</Button>
      <Card>
        <Space wrap size={4}>
          <Tag color="blue">{t(`community.tasks.kinds.${task.kind}`)}</Tag>
          <Tag color={task.overdue ? 'red' : undefined}>{t('community.tasks.due')} {fmt.date(task.dueDate)}</Tag>
        </Space>
        <Typography.Title level={4} style={{ marginTop: 8 }}>{task.title}</Typography.Title>
        {task.address && <Typography.Paragraph><b>{t('community.toCovid.address')}:</b> {task.address}</Typography.Paragraph>}
        {details.length > 0 && <Typography.Paragraph style={muted}>{details.map(([, v]) => String(v)).join(' · ')}</Typography.Paragraph>}
        {phone && <Button href={`tel:${phone}`} icon={<PhoneOutlined />} block size="large" style={{ ...BIG, marginBottom: 16 }}>{t('community.toCovid.call')} {phone}</Button>}
        <TaskCompleteForm task={task} onDone={onDone} big />
      </Card>
    </div>
  );
}
