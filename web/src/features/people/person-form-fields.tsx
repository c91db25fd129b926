import { DatePicker, Form, type FormInstance, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client.ts';
import type { Language } from '../../shared/i18n/index.ts';
import { type FieldIssue, issuesOf } from '../../shared/api/issues.ts';
import { CommuneSelect, DistrictSelect } from '../../shared/ui/area-selects.tsx';
import { placeIssues, UnplacedIssuesAlert } from '../../shared/ui/form-issues.tsx';
import { type MaskableField, SEXES, type Sex } from './people-api.ts';

/** What the add and edit forms hold. */
export interface PersonFormValues {
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
export const PERSON_FORM_FIELDS = new Set(['fullName', 'sex', 'dateOfBirth', 'nationalId', 'phone', 'communeCode', 'addressDetail']);

export const blankToNull = (v: string | undefined | null) => (v && v.trim() ? v.trim() : null);

/** Clears the server's messages of the last attempt (antd does not re-validate fields without rules). */
export function clearServerErrors(form: FormInstance<PersonFormValues>) {
  form.setFields([...PERSON_FORM_FIELDS].map((name) => ({ name: name as keyof PersonFormValues, errors: [] })));
}

/**
 * Shows a 400 VALIDATION_FAILED's issues under the fields they name. Returns the issues
 * no field of the form shows, or null when `error` is not such an answer.
 */
export function showIssuesOnFields(form: FormInstance<PersonFormValues>, error: unknown, lang: Language): FieldIssue[] | null {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return null;
  const issues = issuesOf<FieldIssue>(error.details);
  if (issues.length === 0) return null;
  const { fields, unplaced } = placeIssues(issues, (f) => (PERSON_FORM_FIELDS.has(f) ? (f as keyof PersonFormValues) : undefined), lang);
  form.setFields(fields);
  return unplaced;
}

interface Props {
  form: FormInstance<PersonFormValues>;
  /** Masked values of this view, shown read-only and never part of the form's values. */
  locked?: Partial<Record<MaskableField, string>>;
  /** The person's current commune, labelled while the district's communes load. */
  currentCommune?: { code: string; name: string; districtCode: string };
}

/** The fields of a person, with the district → commune picker. Render inside the `<Form>` of `form`. */
export function PersonFormFields({ form, locked = {}, currentCommune }: Props) {
  const { t } = useTranslation();
  const districtCode = Form.useWatch('districtCode', form);
  const required = { required: true, message: t('people.create.required') };

  const lockedItem = (field: MaskableField, label: string) => (
    <Form.Item label={label} extra={t('people.edit.maskedField')}>
      <Input value={locked[field]} disabled data-testid={`locked-${field}`} />
    </Form.Item>
  );

  return (
    <>
      <Form.Item name="fullName" label={t('people.fullName')} rules={[{ ...required, whitespace: true }]}>
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
      <Form.Item name="sex" label={t('people.sex')} rules={[required]}>
        <Select options={SEXES.map((s) => ({ value: s, label: t(`people.sexes.${s}`) }))} />
      </Form.Item>
      {locked.dateOfBirth !== undefined ? (
        lockedItem('dateOfBirth', t('people.dateOfBirth'))
      ) : (
        <Form.Item name="dateOfBirth" label={t('people.dateOfBirth')}>
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      )}
      {locked.nationalId !== undefined ? (
        lockedItem('nationalId', t('people.nationalId'))
      ) : (
        <Form.Item name="nationalId" label={t('people.nationalId')}>
          <Input maxLength={20} inputMode="numeric" autoComplete="off" />
        </Form.Item>
      )}
      {locked.phone !== undefined ? (
        lockedItem('phone', t('people.phone'))
      ) : (
        <Form.Item name="phone" label={t('people.phone')}>
          <Input maxLength={20} inputMode="tel" autoComplete="off" />
        </Form.Item>
      )}
      <Form.Item name="districtCode" label={t('people.district')} rules={[required]}>
        <DistrictSelect onChange={() => form.setFieldValue('communeCode', undefined)} />
      </Form.Item>
      <Form.Item name="communeCode" label={t('people.commune')} rules={[required]}>
        <CommuneSelect districtCode={districtCode} also={currentCommune} />
      </Form.Item>
      {locked.addressDetail !== undefined ? (
        lockedItem('addressDetail', t('people.addressDetail'))
      ) : (
        <Form.Item name="addressDetail" label={t('people.addressDetail')}>
          <Input maxLength={300} autoComplete="off" />
        </Form.Item>
      )}
    </>
  );
}

/** Server issues that belong to no field on the form, listed above it. */
export function OtherIssuesAlert({ issues }: { issues: FieldIssue[] }) {
  const { t } = useTranslation();
  return <UnplacedIssuesAlert title={t('people.create.fixErrors')} issues={issues} />;
}
