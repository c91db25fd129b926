import { App, Button, DatePicker, Form, Input, Modal, Segmented, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api/client.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { CommuneSelect, DistrictSelect } from '../../shared/ui/area-selects.tsx';
import { clearEditedErrors, FormErrorAlert, MessagesAlert } from '../../shared/ui/form-issues.tsx';
import { endDateProblem, fieldErrorsOf, isEndDateDisabled, startDateProblem, vnToday } from './contact-rules.ts';
import { type ContactGroup, contactsPaths, GROUP_KINDS, type GroupInput, type GroupKind, type MembershipInput } from './contacts-api.ts';
import { GroupSelect } from './group-select.tsx';

type Mode = 'existing' | 'create';

interface Values {
  kind: GroupKind;
  mode: Mode;
  groupId?: number;
  label?: string;
  districtCode?: string;
  communeCode?: string;
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
}

/** Where a new group is most likely: the person's own commune. */
export interface HomeCommune {
  districtCode: string;
  communeCode: string;
}

interface Props {
  open: boolean;
  personId: number;
  home?: HomeCommune | undefined;
  onClose: () => void;
  onAdded: () => void;
}

const GROUP_FIELDS = new Set(['kind', 'label', 'communeCode']);
const MEMBERSHIP_FIELDS = new Set(['groupId', 'validFrom', 'validTo']);
const ymd = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** Adds the person to a group found by name, or to a new group created in a commune. */
export function AddMembershipModal(props: Props) {
  const { t } = useTranslation();
  const opening = useOpenCount(props.open || null);
  return (
    <Modal open={props.open} title={t('contacts.membership.title')} onCancel={props.onClose} destroyOnHidden footer={null}>
      {props.open && <AddMembershipForm key={opening} {...props} />}
    </Modal>
  );
}

function AddMembershipForm({ personId, home, onClose, onAdded }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [other, setOther] = useState<string[]>([]);
  // A group created by an earlier attempt whose membership then failed: chosen, not created twice.
  const [created, setCreated] = useState<ContactGroup>();
  const [chosen, setChosen] = useState<ContactGroup>();
  const kind = Form.useWatch('kind', form);
  const mode = Form.useWatch('mode', form);
  const districtCode = Form.useWatch('districtCode', form);
  const today = vnToday();
  const required = { required: true, message: t('contacts.required') };

  /** Shows an API error under the fields it names; the rest above the form. */
  const showError = (e: unknown, fields: ReadonlySet<string>) => {
    const placed = fieldErrorsOf(e, fields, lang);
    if (!placed) {
      setError(e);
      return;
    }
    form.setFields(placed.fields.map((f) => ({ name: f.name as keyof Values, errors: f.errors })));
    setOther(placed.other);
  };

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    setOther([]);
    try {
      let groupId = v.groupId;
      let label = chosen?.label;
      if (v.mode === 'create') {
        const body: GroupInput = { kind: v.kind, label: (v.label ?? '').trim(), communeCode: v.communeCode ?? '' };
        let group: ContactGroup;
        try {
          group = await api.post<ContactGroup>(contactsPaths.createGroup, body);
        } catch (e) {
          showError(e, GROUP_FIELDS);
          return;
        }
        message.success(t('contacts.membership.groupCreated', { label: group.label }));
        setCreated(group);
        setChosen(group);
        form.setFieldsValue({ mode: 'existing', groupId: group.id });
        groupId = group.id;
        label = group.label;
      }
      if (groupId === undefined) return;
      const body: MembershipInput = { personId, groupId, validFrom: ymd(v.validFrom) ?? '', ...(v.validTo ? { validTo: ymd(v.validTo) } : {}) };
      try {
        await api.post(contactsPaths.memberships, body);
      } catch (e) {
        showError(e, MEMBERSHIP_FIELDS);
        return;
      }
      message.success(t('contacts.membership.added', { label: label ?? '' }));
      onAdded();
    } finally {
      setSaving(false);
    }
  };

  const dateRule = (check: (value: Dayjs | null | undefined) => string | null) => ({
    validator: (_: unknown, value: Dayjs | null | undefined) => {
      const problem = check(value);
      return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
    },
  });

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      disabled={saving}
      initialValues={{ mode: 'existing', districtCode: home?.districtCode, communeCode: home?.communeCode }}
      onValuesChange={(changed: Partial<Values>) => clearEditedErrors(form, changed)}
      onFinish={(v) => void submit(v)}
      data-testid="add-membership-form"
    >
      <FormErrorAlert error={error} />
      <MessagesAlert title={t('contacts.fixErrors')} messages={other} />
      <Form.Item name="kind" label={t('contacts.groups.kind')} rules={[required]}>
        <Select
          options={GROUP_KINDS.map((k) => ({ value: k, label: t(`contacts.kinds.${k}`) }))}
          onChange={() => form.setFieldValue('groupId', undefined)}
          data-testid="membership-kind"
        />
      </Form.Item>
      <Form.Item name="mode">
        <Segmented<Mode>
          block
          options={[
            { value: 'existing', label: t('contacts.membership.existing') },
            { value: 'create', label: t('contacts.membership.create') },
          ]}
        />
      </Form.Item>
      {mode === 'create' ? (
        <>
          <Form.Item name="label" label={t('contacts.membership.newLabel')} rules={[{ ...required, whitespace: true }]}>
            <Input maxLength={200} autoComplete="off" placeholder={t('contacts.membership.newLabelPlaceholder')} />
          </Form.Item>
          <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
            <Form.Item name="districtCode" label={t('contacts.membership.district')} rules={[required]} style={{ flex: '1 1 180px' }}>
              <DistrictSelect onChange={() => form.setFieldValue('communeCode', undefined)} />
            </Form.Item>
            <Form.Item name="communeCode" label={t('contacts.membership.commune')} rules={[required]} style={{ flex: '1 1 180px' }}>
              <CommuneSelect districtCode={districtCode} ownCommuneOnly />
            </Form.Item>
          </div>
        </>
      ) : (
        <Form.Item name="groupId" label={t('contacts.membership.group')} rules={[required]}>
          <GroupSelect kind={kind} known={created} onPick={setChosen} />
        </Form.Item>
      )}
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
        <Form.Item
          name="validFrom"
          label={t('contacts.membership.validFrom')}
          required
          style={{ flex: '1 1 180px' }}
          rules={[dateRule((d) => {
            const p = startDateProblem(ymd(d), today);
            return p ? t(`contacts.dateErrors.${p}`) : null;
          })]}
        >
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > today} data-testid="membership-from" />
        </Form.Item>
        <Form.Item
          name="validTo"
          label={t('contacts.membership.validTo')}
          extra={t('contacts.membership.validToHint')}
          style={{ flex: '1 1 180px' }}
          dependencies={['validFrom']}
          rules={[({ getFieldValue }) => dateRule((d) => {
            const from = ymd(getFieldValue('validFrom') as Dayjs | null);
            const p = from ? endDateProblem(from, ymd(d), today) : null;
            return p ? t(`contacts.dateErrors.${p}`) : null;
          })]}
        >
          <DatePicker
            format="DD/MM/YYYY"
            style={{ width: '100%' }}
            disabledDate={(d) => isEndDateDisabled(d.format('YYYY-MM-DD'), ymd(form.getFieldValue('validFrom') as Dayjs | null), today)}
          />
        </Form.Item>
      </div>
      <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
        <Button onClick={onClose}>{t('app.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="membership-submit">
          {t('contacts.membership.submit')}
        </Button>
      </div>
    </Form>
  );
}
