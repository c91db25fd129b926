import { App, DatePicker, Form, Input, Modal, Radio, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api/client.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { clearEditedErrors, FormErrorAlert, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { AgencySelect } from './agency-select.tsx';
import { ConcernFields } from './concern-field.tsx';
import { weekdayKey } from './directive-tags.tsx';
import {
  type ConcernKind, DEADLINE_KINDS, type DeadlineKind, directivesPaths, type MeetingItem, PRIORITIES, type Priority, type TaskBody, type TaskDetail, WEEKDAYS,
} from './directives-api.ts';
import { deadlineValues, isEmptyPatch, taskPatch } from './directives-edit.ts';
import { concernsBody, deadlineBody, taskFieldOf } from './directives-view.ts';

interface FormValues {
  title: string;
  body: string;
  leadAgencyId?: number;
  supportAgencyIds?: number[];
  deadlineKind: DeadlineKind;
  dueOn?: Dayjs;
  from?: Dayjs;
  until?: Dayjs;
  weekday?: number;
  priority: Priority;
  concernKind?: ConcernKind;
  concernDistrict?: string;
  concernRef?: string | number;
}

/** Where the task comes from: a conclusion of a meeting. */
export interface TaskOrigin {
  meetingId: number;
  heldOn: string;
  item: Pick<MeetingItem, 'id' | 'ordinal' | 'text'>;
}

/**
 * Create: a task for the conclusion `origin` (open while it is set). Edit: the task `task` (open while
 * it is set); its lead agency and what it concerns are shown but cannot change.
 */
type Mode =
  | { origin: TaskOrigin | null; task?: undefined; onCreated: (task: TaskDetail) => void }
  | { task: TaskDetail | null; origin?: undefined; onSaved: (task: TaskDetail) => void };

type Props = { onClose: () => void } & Mode;

/** "Giao nhiệm vụ" / "Sửa nhiệm vụ": a conclusion becomes a task for a lead agency, with supports, a deadline and a priority. */
export function TaskFormModal(props: Props) {
  const { t } = useTranslation();
  const subject = props.task === undefined ? props.origin : props.task;
  const opening = useOpenCount(subject);
  const editing = props.task !== undefined;
  return (
    <Modal open={subject != null} title={editing ? t('directives.taskForm.editTitle') : t('directives.taskForm.title')} onCancel={props.onClose} destroyOnHidden footer={null} width={760}>
      {subject != null && <TaskForm key={opening} {...props} />}
    </Modal>
  );
}

const day = (d: Dayjs | undefined) => d?.format('YYYY-MM-DD');
const dayjsOf = (d: string | undefined) => (d ? dayjs(d) : undefined);

/** The form's values of a recorded task. */
function editValues(task: TaskDetail): Partial<FormValues> {
  const d = deadlineValues(task.deadline);
  return {
    title: task.title,
    body: task.body,
    supportAgencyIds: task.supportAgencies.map((a) => a.id),
    deadlineKind: d.deadlineKind,
    dueOn: dayjsOf(d.dueOn),
    from: dayjsOf(d.from),
    until: dayjsOf(d.until),
    weekday: d.weekday,
    priority: task.priority,
  };
}

function TaskForm(props: Props) {
  const { onClose } = props;
  const origin = props.origin ?? null;
  const task = props.task ?? null;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('deadlineKind', form) ?? 'date';
  const lead = Form.useWatch('leadAgencyId', form) ?? task?.leadAgency.id;
  // Editing: the lead agency and the concerns are not fields of the form; their issues show above it.
  const { saving, error, otherIssues, run } = useFormSubmit(form, (field) => {
    const name = taskFieldOf(field, kind);
    return task && (name === 'leadAgencyId' || name === 'concernRef') ? undefined : name;
  });
  const required = { required: true, message: t('directives.required') };
  const text = { ...required, whitespace: true };
  // A new task's deadline is not before its meeting (the server checks it for an edited one).
  const beforeMeeting = origin ? (d: Dayjs) => d.format('YYYY-MM-DD') < origin.heldOn : undefined;

  const submit = async (v: FormValues) => {
    const deadline = deadlineBody({ deadlineKind: v.deadlineKind, dueOn: day(v.dueOn), from: day(v.from), until: day(v.until), weekday: v.weekday });
    if (!deadline) return; // the fields' rules say what is missing
    if (props.task) {
      const before = props.task;
      const onSaved = props.onSaved;
      const patch = taskPatch(before, { title: v.title, body: v.body, supportAgencyIds: v.supportAgencyIds, deadline, priority: v.priority });
      if (isEmptyPatch(patch)) {
        message.info(t('directives.noChanges'));
        onClose();
        return;
      }
      await run(async () => {
        const saved = await api.patch<TaskDetail>(directivesPaths.task(before.id), patch);
        message.success(t('directives.taskForm.saved'));
        onSaved(saved);
      });
      return;
    }
    if (!origin || !('onCreated' in props) || v.leadAgencyId === undefined) return;
    const onCreated = props.onCreated;
    const body: TaskBody = {
      meetingId: origin.meetingId,
      itemId: origin.item.id,
      title: v.title.trim(),
      body: v.body.trim(),
      leadAgencyId: v.leadAgencyId,
      supportAgencyIds: v.supportAgencyIds ?? [],
      deadline,
      priority: v.priority,
    };
    const concerns = concernsBody(v.concernKind, v.concernRef);
    if (concerns) body.concerns = concerns;
    await run(async () => {
      const created = await api.post<TaskDetail>(directivesPaths.taskCreate, body);
      message.success(t('directives.taskForm.created', { agency: created.leadAgency.name }));
      onCreated(created);
    });
  };

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={task ? editValues(task) : { deadlineKind: 'date', priority: 'normal', body: origin?.item.text, supportAgencyIds: [] }}
      onValuesChange={(changed: Partial<FormValues>) => {
        clearEditedErrors(form, changed);
        // The lead cannot support itself.
        if (changed.leadAgencyId !== undefined) form.setFieldValue('supportAgencyIds', (form.getFieldValue('supportAgencyIds') as number[] | undefined ?? []).filter((id) => id !== changed.leadAgencyId));
      }}
      onFinish={(v) => void submit(v)}
      disabled={saving}
      data-testid="task-form"
    >
      {origin && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, tooltip: origin.item.text }}>
          {t('directives.taskForm.forItem', { n: origin.item.ordinal, text: origin.item.text })}
        </Typography.Paragraph>
      )}
      <FormErrorAlert error={error} testId="task-error" />
      <UnplacedIssuesAlert title={task ? t('directives.taskForm.notSaved') : t('directives.taskForm.rejected')} issues={otherIssues} />
      <Form.Item name="title" label={t('directives.taskForm.taskTitle')} rules={[text]}>
        <Input maxLength={300} placeholder={t('directives.taskForm.taskTitlePlaceholder')} data-testid="task-title" />
      </Form.Item>
      <Form.Item name="body" label={t('directives.taskForm.body')} rules={[text]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={8000} data-testid="task-body" />
      </Form.Item>
      {task ? (
        <Form.Item label={t('directives.tasks.leadAgency')} extra={t('directives.taskForm.leadFixed')}>
          <Typography.Text strong data-testid="task-lead-fixed">
            {task.leadAgency.name}
          </Typography.Text>
        </Form.Item>
      ) : (
        <Form.Item name="leadAgencyId" label={t('directives.tasks.leadAgency')} rules={[required]}>
          <AgencySelect<number> placeholder={t('directives.taskForm.chooseAgency')} data-testid="task-lead" />
        </Form.Item>
      )}
      <Form.Item name="supportAgencyIds" label={t('directives.tasks.supportAgencies')}>
        {/* Editing: a support since deactivated still shows by name (and may stay). */}
        <AgencySelect<number[]>
          mode="multiple"
          includeInactive={task !== null}
          exclude={lead ? [lead] : []}
          placeholder={t('directives.taskForm.chooseAgencies')}
          data-testid="task-supports"
        />
      </Form.Item>
      <Form.Item name="deadlineKind" label={t('directives.taskForm.deadlineKind')}>
        <Radio.Group
          optionType="button"
          options={DEADLINE_KINDS.map((k) => ({ value: k, label: <span data-testid={`task-deadline-${k}`}>{t(`directives.deadlineKinds.${k}`)}</span> }))}
        />
      </Form.Item>
      <Space wrap align="start">
        {kind === 'date' && (
          <Form.Item name="dueOn" label={t('directives.taskForm.dueOn')} rules={[required]}>
            <DatePicker format="DD/MM/YYYY" disabledDate={beforeMeeting} style={{ width: 180 }} data-testid="task-due-on" />
          </Form.Item>
        )}
        {kind === 'weekly' && (
          <Form.Item name="weekday" label={t('directives.taskForm.weekday')} rules={[required]}>
            <Select<number> options={WEEKDAYS.map((n) => ({ value: n, label: t(`directives.weekdays.${weekdayKey(n)}`) }))} style={{ width: 160 }} data-testid="task-weekday" />
          </Form.Item>
        )}
        {kind !== 'date' && (
          <>
            <Form.Item name="from" label={t('directives.taskForm.from')} rules={[required]}>
              <DatePicker format="DD/MM/YYYY" disabledDate={beforeMeeting} style={{ width: 180 }} data-testid="task-from" />
            </Form.Item>
            <Form.Item
              name="until"
              label={t('directives.taskForm.until')}
              extra={t('directives.taskForm.untilHint')}
              dependencies={['from']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_, until: Dayjs | undefined) => {
                    const from = getFieldValue('from') as Dayjs | undefined;
                    if (until && from && until.isBefore(from, 'day')) throw new Error(t('directives.taskForm.untilBeforeFrom'));
                  },
                }),
              ]}
            >
              <DatePicker format="DD/MM/YYYY" disabledDate={beforeMeeting} style={{ width: 180 }} data-testid="task-until" />
            </Form.Item>
          </>
        )}
      </Space>
      <Form.Item name="priority" label={t('directives.taskForm.priority')}>
        <Radio.Group optionType="button" options={PRIORITIES.map((p) => ({ value: p, label: t(`directives.priorities.${p}`) }))} />
      </Form.Item>
      {!task && <ConcernFields />}
      {task?.concerns && (
        <Form.Item label={t('directives.tasks.concerns')}>
          <Typography.Text data-testid="task-concerns-fixed">
            {t(`directives.concernKinds.${task.concerns.kind}`)}: {task.concerns.label}
          </Typography.Text>
        </Form.Item>
      )}
      <FormFooter saving={saving} onClose={onClose} submitText={task ? t('directives.taskForm.save') : t('directives.taskForm.submit')} testId="task-submit" />
    </Form>
  );
}
