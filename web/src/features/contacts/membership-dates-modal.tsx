import { App, Button, DatePicker, Form, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api/client.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { FormErrorAlert } from '../../shared/ui/form-issues.tsx';
import { endDateProblem, fieldErrorsOf, groupKindLabel, isEndDateDisabled, startDateProblem, vnToday } from './contact-rules.ts';
import { contactsPaths, type Membership, type MembershipPatch } from './contacts-api.ts';

/** 'end': the day the person left the group; 'edit': both dates (an end may be cleared). */
export type DatesMode = 'end' | 'edit';

interface Values {
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
}

interface Props {
  /** The membership being changed; null: closed. */
  membership: Membership | null;
  mode: DatesMode;
  onClose: () => void;
  onSaved: () => void;
}

const FIELDS = new Set(['validFrom', 'validTo']);
const ymd = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const day = (s: string | null) => (s ? dayjs(s, 'YYYY-MM-DD', true) : null);

/** Ends a membership or corrects its dates (PATCH with only what changed). */
export function MembershipDatesModal({ membership, mode, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const opening = useOpenCount(membership);
  return (
    <Modal
      open={membership !== null}
      title={mode === 'end' ? t('contacts.groups.endTitle') : t('contacts.groups.editTitle')}
      onCancel={onClose}
      destroyOnHidden
      footer={null}
    >
      {membership && <DatesForm key={opening} membership={membership} mode={mode} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function DatesForm({ membership: m, mode, onClose, onSaved }: Props & { membership: Membership }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const today = vnToday();
  const kindLabel = groupKindLabel(m.groupKind, (k) => t(`contacts.kinds.${k}`));

  const submit = async (v: Values) => {
    const patch: MembershipPatch = {};
    const validTo = ymd(v.validTo);
    if (mode === 'edit') {
      const validFrom = ymd(v.validFrom);
      if (validFrom && validFrom !== m.validFrom) patch.validFrom = validFrom;
    }
    if (validTo !== m.validTo) patch.validTo = validTo;
    if (Object.keys(patch).length === 0) {
      message.info(t('contacts.groups.nothingChanged'));
      onClose();
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await api.patch(contactsPaths.membership(m.id), patch);
      message.success(t(mode === 'end' ? 'contacts.groups.ended' : 'contacts.groups.saved', { label: m.groupLabel }));
      onSaved();
    } catch (e) {
      const placed = fieldErrorsOf(e, mode === 'end' ? new Set(['validTo']) : FIELDS, lang);
      if (placed && placed.other.length === 0) form.setFields(placed.fields.map((f) => ({ name: f.name as keyof Values, errors: f.errors })));
      else setError(e);
    } finally {
      setSaving(false);
    }
  };

  const startOf = (): string | null => (mode === 'edit' ? ymd(form.getFieldValue('validFrom') as Dayjs | null) : m.validFrom);

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      disabled={saving}
      initialValues={{ validFrom: day(m.validFrom), validTo: mode === 'end' ? (day(m.validTo) ?? dayjs(today)) : day(m.validTo) }}
      onFinish={(v) => void submit(v)}
      data-testid="membership-dates-form"
    >
      <p style={{ marginTop: 0 }}>
        <strong>{m.groupLabel}</strong> · {kindLabel}
      </p>
      <FormErrorAlert error={error} />
      {mode === 'edit' && (
        <Form.Item
          name="validFrom"
          label={t('contacts.membership.validFrom')}
          required
          rules={[{
            validator: (_, d: Dayjs | null | undefined) => {
              const p = startDateProblem(ymd(d), today);
              return p ? Promise.reject(new Error(t(`contacts.dateErrors.${p}`))) : Promise.resolve();
            },
          }]}
        >
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
        </Form.Item>
      )}
      <Form.Item
        name="validTo"
        label={mode === 'end' ? t('contacts.groups.endDate') : t('contacts.membership.validTo')}
        required={mode === 'end'}
        extra={mode === 'edit' ? t('contacts.membership.validToHint') : undefined}
        dependencies={['validFrom']}
        rules={[{
          validator: (_, d: Dayjs | null | undefined) => {
            const from = startOf();
            const p = from ? endDateProblem(from, ymd(d), today, mode === 'end') : null;
            return p ? Promise.reject(new Error(t(`contacts.dateErrors.${p}`))) : Promise.resolve();
          },
        }]}
      >
        <DatePicker
          format="DD/MM/YYYY"
          style={{ width: '100%' }}
          disabledDate={(d) => isEndDateDisabled(d.format('YYYY-MM-DD'), startOf(), today)}
          data-testid="membership-end-date"
        />
      </Form.Item>
      <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
        <Button onClick={onClose}>{t('app.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="membership-dates-save">
          {mode === 'end' ? t('contacts.groups.end') : t('contacts.save')}
        </Button>
      </div>
    </Form>
  );
}
