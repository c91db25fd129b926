import { App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api/client.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { todayInVietnam, useFormat } from '../../shared/i18n/format.ts';
import { clearEditedErrors, FormErrorAlert, sameNames, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { zoneEndBody } from './zone-form.ts';
import { type Zone, zonesPaths } from './zones-api.ts';

interface FormValues {
  endedOn: Dayjs;
  reason: string;
}

/** The fields the server's issues may name (an end before the start, a blank reason). */
const FIELDS = ['endedOn', 'reason'] as const;

interface Props {
  /** The zone ended; null: closed. */
  zone: Zone | null;
  onClose: () => void;
  onEnded: (zone: Zone) => void;
}

/** "Kết thúc phong tỏa": the zone is lifted on a day (today unless another is picked), for a reason. */
export function ZoneEndModal({ zone, onClose, onEnded }: Props) {
  const { t } = useTranslation();
  const opening = useOpenCount(zone);
  return (
    <Modal open={zone !== null} title={zone ? t('zones.end.title', { name: zone.name }) : ''} onCancel={onClose} destroyOnHidden footer={null} width={480}>
      {zone && <EndForm key={opening} zone={zone} onClose={onClose} onEnded={onEnded} />}
    </Modal>
  );
}

function EndForm({ zone, onClose, onEnded }: Props & { zone: Zone }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { saving, error, otherIssues, run } = useFormSubmit(form, sameNames(FIELDS));
  const required = { required: true, message: t('zones.required') };

  const submit = async (v: FormValues) => {
    // 400: an end before the start; 409: already ended.
    await run(async () => {
      const ended = await api.post<Zone>(zonesPaths.end(zone.id), zoneEndBody(v.endedOn.format('YYYY-MM-DD'), v.reason));
      message.success(t('zones.end.done', { name: ended.name, date: fmt.date(ended.endedOn) }));
      onEnded(ended);
    });
  };

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={{ endedOn: dayjs(todayInVietnam()) }}
      onValuesChange={(changed: Partial<FormValues>) => clearEditedErrors(form, changed)}
      onFinish={(v) => void submit(v)}
      disabled={saving}
      data-testid="zone-end-form"
    >
      <Typography.Paragraph type="secondary">{t('zones.end.hint', { decisionNo: zone.decisionNo, date: fmt.date(zone.startedOn) })}</Typography.Paragraph>
      <FormErrorAlert error={error} testId="zone-end-error" />
      <UnplacedIssuesAlert title={t('zones.end.rejected')} issues={otherIssues} />
      <Form.Item name="endedOn" label={t('zones.endedOn')} rules={[required]}>
        <DatePicker format="DD/MM/YYYY" allowClear={false} style={{ width: 200 }} data-testid="zone-end-date" />
      </Form.Item>
      <Form.Item name="reason" label={t('zones.end.reason')} rules={[{ ...required, whitespace: true }]}>
        <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('zones.end.reasonPlaceholder')} data-testid="zone-end-reason" />
      </Form.Item>
      <FormFooter saving={saving} onClose={onClose} submitText={t('zones.end.submit')} testId="zone-end-submit" danger />
    </Form>
  );
}
