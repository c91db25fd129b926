import { Alert, App, Button, DatePicker, Form, Input, List, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, errorText } from '../../shared/api/client.ts';
import { unitOptions, unitSearch, useCommunes, useDistricts } from '../../shared/hooks/use-units.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { useMe } from '../../shared/session/session.tsx';
import {
  type DuplicateMatch, type FieldIssue, issuesOf, matchesOf, peoplePaths, type PersonInput, type PersonView, SEXES, type Sex,
} from './people-api.ts';

interface FormValues {
  fullName: string;
  sex: Sex;
  dateOfBirth?: Dayjs | null;
  nationalId?: string;
  phone?: string;
  districtCode?: string;
  communeCode: string;
  addressDetail?: string;
}

/** Body fields the form shows: a server issue on one of them is shown on it. */
const FORM_FIELDS = new Set(['fullName', 'sex', 'dateOfBirth', 'nationalId', 'phone', 'communeCode', 'addressDetail']);

const blankToUndefined = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

function toBody(v: FormValues, confirmDuplicate: boolean): PersonInput {
  return {
    fullName: v.fullName.trim(),
    sex: v.sex,
    dateOfBirth: v.dateOfBirth ? v.dateOfBirth.format('YYYY-MM-DD') : undefined,
    nationalId: blankToUndefined(v.nationalId),
    phone: blankToUndefined(v.phone),
    communeCode: v.communeCode,
    addressDetail: blankToUndefined(v.addressDetail),
    ...(confirmDuplicate ? { confirmDuplicate: true } : {}),
  };
}

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (person: PersonView) => void;
}

/**
 * Adds a person. The client checks only what is required; the server's rules decide,
 * and its issues are shown on the fields they name.
 */
export function PersonCreateModal({ open, onClose, onCreated }: Props) {
  const { t, i18n } = useTranslation();
  const lang = useLanguage();
  const fmt = useFormat();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const districtCode = Form.useWatch('districtCode', form);
  const districts = useDistricts(me.provinceCode);
  const communes = useCommunes(districtCode);
  const [saving, setSaving] = useState(false);
  const [duplicates, setDuplicates] = useState<DuplicateMatch[] | null>(null);
  const [otherIssues, setOtherIssues] = useState<FieldIssue[]>([]);
  const [error, setError] = useState<unknown>(null);

  const resetFeedback = () => {
    setDuplicates(null);
    setOtherIssues([]);
    setError(null);
  };

  const close = () => {
    form.resetFields();
    resetFeedback();
    onClose();
  };

  const submit = async (confirmDuplicate: boolean) => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    setSaving(true);
    resetFeedback();
    // Server issues from the last attempt go; fields without rules are not re-validated by antd.
    form.setFields([...FORM_FIELDS].map((name) => ({ name: name as keyof FormValues, errors: [] })));
    try {
      const person = await api.post<PersonView>(peoplePaths.create, toBody(values, confirmDuplicate));
      message.success(t('people.create.created', { name: person.fullName }));
      form.resetFields();
      onCreated(person);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') {
        const issues = issuesOf<FieldIssue>(e.details);
        const onFields = issues.filter((i) => FORM_FIELDS.has(i.field));
        form.setFields(onFields.map((i) => ({ name: i.field as keyof FormValues, errors: [i.message[lang] || i.message.vi] })));
        setOtherIssues(issues.filter((i) => !FORM_FIELDS.has(i.field)));
        if (issues.length === 0) setError(e);
      } else if (e instanceof ApiError && e.code === 'POSSIBLE_DUPLICATE') {
        setDuplicates(matchesOf(e.details));
      } else {
        setError(e);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('people.create.title')}
      onCancel={close}
      forceRender
      footer={[
        <Button key="cancel" onClick={close}>
          {t('app.cancel')}
        </Button>,
        duplicates ? (
          <Button key="anyway" danger loading={saving} onClick={() => void submit(true)} data-testid="create-anyway">
            {t('people.create.createAnyway')}
          </Button>
        ) : null,
        <Button key="save" type="primary" loading={saving} disabled={!!duplicates} onClick={() => void submit(false)}>
          {t('people.create.submit')}
        </Button>,
      ]}
    >
      {error !== null && <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 12 }} />}
      {otherIssues.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('people.create.fixErrors')}
          description={otherIssues.map((i) => <div key={i.field + i.code}>{i.message[lang] || i.message.vi}</div>)}
          style={{ marginBottom: 12 }}
        />
      )}
      {duplicates && (
        <Alert
          type="warning"
          showIcon
          title={t('people.create.possibleDuplicate')}
          data-testid="possible-duplicates"
          description={
            <List
              size="small"
              dataSource={duplicates}
              renderItem={(m) => (
                <List.Item key={m.id}>
                  <b>{m.fullName}</b> · {fmt.date(m.dateOfBirth)} · {m.communeName} — {t('people.create.matchReason')}:{' '}
                  {i18n.exists(`people.create.reasons.${m.reason}`) ? t(`people.create.reasons.${m.reason}` as 'people.create.reasons.national_id') : m.reason}
                </List.Item>
              )}
            />
          }
          style={{ marginBottom: 12 }}
        />
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onValuesChange={(changed: Partial<FormValues>) => {
          if (duplicates) setDuplicates(null);
          form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof FormValues, errors: [] })));
        }}
        disabled={saving}
      >
        <Form.Item name="fullName" label={t('people.fullName')} rules={[{ required: true, whitespace: true, message: t('people.create.required') }]}>
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item name="sex" label={t('people.sex')} rules={[{ required: true, message: t('people.create.required') }]}>
          <Select options={SEXES.map((s) => ({ value: s, label: t(`people.sexes.${s}`) }))} />
        </Form.Item>
        <Form.Item name="dateOfBirth" label={t('people.dateOfBirth')}>
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="nationalId" label={t('people.nationalId')}>
          <Input maxLength={20} inputMode="numeric" autoComplete="off" />
        </Form.Item>
        <Form.Item name="phone" label={t('people.phone')}>
          <Input maxLength={20} inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item name="districtCode" label={t('people.district')} rules={[{ required: true, message: t('people.create.required') }]}>
          <Select
            showSearch={unitSearch}
            options={unitOptions(me.scope.kind === 'district' ? districts.units.filter((u) => u.code === me.scope.code) : districts.units)}
            loading={districts.loading}
            onChange={() => form.setFieldValue('communeCode', undefined)}
          />
        </Form.Item>
        <Form.Item name="communeCode" label={t('people.commune')} rules={[{ required: true, message: t('people.create.required') }]}>
          <Select
            showSearch={unitSearch}
            disabled={!districtCode}
            placeholder={districtCode ? undefined : t('people.create.chooseDistrictFirst')}
            options={unitOptions(communes.units)}
            loading={communes.loading}
          />
        </Form.Item>
        <Form.Item name="addressDetail" label={t('people.addressDetail')}>
          <Input maxLength={300} autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
