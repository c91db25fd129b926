import { ArrowLeftOutlined, CheckOutlined, EditOutlined, PaperClipOutlined, RollbackOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Empty, Form, Input, Modal, Popconfirm, Result, Row, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, errorText } from '../../shared/api/client.ts';
import { useRouteRecord } from '../../shared/hooks/use-api.ts';
import { useDownload } from '../../shared/hooks/use-download.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { FormErrorAlert, sameNames, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { PageHeader } from '../../shared/ui/page-header.tsx';
import { DeadlineStateTag, PercentBar, PriorityTag, TaskStatusTag, useDeadlineText } from './directive-tags.tsx';
import { directivesPaths, meetingPagePath, type Report, type TaskDetail } from './directives-api.ts';
import { fileSizeText, leadsTask } from './directives-view.ts';
import { ReportForm } from './report-form.tsx';
import { TaskFormModal } from './task-form-modal.tsx';

/** Timeline dots: returned red, reported done gold, accepted green, the rest blue. */
const HISTORY_COLOURS: Record<string, string> = { returned: 'red', reported_done: 'gold', accepted: 'green' };

/** One task: what is asked, of whom, by when; its reports and history; reporting, accepting or returning it. */
export default function TaskDetailPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const { message } = App.useApp();
  const { id, valid, detail, record: task } = useRouteRecord<TaskDetail>(directivesPaths.task);
  const deadlineText = useDeadlineText();
  const [returning, setReturning] = useState<TaskDetail | null>(null);
  const [accepting, setAccepting] = useState(false);
  const [editing, setEditing] = useState<TaskDetail | null>(null);

  if (!valid) return <Result status="404" title="404" subTitle={t('notFound.title')} />;

  const mayDecide = task !== undefined && can(me, 'directive:manage') && task.status === 'reported';
  // An accepted task is closed: the server refuses to edit it.
  const mayEdit = task !== undefined && can(me, 'directive:manage') && task.status !== 'accepted';
  const mayReport = task !== undefined && can(me, 'directive:report') && leadsTask(me, task) && task.status !== 'accepted';

  const accept = async () => {
    setAccepting(true);
    try {
      await api.post<TaskDetail>(directivesPaths.accept(id), {});
      message.success(t('directives.task.acceptedDone'));
      detail.reload();
    } catch (e) {
      message.error(errorText(e, fmt.lang));
    } finally {
      setAccepting(false);
    }
  };

  return (
    <div data-testid="task-detail">
      <Link to={task?.meetingId ? meetingPagePath(task.meetingId) : '/directives'}>
        <ArrowLeftOutlined /> {task?.meetingId ? t('directives.task.backToMeeting') : t('directives.meeting.back')}
      </Link>
      {detail.error && <ErrorAlert error={detail.error} onRetry={detail.reload} />}
      {!task && !detail.error && <Skeleton active />}
      {task && (
        <>
          <PageHeader
            title={
              <span>
                {task.title} <PriorityTag priority={task.priority} />
              </span>
            }
            extra={
              (mayDecide || mayEdit) && (
                <Space wrap>
                  {mayEdit && (
                    <Button icon={<EditOutlined />} onClick={() => setEditing(task)} data-testid="task-edit">
                      {t('directives.task.edit')}
                    </Button>
                  )}
                  {mayDecide && (
                    <>
                      <Popconfirm title={t('directives.task.acceptConfirm')} onConfirm={() => void accept()}>
                        <Button type="primary" icon={<CheckOutlined />} loading={accepting} data-testid="task-accept">
                          {t('directives.task.accept')}
                        </Button>
                      </Popconfirm>
                      <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(task)} data-testid="task-return">
                        {t('directives.task.return')}
                      </Button>
                    </>
                  )}
                </Space>
              )
            }
          />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <Card size="small" style={{ marginBottom: 16 }}>
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={t('directives.tasks.status')}>
                    <Space size={4}>
                      <TaskStatusTag status={task.status} />
                      <DeadlineStateTag state={task.deadlineState} />
                    </Space>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('directives.tasks.deadline')}>
                    {deadlineText(task.deadline)}
                    {task.deadline.kind !== 'date' && task.nextDueOn && ` · ${t('directives.deadline.next', { date: fmt.date(task.nextDueOn) })}`}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('directives.tasks.leadAgency')}>
                    <strong data-testid="task-lead-agency">{task.leadAgency.name}</strong>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('directives.tasks.supportAgencies')}>
                    {task.supportAgencies.length > 0 ? task.supportAgencies.map((a) => a.name).join('; ') : '–'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('directives.tasks.percent')}>
                    <div style={{ width: 220 }}>
                      <PercentBar percent={task.percent} />
                    </div>
                  </Descriptions.Item>
                  {task.meetingId && (
                    <Descriptions.Item label={t('directives.tasks.meeting')}>
                      <Link to={meetingPagePath(task.meetingId)}>
                        {task.itemOrdinal ? t('directives.tasks.conclusion', { n: task.itemOrdinal }) : t('directives.tasks.openMeeting')}
                      </Link>
                    </Descriptions.Item>
                  )}
                  {task.concerns && (
                    <Descriptions.Item label={t('directives.tasks.concerns')}>
                      {t(`directives.concernKinds.${task.concerns.kind}`)}: {task.concerns.label}
                    </Descriptions.Item>
                  )}
                </Descriptions>
                <Typography.Title level={5}>{t('directives.task.body')}</Typography.Title>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="task-body-text">
                  {task.body}
                </Typography.Paragraph>
              </Card>
              {/* Keyed by the reports: after one is sent the form starts again from the task's new percent. */}
              {mayReport && <ReportForm key={task.reports.length} task={task} onReported={() => detail.reload()} />}
              <ReportsCard task={task} />
            </Col>
            <Col xs={24} xl={10}>
              <Card size="small" title={t('directives.task.history')} data-testid="task-history">
                {task.history.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
                ) : (
                  <Timeline
                    items={task.history.map((h, i) => ({
                      key: `${h.at}-${i}`,
                      color: HISTORY_COLOURS[h.action] ?? 'blue',
                      content: (
                        <div>
                          <Typography.Text strong>{t(`directives.historyActions.${h.action}` as 'directives.historyActions.created', { defaultValue: h.action })}</Typography.Text>
                          <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.5)' }}>
                            {fmt.dateTimeMinutes(h.at)}
                            {h.by && ` · ${h.by}`}
                          </div>
                          {h.note && <div style={{ whiteSpace: 'pre-wrap' }}>{h.note}</div>}
                        </div>
                      ),
                    }))}
                  />
                )}
              </Card>
            </Col>
          </Row>
          <TaskFormModal
            task={editing}
            onClose={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              detail.reload();
            }}
          />
          <ReturnModal
            task={returning}
            onClose={() => setReturning(null)}
            onReturned={() => {
              setReturning(null);
              detail.reload();
            }}
          />
        </>
      )}
    </div>
  );
}

function ReportsCard({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { download } = useDownload();
  return (
    <Card size="small" title={t('directives.task.reports')} style={{ marginTop: 16 }} data-testid="task-reports">
      {task.reports.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('directives.task.noReports')} />
      ) : (
        task.reports.map((r: Report) => (
          <div key={r.id} style={{ borderBottom: '1px solid #f0f0f0', padding: '8px 0' }} data-testid={`task-report-${r.id}`}>
            <Space size={8} wrap>
              <Typography.Text strong>{fmt.dateTimeMinutes(r.at)}</Typography.Text>
              {/* The demo's seeded reports have no user behind them. */}
              <span>{[r.by.fullName || r.by.username, r.agency.name].filter(Boolean).join(' · ')}</span>
              <Tag>{r.percent}%</Tag>
              {r.done && <Tag color="green">{t('directives.task.reportDone')}</Tag>}
            </Space>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{r.text}</Typography.Paragraph>
            {r.attachments.length > 0 && (
              <Space size={[12, 4]} wrap>
                {r.attachments.map((a) => (
                  <Button
                    key={a.id}
                    type="link"
                    size="small"
                    icon={<PaperClipOutlined />}
                    onClick={() => void download(directivesPaths.attachment(task.id, r.id, a.id), a.filename)}
                    data-testid={`attachment-${a.id}`}
                  >
                    {a.filename} ({fileSizeText(a.size, fmt.lang)})
                  </Button>
                ))}
              </Space>
            )}
          </div>
        ))
      )}
    </Card>
  );
}

/** "Trả lại": the command centre sends a reported task back to its lead agency, saying why. */
function ReturnModal({ task, onClose, onReturned }: { task: TaskDetail | null; onClose: () => void; onReturned: () => void }) {
  const { t } = useTranslation();
  const opening = useOpenCount(task);
  return (
    <Modal open={task !== null} title={t('directives.task.returnTitle')} onCancel={onClose} destroyOnHidden footer={null} width={520}>
      {task && <ReturnForm key={opening} task={task} onClose={onClose} onReturned={onReturned} />}
    </Modal>
  );
}

function ReturnForm({ task, onClose, onReturned }: { task: TaskDetail; onClose: () => void; onReturned: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const { saving, error, run } = useFormSubmit(form, sameNames(['reason'] as const));
  return (
    <Form
      form={form}
      layout="vertical"
      disabled={saving}
      data-testid="task-return-form"
      onFinish={(v: { reason: string }) =>
        void run(async () => {
          await api.post<TaskDetail>(directivesPaths.return(task.id), { reason: v.reason.trim() });
          message.success(t('directives.task.returnedDone', { agency: task.leadAgency.name }));
          onReturned();
        })
      }
    >
      <FormErrorAlert error={error} />
      <Form.Item name="reason" label={t('directives.task.reason')} rules={[{ required: true, whitespace: true, message: t('directives.required') }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount data-testid="task-return-reason" />
      </Form.Item>
      <FormFooter saving={saving} onClose={onClose} submitText={t('directives.task.return')} testId="task-return-submit" danger />
    </Form>
  );
}
