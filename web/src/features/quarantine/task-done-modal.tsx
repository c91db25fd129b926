import { App, Button, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api/client.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { type CommuneTask, homePaths } from './home-api.ts';
import { clearEditedErrors, FormErrorAlert, sameNames, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';

interface FormValues {
  outcome: string;
}

const FIELDS = ['outcome'] as const;

interface Props {
  /** The task to close; null: closed. */
  task: CommuneTask | null;
  onClose: () => void;
  onDone: () => void;
  /** The list behind is out of date (someone else closed the task meanwhile). */
  onStale: () => void;
}

/** "Đã xử lý": a health station closes a task with what it did. */
export function TaskDoneModal({ task, onClose, onDone, onStale }: Props) {
  const { t } = useTranslation();
  const opening = useOpenCount(task);
  return (
    <Modal
      open={task !== null}
      title={task ? t('quarantine.tasks.doneTitle', { name: task.fullName }) : ''}
      onCancel={onClose}
      destroyOnHidden
      footer={null}
      width={520}
    >
      {task && <DoneForm key={opening} task={task} onClose={onClose} onDone={onDone} onStale={onStale} />}
    </Modal>
  );
}

function DoneForm({ task, onClose, onDone, onStale }: Props & { task: CommuneTask }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { saving, error, otherIssues, run } = useFormSubmit(form, sameNames(FIELDS));

  const submit = async (v: FormValues) => {
    await run(async () => {
      await api.post<unknown>(homePaths.taskDone(task.id), { outcome: v.outcome.trim() });
      message.success(t('quarantine.tasks.saved'));
      onDone();
    }, (e) => {
      if (e instanceof ApiError && e.code === 'TASK_DONE') onStale();
    });
  };

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      onValuesChange={(changed: Partial<FormValues>) => clearEditedErrors(form, changed)}
      onFinish={(v) => void submit(v)}
      disabled={saving}
      data-testid="task-form"
    >
      <FormErrorAlert error={error} testId="task-error" />
      <UnplacedIssuesAlert title={t('quarantine.tasks.doneTitle', { name: task.fullName })} issues={otherIssues} />
      {task.detail && <Typography.Paragraph type="secondary">{task.detail}</Typography.Paragraph>}
      <Form.Item
        name="outcome"
        label={t('quarantine.tasks.outcome')}
        rules={[{ required: true, whitespace: true, message: t('quarantine.required') }]}
      >
        <Input.TextArea rows={3} maxLength={1000} placeholder={t('quarantine.tasks.outcomePlaceholder')} data-testid="task-outcome" />
      </Form.Item>
      <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
        <Button onClick={onClose} disabled={false}>
          {t('app.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="task-submit">
          {t('quarantine.tasks.submit')}
        </Button>
      </div>
    </Form>
  );
}
