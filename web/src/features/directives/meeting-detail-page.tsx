import { ArrowLeftOutlined, DownloadOutlined, EditOutlined, FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, Form, Input, Modal, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../shared/api/client.ts';
import { useRouteRecord } from '../../shared/hooks/use-api.ts';
import { useDownload } from '../../shared/hooks/use-download.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { FormErrorAlert, sameNames, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { PageHeader } from '../../shared/ui/page-header.tsx';
import { directivesPaths, type Meeting, type MeetingItem, type SituationSnapshot } from './directives-api.ts';
import { itemPatch } from './directives-edit.ts';
import { MeetingFormModal } from './meeting-form-modal.tsx';
import { type TaskOrigin, TaskFormModal } from './task-form-modal.tsx';
import { TasksTable } from './tasks-table.tsx';

/** One briefing: its situation figures, its numbered conclusions with their tasks, and the notice and follow-up files. */
export default function MeetingDetailPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const notice = useDownload();
  const table = useDownload();
  const { valid, detail, record: m } = useRouteRecord<Meeting>(directivesPaths.meeting);
  const mayManage = can(me, 'directive:manage');
  const [origin, setOrigin] = useState<TaskOrigin | null>(null);
  const [addingItem, setAddingItem] = useState(false);
  const [editing, setEditing] = useState(false);

  if (!valid) return <Result status="404" title="404" subTitle={t('notFound.title')} />;

  return (
    <div data-testid="meeting-detail">
      <Link to="/directives?tab=meetings">
        <ArrowLeftOutlined /> {t('directives.meeting.back')}
      </Link>
      {detail.error && <ErrorAlert error={detail.error} onRetry={detail.reload} />}
      {!m && !detail.error && <Skeleton active />}
      {m && (
        <>
          <PageHeader
            title={m.title}
            extra={
              <Space wrap>
                {mayManage && (
                  <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="meeting-edit">
                    {t('directives.meeting.edit')}
                  </Button>
                )}
                <Button
                  icon={<FileWordOutlined />}
                  loading={notice.downloading}
                  onClick={() => void notice.download(directivesPaths.notice(m.id), `thong-bao-ket-luan-${m.heldOn}.docx`)}
                  data-testid="meeting-notice"
                >
                  {t('directives.meeting.notice')}
                </Button>
                <Button
                  icon={<DownloadOutlined />}
                  loading={table.downloading}
                  onClick={() => void table.download(directivesPaths.followUp({ meetingId: m.id, status: 'all' }), `theo-doi-${m.heldOn}.xlsx`)}
                  data-testid="meeting-follow-up"
                >
                  {t('directives.meeting.followUp')}
                </Button>
              </Space>
            }
          />
          <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('directives.meetings.heldOn')}>{fmt.date(m.heldOn)}</Descriptions.Item>
            <Descriptions.Item label={t('directives.meetings.noticeNo')}>{m.noticeNo ?? '–'}</Descriptions.Item>
            <Descriptions.Item label={t('directives.meetings.chair')}>{m.chair}</Descriptions.Item>
            <Descriptions.Item label={t('directives.meeting.createdBy')}>
              {m.createdBy ? `${m.createdBy.fullName ?? m.createdBy.username} · ` : ''}
              {fmt.dateTimeMinutes(m.createdAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('directives.meetings.attendees')} span={2}>
              {m.attendees.length > 0 ? (
                <Space size={[4, 4]} wrap>
                  {m.attendees.map((a) => (
                    <Tag key={a}>{a}</Tag>
                  ))}
                </Space>
              ) : (
                '–'
              )}
            </Descriptions.Item>
          </Descriptions>
          <SituationCard situation={m.situation} />
          <Typography.Title level={4} style={{ marginTop: 24 }}>
            {t('directives.meeting.conclusions')}
          </Typography.Title>
          {m.items.length === 0 && <Empty description={t('directives.meeting.noItems')} />}
          {m.items.map((item) => (
            <ItemCard
              key={item.id}
              meetingId={m.id}
              item={item}
              onEdited={mayManage ? () => detail.reload() : undefined}
              onAddTask={mayManage ? () => setOrigin({ meetingId: m.id, heldOn: m.heldOn, item }) : undefined}
              // An agency officer sees only its agency's tasks.
              ownTasksOnly={can(me, 'directive:report')}
            />
          ))}
          {mayManage && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => setAddingItem(true)} data-testid="meeting-add-item">
              {t('directives.meeting.addItem')}
            </Button>
          )}
          {mayManage && (
            <>
              <TaskFormModal
                origin={origin}
                onClose={() => setOrigin(null)}
                onCreated={() => {
                  setOrigin(null);
                  detail.reload();
                }}
              />
              <MeetingFormModal
                open={editing}
                initial={m}
                onClose={() => setEditing(false)}
                onSaved={() => {
                  setEditing(false);
                  detail.reload();
                }}
              />
              <AddItemModal
                meetingId={m.id}
                open={addingItem}
                onClose={() => setAddingItem(false)}
                onAdded={() => {
                  setAddingItem(false);
                  detail.reload();
                }}
              />
            </>
          )}
        </>
      )}
    </div>
  );
}

interface ItemCardProps {
  meetingId: number;
  item: MeetingItem;
  /** Given to those who manage directives: the text can be edited in place. */
  onEdited?: () => void;
  onAddTask?: () => void;
  ownTasksOnly: boolean;
}

function ItemCard({ meetingId, item, onEdited, onAddTask, ownTasksOnly }: ItemCardProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid={`meeting-item-card-${item.ordinal}`}
      title={<span style={{ whiteSpace: 'normal' }}>{t('directives.meeting.itemTitle', { n: item.ordinal })}</span>}
      extra={
        <Space size={4}>
          {onEdited && !editing && (
            <Button
              size="small"
              icon={<EditOutlined />}
              onClick={() => setEditing(true)}
              aria-label={t('directives.meeting.editItem', { n: item.ordinal })}
              title={t('directives.meeting.editItem', { n: item.ordinal })}
              data-testid={`meeting-item-edit-${item.ordinal}`}
            />
          )}
          {onAddTask && (
            <Button size="small" type="primary" icon={<PlusOutlined />} onClick={onAddTask} data-testid={`meeting-item-add-task-${item.ordinal}`}>
              {t('directives.meeting.addTask')}
            </Button>
          )}
        </Space>
      }
    >
      {editing && onEdited ? (
        <ItemTextForm
          meetingId={meetingId}
          item={item}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            onEdited();
          }}
        />
      ) : (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid={`meeting-item-text-${item.ordinal}`}>
          {item.text}
        </Typography.Paragraph>
      )}
      {item.tasks.length === 0 ? (
        <Typography.Text type="secondary">{t(ownTasksOnly ? 'directives.meeting.noOwnTasks' : 'directives.meeting.noTasks')}</Typography.Text>
      ) : (
        <TasksTable dataSource={item.tasks} loading={false} inMeeting testId={`meeting-item-tasks-${item.ordinal}`} />
      )}
    </Card>
  );
}

/** A conclusion's text edited in place: the text area, then save or cancel. */
function ItemTextForm({ meetingId, item, onClose, onSaved }: { meetingId: number; item: MeetingItem; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string }>();
  const { saving, error, run } = useFormSubmit(form, sameNames(['text'] as const));
  const submit = (v: { text: string }) => {
    const patch = itemPatch(item.text, v.text);
    if (!patch) {
      onClose();
      return;
    }
    void run(async () => {
      await api.patch<MeetingItem>(directivesPaths.meetingItem(meetingId, item.id), patch);
      message.success(t('directives.meeting.itemSaved', { n: item.ordinal }));
      onSaved();
    });
  };
  return (
    <Form form={form} initialValues={{ text: item.text }} disabled={saving} onFinish={submit} data-testid={`meeting-item-form-${item.ordinal}`}>
      <FormErrorAlert error={error} />
      <Form.Item name="text" rules={[{ required: true, whitespace: true, message: t('directives.required') }]} style={{ marginBottom: 8 }}>
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 12 }}
          maxLength={4000}
          aria-label={t('directives.meeting.itemText')}
          autoFocus
          data-testid={`meeting-item-text-input-${item.ordinal}`}
        />
      </Form.Item>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" htmlType="submit" size="small" loading={saving} data-testid={`meeting-item-save-${item.ordinal}`}>
          {t('directives.save')}
        </Button>
        <Button size="small" onClick={onClose} disabled={false}>
          {t('app.cancel')}
        </Button>
      </Space>
    </Form>
  );
}

/** The situation room's figures of the meeting day, as kept when the meeting was recorded. */
function SituationCard({ situation }: { situation: SituationSnapshot | null }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (!situation) return <Typography.Paragraph type="secondary">{t('directives.meeting.noSituation')}</Typography.Paragraph>;
  const s = situation;
  const figures: Array<[string, string]> = [
    [t('directives.meeting.figures.newCases'), fmt.number(s.newCases)],
    [t('directives.meeting.figures.newCases7d'), fmt.number(s.newCases7d)],
    [t('directives.meeting.figures.cumulative'), fmt.number(s.cumulative)],
    [t('directives.meeting.figures.activeClusters'), fmt.number(s.activeClusters)],
    [t('directives.meeting.figures.f1f2'), `${fmt.number(s.f1)} / ${fmt.number(s.f2)}`],
    [t('directives.meeting.figures.quarantine'), `${fmt.number(s.quarantineOccupied)} / ${fmt.number(s.quarantineCapacity)}`],
    [t('directives.meeting.figures.beds'), fmt.number(s.bedsOccupied)],
    [t('directives.meeting.figures.icu'), fmt.number(s.icuOccupied)],
    [t('directives.meeting.figures.tests'), fmt.number(s.testsToday)],
  ];
  return (
    <Card size="small" title={t('directives.meeting.situation', { date: fmt.date(s.asOf) })} data-testid="meeting-situation">
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
        {figures.map(([label, value]) => (
          <Descriptions.Item key={label} label={label}>
            <strong>{value}</strong>
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Card>
  );
}

/** Appends a conclusion to the notice (numbered after the others). */
function AddItemModal({ meetingId, open, onClose, onAdded }: { meetingId: number; open: boolean; onClose: () => void; onAdded: () => void }) {
  const { t } = useTranslation();
  const opening = useOpenCount(open);
  return (
    <Modal open={open} title={t('directives.meeting.addItem')} onCancel={onClose} destroyOnHidden footer={null} width={640}>
      {open && <AddItemForm key={opening} meetingId={meetingId} onClose={onClose} onAdded={onAdded} />}
    </Modal>
  );
}

function AddItemForm({ meetingId, onClose, onAdded }: { meetingId: number; onClose: () => void; onAdded: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string }>();
  const { saving, error, run } = useFormSubmit(form, sameNames(['text'] as const));
  return (
    <Form
      form={form}
      layout="vertical"
      disabled={saving}
      onFinish={(v: { text: string }) =>
        void run(async () => {
          await api.post<MeetingItem>(directivesPaths.meetingItems(meetingId), { text: v.text.trim() });
          message.success(t('directives.meeting.itemAdded'));
          onAdded();
        })
      }
    >
      <FormErrorAlert error={error} />
      <Form.Item name="text" label={t('directives.meeting.itemText')} rules={[{ required: true, whitespace: true, message: t('directives.required') }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} data-testid="meeting-new-item-text" />
      </Form.Item>
      <FormFooter saving={saving} onClose={onClose} submitText={t('directives.meeting.addItem')} testId="meeting-new-item-submit" />
    </Form>
  );
}
