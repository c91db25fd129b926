import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../shared/api/client.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { clearEditedErrors, FormErrorAlert, sameNames, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { rejectionBody } from './unit-form.ts';
import { type DecisionResult, type UnitRegistration, unitsPaths } from './units-api.ts';

interface FormValues {
  note: string;
}

/** The field the server's issues may name (a refusal without its reason). */
const FIELDS = ['note'] as const;

interface Props {
  /** The request refused; null: closed. */
  registration: UnitRegistration | null;
  onClose: () => void;
  onRejected: () => void;
  /** The list shown is out of date (the request was decided meanwhile). */
  onStale: () => void;
}

/** "Từ chối" a unit's request to take part, with the reason (kept with the request). */
export function RegistrationRejectModal({ registration, onClose, onRejected, onStale }: Props) {
  const { t } = useTranslation();
  const opening = useOpenCount(registration);
  return (
    <Modal
      open={registration !== null}
      title={registration ? t('testing.registrations.rejectTitle', { name: registration.name }) : ''}
      onCancel={onClose}
      destroyOnHidden
      footer={null}
      width={480}
    >
      {registration && <RejectForm key={opening} registration={registration} onClose={onClose} onRejected={onRejected} onStale={onStale} />}
    </Modal>
  );
}

function RejectForm({ registration, onClose, onRejected, onStale }: Props & { registration: UnitRegistration }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { saving, error, otherIssues, run } = useFormSubmit(form, sameNames(FIELDS));

  const submit = async (v: FormValues) => {
    await run(async () => {
      await api.post<DecisionResult>(unitsPaths.decision(registration.id), rejectionBody(v.note));
      message.success(t('testing.registrations.rejected', { name: registration.name }));
      onRejected();
    }, (e) => {
      if (e instanceof ApiError && e.code === 'ALREADY_DECIDED') onStale();
    });
  };

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      onValuesChange={(changed: Partial<FormValues>) => clearEditedErrors(form, changed)}
      onFinish={(v) => void submit(v)}
      disabled={saving}
      data-testid="registration-reject-form"
    >
      <FormErrorAlert error={error} testId="registration-reject-error" />
      <UnplacedIssuesAlert title={t('testing.registrations.decideFailed', { name: registration.name })} issues={otherIssues} />
      <Form.Item
        name="note"
        label={t('testing.registrations.reason')}
        rules={[{ required: true, whitespace: true, message: t('testing.registrations.reasonRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="registration-reject-note" />
      </Form.Item>
      <FormFooter saving={saving} onClose={onClose} submitText={t('testing.registrations.rejectSubmit')} testId="registration-reject-submit" danger />
    </Form>
  );
}
