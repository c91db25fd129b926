import { App, DatePicker, Form, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api/client.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { todayInVietnam, useFormat } from '../../shared/i18n/format.ts';
import { clearEditedErrors, FormErrorAlert, sameNames, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { type PlanItem, screeningPaths } from './screening-api.ts';

interface FormValues {
  endsOn: Dayjs;
}

/** The field the server's issues may name (an end before the start). */
const FIELDS = ['endsOn'] as const;

interface Props {
  /** The schedule ended; null: closed. */
  item: PlanItem | null;
  onClose: () => void;
  onEnded: () => void;
}

/** "Kết thúc" a screening schedule on a day (today unless another is picked): it is no longer due afterwards. */
export function ScheduleEndModal({ item, onClose, onEnded }: Props) {
  const { t } = useTranslation();
  const opening = useOpenCount(item);
  return (
    <Modal
      open={item !== null}
      title={item ? t('testing.scheduleEnd.title', { label: item.targetLabel }) : ''}
      onCancel={onClose}
      destroyOnHidden
      footer={null}
      width={440}
    >
      {item && <EndForm key={opening} item={item} onClose={onClose} onEnded={onEnded} />}
    </Modal>
  );
}

function EndForm({ item, onClose, onEnded }: Props & { item: PlanItem }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { saving, error, otherIssues, run } = useFormSubmit(form, sameNames(FIELDS));

  const submit = async (v: FormValues) => {
    const endsOn = v.endsOn.format('YYYY-MM-DD');
    // 400: an end before the schedule's start.
    await run(async () => {
      await api.post<{ id: number; endsOn: string }>(screeningPaths.endSchedule(item.scheduleId), { endsOn });
      message.success(t('testing.scheduleEnd.done', { label: item.targetLabel, date: fmt.date(endsOn) }));
      onEnded();
    });
  };

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={{ endsOn: dayjs(todayInVietnam()) }}
      onValuesChange={(changed: Partial<FormValues>) => clearEditedErrors(form, changed)}
      onFinish={(v) => void submit(v)}
      disabled={saving}
      data-testid="schedule-end-form"
    >
      <Typography.Paragraph type="secondary">{t('testing.scheduleEnd.hint')}</Typography.Paragraph>
      <FormErrorAlert error={error} testId="schedule-end-error" />
      <UnplacedIssuesAlert title={t('testing.scheduleEnd.rejected')} issues={otherIssues} />
      <Form.Item name="endsOn" label={t('testing.scheduleEnd.endsOn')} rules={[{ required: true, message: t('testing.required') }]}>
        <DatePicker format="DD/MM/YYYY" allowClear={false} style={{ width: 200 }} data-testid="schedule-end-date" />
      </Form.Item>
      <FormFooter saving={saving} onClose={onClose} submitText={t('testing.scheduleEnd.submit')} testId="schedule-end-submit" danger />
    </Form>
  );
}
