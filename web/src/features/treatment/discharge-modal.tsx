import { App, DatePicker, Form, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api/client.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { type Admission, type DischargeBody, DISCHARGE_OUTCOMES, type DischargeOutcome, treatmentPaths } from './treatment-api.ts';
import { todayInVietnam } from '../../shared/i18n/format.ts';
import { clearEditedErrors, FormErrorAlert, sameNames, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';

interface FormValues {
  date: Dayjs;
  outcome: DischargeOutcome;
}

const FIELDS = ['date', 'outcome'] as const;

interface Props {
  admission: Admission | null;
  onClose: () => void;
  onDone: () => void;
}

/** "Ra viện": ends a patient's treatment on a date, with its outcome. */
export function DischargeModal({ admission, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const opening = useOpenCount(admission);
  return (
    <Modal
      open={admission !== null}
      title={admission ? t('treatment.discharge.title', { name: admission.fullName }) : ''}
      onCancel={onClose}
      destroyOnHidden
      footer={null}
      width={480}
    >
      {admission && <DischargeForm key={opening} admission={admission} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

function DischargeForm({ admission, onClose, onDone }: Props & { admission: Admission }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { saving, error, otherIssues, run } = useFormSubmit(form, sameNames(FIELDS));
  const today = todayInVietnam();
  const required = { required: true, message: t('treatment.required') };

  const submit = async (v: FormValues) => {
    const body: DischargeBody = { date: v.date.format('YYYY-MM-DD'), outcome: v.outcome };
    await run(async () => {
      await api.post<unknown>(treatmentPaths.discharge(admission.id), body);
      message.success(t('treatment.discharge.done', { name: admission.fullName }));
      onDone();
    });
  };

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={{ date: dayjs(today), outcome: 'recovered' }}
      onValuesChange={(changed: Partial<FormValues>) => clearEditedErrors(form, changed)}
      onFinish={(v) => void submit(v)}
      disabled={saving}
      data-testid="discharge-form"
    >
      <FormErrorAlert error={error} testId="discharge-error" />
      <UnplacedIssuesAlert title={t('treatment.discharge.title', { name: admission.fullName })} issues={otherIssues} />
      <Form.Item name="date" label={t('treatment.discharge.date')} rules={[required]}>
        <DatePicker
          format="DD/MM/YYYY"
          style={{ width: '100%' }}
          disabledDate={(d) => d.format('YYYY-MM-DD') > today || d.format('YYYY-MM-DD') < admission.admittedOn}
          data-testid="discharge-date"
        />
      </Form.Item>
      <Form.Item name="outcome" label={t('treatment.discharge.outcome')} rules={[required]}>
        <Select options={DISCHARGE_OUTCOMES.map((o) => ({ value: o, label: t(`treatment.outcomes.${o}`) }))} data-testid="discharge-outcome" />
      </Form.Item>
      <FormFooter saving={saving} onClose={onClose} submitText={t('treatment.discharge.submit')} testId="discharge-submit" />
    </Form>
  );
}
