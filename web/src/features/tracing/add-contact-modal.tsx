import { App, Button, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api/client.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { FormErrorAlert } from '../../shared/ui/form-issues.tsx';
import { type KnownPerson, PersonSelect } from './person-select.tsx';
import { type AddContactInput, tracingPaths } from './tracing-api.ts';

interface Values {
  personId: number;
  sourcePersonId: number;
  date: Dayjs;
  place?: string;
  note?: string;
}

interface Props {
  /** The run the contact is recorded in; null: closed. */
  runId: number | null;
  /** People offered as the source before any search: the F0 and the people traced from it. */
  knownSources: KnownPerson[];
  defaultSourceId?: number;
  onClose: () => void;
  onAdded: () => void;
}

const FIELDS = new Set(['personId', 'sourcePersonId', 'date', 'place', 'note']);

/** A contact the trace could not find (a visit, a meal together): recorded as a manual contact. */
export function AddContactModal(props: Props) {
  return <AddContactDialog key={useOpenCount(props.runId)} {...props} />;
}

function AddContactDialog({ runId, knownSources, defaultSourceId, onClose, onAdded }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    if (runId === null) return;
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const body: AddContactInput = {
      personId: v.personId,
      sourcePersonId: v.sourcePersonId,
      date: v.date.format('YYYY-MM-DD'),
      ...(v.place?.trim() ? { place: v.place.trim() } : {}),
      ...(v.note?.trim() ? { note: v.note.trim() } : {}),
    };
    setSaving(true);
    setError(null);
    try {
      await api.post<{ added: boolean }>(tracingPaths.add(runId), body);
      message.success(t('tracing.add.done'));
      onAdded();
    } catch (e) {
      if (e instanceof ApiError && e.field && FIELDS.has(e.field)) {
        form.setFields([{ name: e.field as keyof Values, errors: [e.text(lang)] }]);
      } else {
        setError(e);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={runId !== null}
      title={t('tracing.add.title')}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('app.cancel')}
        </Button>,
        <Button key="save" type="primary" loading={saving} onClick={() => void submit()} data-testid="add-contact-submit">
          {t('tracing.add.submit')}
        </Button>,
      ]}
    >
      <FormErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" disabled={saving} initialValues={{ sourcePersonId: defaultSourceId }}>
        <Form.Item name="personId" label={t('tracing.add.person')} rules={[{ required: true, message: t('tracing.required') }]}>
          <PersonSelect testId="add-contact-person" />
        </Form.Item>
        <Form.Item name="sourcePersonId" label={t('tracing.add.source')} rules={[{ required: true, message: t('tracing.required') }]}>
          <PersonSelect known={knownSources} testId="add-contact-source" />
        </Form.Item>
        <Form.Item name="date" label={t('tracing.add.date')} rules={[{ required: true, message: t('tracing.required') }]}>
          <DatePicker format="DD/MM/YYYY" disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="place" label={t('tracing.add.place')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="note" label={t('tracing.note')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
