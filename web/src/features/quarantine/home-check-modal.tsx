import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api/client.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { todayInVietnam } from '../../shared/i18n/format.ts';
import { type HomeCheckResult, type HomeMonitoringItem, homePaths } from './home-api.ts';
import { checkBody, checkDateAllowed, type CheckFormValues, defaultCheckDate, TEMPERATURE_RANGE } from './home-view.ts';
import { clearEditedErrors, FormErrorAlert, sameNames, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';

interface FormValues extends CheckFormValues {
  date: Dayjs;
}

/** The fields the server's issues may name, as the form names them too. */
const FIELDS = ['date', 'present', 'symptoms', 'temperature', 'note'] as const;

interface Props {
  /** The person whose check is recorded; null: closed. */
  item: HomeMonitoringItem | null;
  /** The list's day: the check's day unless that one is already recorded. */
  listDate: string;
  onClose: () => void;
  onSaved: () => void;
}

/** "Ghi kết quả": a community team's daily check of someone followed at home. */
export function HomeCheckModal({ item, listDate, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const opening = useOpenCount(item);
  return (
    <Modal
      open={item !== null}
      title={item ? t('quarantine.check.title', { name: item.fullName }) : ''}
      onCancel={onClose}
      destroyOnHidden
      footer={null}
      width={460}
    >
      {item && <CheckForm key={opening} item={item} listDate={listDate} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function CheckForm({ item, listDate, onClose, onSaved }: Props & { item: HomeMonitoringItem }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { saving, error, otherIssues, run } = useFormSubmit(form, sameNames(FIELDS));
  const today = todayInVietnam();

  const submit = async (v: FormValues) => {
    // A 409 DUPLICATE_CHECK names the date; a 400 names date or temperature.
    await run(async () => {
      const r = await api.post<HomeCheckResult>(homePaths.check(item.orderId), checkBody(v.date.format('YYYY-MM-DD'), v));
      if (r.abnormal) message.warning(t('quarantine.check.abnormal'));
      else message.success(t('quarantine.check.saved', { name: item.fullName }));
      onSaved();
    });
  };

  const date = defaultCheckDate(item, listDate) ?? listDate;

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={{ date: dayjs(date), present: true, symptoms: false, temperature: null, note: '' }}
      onValuesChange={(changed: Partial<FormValues>) => clearEditedErrors(form, changed)}
      onFinish={(v) => void submit(v)}
      disabled={saving}
      data-testid="check-form"
    >
      <FormErrorAlert error={error} testId="check-error" />
      <UnplacedIssuesAlert title={t('quarantine.check.rejected')} issues={otherIssues} />
      <Form.Item name="date" label={t('quarantine.check.date')} rules={[{ required: true, message: t('quarantine.required') }]}>
        <DatePicker
          format="DD/MM/YYYY"
          allowClear={false}
          style={{ width: '100%' }}
          disabledDate={(d) => !checkDateAllowed(d.format('YYYY-MM-DD'), item, today)}
          data-testid="check-date"
        />
      </Form.Item>
      <Form.Item name="present" label={t('quarantine.check.present')} valuePropName="checked">
        <Switch data-testid="check-present" />
      </Form.Item>
      <Form.Item name="symptoms" label={t('quarantine.check.symptoms')} valuePropName="checked">
        <Switch data-testid="check-symptoms" />
      </Form.Item>
      <Form.Item name="temperature" label={t('quarantine.check.temperature')}>
        <InputNumber<number>
          min={TEMPERATURE_RANGE.min}
          max={TEMPERATURE_RANGE.max}
          step={0.1}
          precision={1}
          style={{ width: 140 }}
          data-testid="check-temperature"
        />
      </Form.Item>
      <Form.Item name="note" label={t('quarantine.check.note')}>
        <Input.TextArea rows={2} maxLength={500} data-testid="check-note" />
      </Form.Item>
      <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
        <Button onClick={onClose} disabled={false}>
          {t('app.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="check-submit">
          {t('quarantine.check.submit')}
        </Button>
      </div>
    </Form>
  );
}
