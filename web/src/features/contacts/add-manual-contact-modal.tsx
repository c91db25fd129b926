import { App, Button, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api/client.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { clearEditedErrors, FormErrorAlert, MessagesAlert } from '../../shared/ui/form-issues.tsx';
import { fieldErrorsOf, startDateProblem, vnToday } from './contact-rules.ts';
import { contactsPaths, type ManualContactInput } from './contacts-api.ts';
import { PersonSearchSelect } from './person-search-select.tsx';

interface Values {
  personB?: number;
  date?: Dayjs | null;
  place?: string;
  note?: string;
}

interface Props {
  open: boolean;
  /** The person whose contacts these are (person A). */
  personId: number;
  onClose: () => void;
  onAdded: () => void;
}

const FIELDS = new Set(['personB', 'date', 'place', 'note']);

/** Records a contact no group or check-in shows (a visit, a meal together) with another person. */
export function AddManualContactModal(props: Props) {
  const { t } = useTranslation();
  const opening = useOpenCount(props.open || null);
  return (
    <Modal open={props.open} title={t('contacts.manual.addTitle')} onCancel={props.onClose} destroyOnHidden footer={null}>
      {props.open && <AddManualContactForm key={opening} {...props} />}
    </Modal>
  );
}

function AddManualContactForm({ personId, onClose, onAdded }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [other, setOther] = useState<string[]>([]);
  const [otherName, setOtherName] = useState('');
  const today = vnToday();

  const submit = async (v: Values) => {
    if (v.personB === undefined || !v.date) return;
    const body: ManualContactInput = {
      personA: personId,
      personB: v.personB,
      date: v.date.format('YYYY-MM-DD'),
      ...(v.place?.trim() ? { place: v.place.trim() } : {}),
      ...(v.note?.trim() ? { note: v.note.trim() } : {}),
    };
    setSaving(true);
    setError(null);
    setOther([]);
    try {
      await api.post(contactsPaths.manual, body);
      message.success(t('contacts.manual.added', { name: otherName }));
      onAdded();
    } catch (e) {
      const placed = fieldErrorsOf(e, FIELDS, lang);
      if (placed) {
        form.setFields(placed.fields.map((f) => ({ name: f.name as keyof Values, errors: f.errors })));
        setOther(placed.other);
      } else {
        setError(e);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      disabled={saving}
      onValuesChange={(changed: Partial<Values>) => clearEditedErrors(form, changed)}
      onFinish={(v) => void submit(v)}
      data-testid="add-manual-contact-form"
    >
      <FormErrorAlert error={error} />
      <MessagesAlert title={t('contacts.fixErrors')} messages={other} />
      <Form.Item name="personB" label={t('contacts.manual.other')} rules={[{ required: true, message: t('contacts.required') }]}>
        <PersonSearchSelect excludeId={personId} onPick={(p) => setOtherName(p?.fullName ?? '')} />
      </Form.Item>
      <Form.Item
        name="date"
        label={t('contacts.manual.date')}
        required
        rules={[{
          validator: (_, d: Dayjs | null | undefined) => {
            const p = startDateProblem(d ? d.format('YYYY-MM-DD') : null, today);
            return p ? Promise.reject(new Error(t(`contacts.dateErrors.${p}`))) : Promise.resolve();
          },
        }]}
      >
        <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > today} data-testid="manual-contact-date" />
      </Form.Item>
      <Form.Item name="place" label={t('contacts.manual.place')}>
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
      <Form.Item name="note" label={t('contacts.manual.note')}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
      <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
        <Button onClick={onClose}>{t('app.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="manual-contact-submit">
          {t('contacts.manual.submit')}
        </Button>
      </div>
    </Form>
  );
}
