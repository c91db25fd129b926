import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api/client.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { clearEditedErrors, FormErrorAlert, sameNames, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { type AdverseEvent, OUTCOMES, type Outcome, putJson, SEVERITIES, vaccinationPaths } from './vaccination-api.ts';

interface NewValues { severity: string; onsetDate: Dayjs; symptoms: string; outcome: Outcome; note?: string }
const NEW_FIELDS = ['severity', 'onsetDate', 'symptoms', 'outcome', 'note'] as const;

/** The dose a reaction is recorded for. */
export interface DoseRef { id: number; fullName: string; doseNumber: number; doseDate: string }

/** "Ghi phản ứng sau tiêm": a reaction after a dose (severity, onset, symptoms, outcome so far). */
export function AdverseEventModal({ dose, onClose, onSaved }: { dose: DoseRef | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const opening = useOpenCount(dose);
  return (
    <Modal open={dose !== null} title={dose ? t('vaccination.adverse.title', { name: dose.fullName, n: dose.doseNumber }) : ''} onCancel={onClose} destroyOnHidden footer={null} width={520}>
      {dose && <NewForm key={opening} dose={dose} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function NewForm({ dose, onClose, onSaved }: { dose: DoseRef; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewValues>();
  const { saving, error, otherIssues, run } = useFormSubmit(form, sameNames(NEW_FIELDS));
  const required = { required: true, message: t('testing.required') };
  const submit = (v: NewValues) =>
    run(async () => {
      await api.post(vaccinationPaths.addAdverseEvent(dose.id), { severity: v.severity, onsetDate: v.onsetDate.format('YYYY-MM-DD'), symptoms: v.symptoms.trim(), outcome: v.outcome, note: v.note?.trim() || null });
      message.success(t('vaccination.adverse.saved'));
      onSaved();
    });
  return (
    <Form<NewValues> form={form} layout="vertical" disabled={saving} onFinish={(v) => void submit(v)} onValuesChange={(c: Partial<NewValues>) => clearEditedErrors(form, c)}
      initialValues={{ severity: 'mild', onsetDate: dayjs(dose.doseDate), outcome: 'monitoring' }} data-testid="adverse-form">
      <FormErrorAlert error={error} />
      <UnplacedIssuesAlert title={t('vaccination.adverse.rejected')} issues={otherIssues} />
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
        <Form.Item name="severity" label={t('vaccination.adverse.severity')} rules={[required]} style={{ flex: '1 1 140px' }}>
          <Select options={SEVERITIES.map((s) => ({ value: s, label: t(`vaccination.adverse.severities.${s}`) }))} data-testid="adverse-severity" />
        </Form.Item>
        <Form.Item name="onsetDate" label={t('vaccination.adverse.onset')} rules={[required]} style={{ flex: '1 1 140px' }}>
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} allowClear={false} />
        </Form.Item>
      </div>
      <Form.Item name="symptoms" label={t('vaccination.adverse.symptoms')} rules={[{ ...required, whitespace: true }]}>
        <Input.TextArea rows={2} maxLength={1000} data-testid="adverse-symptoms" />
      </Form.Item>
      <Form.Item name="outcome" label={t('vaccination.adverse.outcome')} rules={[required]}>
        <Select options={OUTCOMES.map((o) => ({ value: o, label: t(`vaccination.adverse.outcomes.${o}`) }))} />
      </Form.Item>
      <Form.Item name="note" label={t('vaccination.adverse.note')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <FormFooter saving={saving} onClose={onClose} submitText={t('vaccination.adverse.submit')} testId="adverse-submit" />
    </Form>
  );
}

interface FollowValues { outcome: Outcome; note?: string }

/** Follows a reaction up: its outcome (monitoring, recovered, hospitalised, died) and a note. */
export function AdverseFollowUpModal({ event, onClose, onSaved }: { event: AdverseEvent | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const opening = useOpenCount(event);
  return (
    <Modal open={event !== null} title={event ? t('vaccination.adverse.followTitle', { name: event.fullName }) : ''} onCancel={onClose} destroyOnHidden footer={null} width={480}>
      {event && <FollowForm key={opening} event={event} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function FollowForm({ event, onClose, onSaved }: { event: AdverseEvent; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FollowValues>();
  const { saving, error, otherIssues, run } = useFormSubmit(form, sameNames(['outcome', 'note'] as const));
  const submit = (v: FollowValues) =>
    run(async () => {
      await putJson(vaccinationPaths.adverseEvent(event.id), { outcome: v.outcome, note: v.note?.trim() || null });
      message.success(t('vaccination.adverse.saved'));
      onSaved();
    });
  return (
    <Form<FollowValues> form={form} layout="vertical" disabled={saving} onFinish={(v) => void submit(v)} initialValues={{ outcome: event.outcome, note: event.note ?? undefined }}>
      <FormErrorAlert error={error} />
      <UnplacedIssuesAlert title={t('vaccination.adverse.rejected')} issues={otherIssues} />
      <Form.Item name="outcome" label={t('vaccination.adverse.outcome')} rules={[{ required: true, message: t('testing.required') }]}>
        <Select options={OUTCOMES.map((o) => ({ value: o, label: t(`vaccination.adverse.outcomes.${o}`) }))} data-testid="follow-outcome" />
      </Form.Item>
      <Form.Item name="note" label={t('vaccination.adverse.note')}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
      <FormFooter saving={saving} onClose={onClose} submitText={t('vaccination.adverse.submit')} testId="follow-submit" />
    </Form>
  );
}
