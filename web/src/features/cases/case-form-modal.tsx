import { App, Button, Col, DatePicker, Form, type FormInstance, Input, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError } from '../../shared/api/client.ts';
import { type FieldIssue, issuesOf } from '../../shared/api/issues.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { type Language, useLanguage } from '../../shared/i18n/index.ts';
import { CommuneSelect, DistrictSelect } from '../../shared/ui/area-selects.tsx';
import { clearEditedErrors, FormErrorAlert, placeIssues, UnplacedIssuesAlert } from '../../shared/ui/form-issues.tsx';
import {
  CASE_STATUSES, type CaseDetail, type CaseInput, casesPaths, type CaseStatus, type Classification, CLASSIFICATIONS, type Detection,
  DETECTIONS,
} from './cases-api.ts';
import { type CaseDateField, caseDateIssues, type CaseEdit, casePatch, type DateIssue, facilityKindsFor, todayInVietnam } from './case-rules.ts';
import { FacilityPicker } from './facility-picker.tsx';
import { PersonPicker } from './person-picker.tsx';

interface CaseFormValues {
  personId?: number;
  caseCode?: string;
  onsetDate?: Dayjs | null;
  sampleDate?: Dayjs | null;
  confirmationDate?: Dayjs | null;
  isolationDate?: Dayjs | null;
  detection?: Detection;
  classification?: Classification;
  status?: CaseStatus;
  districtCode?: string;
  communeCode?: string;
  facilityId?: number | null;
  foundPlace?: string;
  note?: string;
}

/** Body fields the form shows: a server issue on one of them is shown under it. */
const FORM_FIELDS = new Set([
  'personId', 'caseCode', 'onsetDate', 'sampleDate', 'confirmationDate', 'isolationDate', 'detection', 'classification', 'status',
  'communeCode', 'facilityId', 'foundPlace', 'note',
]);

const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const day = (v: string | null) => (v ? dayjs(v, 'YYYY-MM-DD') : null);
const blankToNull = (v: string | undefined | null) => (v && v.trim() ? v.trim() : null);

function initialValues(c: CaseDetail | undefined): CaseFormValues {
  if (!c) return { status: 'isolated' };
  return {
    caseCode: c.caseCode,
    onsetDate: day(c.onsetDate),
    sampleDate: day(c.sampleDate),
    confirmationDate: day(c.confirmationDate),
    isolationDate: day(c.isolationDate),
    detection: c.detection,
    classification: c.classification,
    districtCode: c.districtCode,
    communeCode: c.communeCode,
    facilityId: c.facilityId,
    foundPlace: c.foundPlace ?? undefined,
    note: c.note ?? undefined,
  };
}

/**
 * The form's values, normalised. A facility counts only while the status takes one (the field is
 * hidden otherwise): a new case then has none, an edited one keeps its own.
 */
function toEdit(v: CaseFormValues, existing?: CaseDetail): CaseEdit {
  const status = existing ? existing.status : v.status;
  return {
    caseCode: (v.caseCode ?? '').trim(),
    onsetDate: iso(v.onsetDate),
    sampleDate: iso(v.sampleDate) ?? '',
    confirmationDate: iso(v.confirmationDate) ?? '',
    isolationDate: iso(v.isolationDate),
    detection: v.detection!,
    classification: v.classification!,
    communeCode: v.communeCode!,
    facilityId: facilityKindsFor(status).length > 0 ? (v.facilityId ?? null) : (existing?.facilityId ?? null),
    foundPlace: blankToNull(v.foundPlace),
    note: blankToNull(v.note),
  };
}

function toBody(v: CaseFormValues): CaseInput {
  const e = toEdit(v);
  const body: CaseInput = {
    personId: v.personId!,
    sampleDate: e.sampleDate,
    confirmationDate: e.confirmationDate,
    detection: e.detection,
    classification: e.classification,
    status: v.status ?? 'isolated',
    communeCode: e.communeCode,
  };
  if (e.caseCode) body.caseCode = e.caseCode;
  if (e.onsetDate) body.onsetDate = e.onsetDate;
  if (e.isolationDate) body.isolationDate = e.isolationDate;
  if (e.facilityId) body.facilityId = e.facilityId;
  if (e.foundPlace) body.foundPlace = e.foundPlace;
  if (e.note) body.note = e.note;
  return body;
}

/**
 * Shows a 400's issues (or a 409's field) under the fields they name. Returns the issues no
 * field shows, or null when `error` names no field.
 */
function showIssuesOnFields(form: FormInstance<CaseFormValues>, error: unknown, lang: Language): FieldIssue[] | null {
  if (!(error instanceof ApiError)) return null;
  const issues = issuesOf<FieldIssue>(error.details);
  if (issues.length === 0) {
    if (error.field && FORM_FIELDS.has(error.field)) form.setFields([{ name: error.field as keyof CaseFormValues, errors: [error.text(lang)] }]);
    return null;
  }
  const { fields, unplaced } = placeIssues(issues, (f) => (FORM_FIELDS.has(f) ? (f as keyof CaseFormValues) : undefined), lang);
  form.setFields(fields);
  return unplaced;
}

interface Props {
  open: boolean;
  /** The case to edit; none: a new case. */
  caseDetail?: CaseDetail;
  onClose: () => void;
  onSaved: (c: CaseDetail) => void;
}

/** Adds a case for a person of the register, or edits one (PATCH of what changed). */
export function CaseFormModal({ open, caseDetail, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const opening = useOpenCount(open ? (caseDetail ?? true) : null);
  return (
    <Modal
      open={open}
      title={caseDetail ? t('cases.form.editTitle', { code: caseDetail.caseCode }) : t('cases.form.createTitle')}
      onCancel={onClose}
      destroyOnHidden
      footer={null}
      width={720}
    >
      {/* A fresh form (and form store) for each opening. */}
      {open && <CaseForm key={opening} existing={caseDetail} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function CaseForm({ existing, onClose, onSaved }: { existing?: CaseDetail; onClose: () => void; onSaved: (c: CaseDetail) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<CaseFormValues>();
  const [saving, setSaving] = useState(false);
  const [otherIssues, setOtherIssues] = useState<FieldIssue[]>([]);
  const [error, setError] = useState<unknown>(null);
  // The commune shown by name while its district's communes load (the case's, or the picked person's).
  const [knownCommune, setKnownCommune] = useState(
    existing ? { code: existing.communeCode, name: existing.communeName, districtCode: existing.districtCode } : undefined,
  );

  const today = todayInVietnam();
  const districtCode = Form.useWatch('districtCode', form);
  // A new case takes the facility of its initial status; an edited one of its current status.
  const watchedStatus = Form.useWatch('status', form);
  const status = existing ? existing.status : watchedStatus;
  const facilityKinds = facilityKindsFor(status);
  const knownFacility = existing?.facilityId ? { id: existing.facilityId, name: existing.facilityName ?? String(existing.facilityId) } : null;

  const required = { required: true, message: t('cases.form.required') };
  const dateText = (i: DateIssue) =>
    i.rule === 'future' ? t('cases.form.future') : t('cases.form.afterConfirmation', { field: t(`cases.${i.field}`) });
  // The server's date rules, checked as the user picks; a change of confirmation re-checks onset and sample.
  const dateRule = (field: CaseDateField) => ({
    validator: async () => {
      const v = form.getFieldsValue(['onsetDate', 'sampleDate', 'confirmationDate', 'isolationDate']) as CaseFormValues;
      const dates = { onsetDate: iso(v.onsetDate), sampleDate: iso(v.sampleDate), confirmationDate: iso(v.confirmationDate), isolationDate: iso(v.isolationDate) };
      const issue = caseDateIssues(dates, today).find((i) => i.field === field);
      if (issue) throw new Error(dateText(issue));
    },
  });
  const isFuture = (d: Dayjs) => d.format('YYYY-MM-DD') > today;
  const datePicker = <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} disabledDate={isFuture} />;

  const submit = async (values: CaseFormValues) => {
    setSaving(true);
    setOtherIssues([]);
    setError(null);
    form.setFields([...FORM_FIELDS].map((name) => ({ name: name as keyof CaseFormValues, errors: [] })));
    try {
      let saved: CaseDetail;
      if (existing) {
        const patch = casePatch(existing, toEdit(values, existing));
        if (Object.keys(patch).length === 0) {
          message.info(t('cases.form.nothingChanged'));
          onClose();
          return;
        }
        saved = await api.patch<CaseDetail>(casesPaths.one(existing.id), patch);
        message.success(t('cases.form.saved', { code: saved.caseCode }));
      } else {
        saved = await api.post<CaseDetail>(casesPaths.create, toBody(values));
        message.success(t('cases.form.created', { code: saved.caseCode, name: saved.fullName }));
      }
      onSaved(saved);
    } catch (e) {
      const unplaced = showIssuesOnFields(form, e, lang);
      if (unplaced && unplaced.length > 0) setOtherIssues(unplaced);
      else if (!unplaced) setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<CaseFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues(existing)}
      onValuesChange={(changed: Partial<CaseFormValues>) => clearEditedErrors(form, changed)}
      onFinish={(v) => void submit(v)}
      disabled={saving}
      data-testid="case-form"
    >
      <FormErrorAlert error={error} testId="case-form-error" />
      <UnplacedIssuesAlert title={t('cases.form.fixErrors')} issues={otherIssues} />

      {existing ? (
        <Form.Item label={t('cases.form.person')}>
          <Input value={existing.fullName} disabled />
        </Form.Item>
      ) : (
        <Form.Item
          name="personId"
          label={t('cases.form.person')}
          rules={[required]}
          extra={
            <>
              {t('cases.form.personMissing')}{' '}
              <Link to="/people" target="_blank" rel="noopener" title={t('cases.form.addPersonHint')}>
                {t('cases.form.addPerson')}
              </Link>
            </>
          }
        >
          <PersonPicker
            onPick={(p) => {
              if (!p) return;
              setKnownCommune({ code: p.communeCode, name: p.communeName, districtCode: p.districtCode });
              form.setFieldsValue({ districtCode: p.districtCode, communeCode: p.communeCode });
            }}
          />
        </Form.Item>
      )}

      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="caseCode"
            label={t('cases.caseCode')}
            rules={existing ? [{ ...required, whitespace: true }] : []}
            extra={existing ? undefined : t('cases.form.caseCodeHint')}
          >
            <Input maxLength={30} autoComplete="off" placeholder="BN…" />
          </Form.Item>
        </Col>
        {!existing && (
          <Col xs={24} sm={12}>
            <Form.Item name="status" label={t('cases.form.initialStatus')} rules={[required]}>
              <Select
                options={CASE_STATUSES.map((s) => ({ value: s, label: t(`cases.statuses.${s}`) }))}
                onChange={(next: CaseStatus) => {
                  // A quarantine facility does not fit a case in treatment: choose again.
                  const nextKinds = facilityKindsFor(next);
                  if (!facilityKinds.every((k) => nextKinds.includes(k))) form.setFieldValue('facilityId', null);
                }}
              />
            </Form.Item>
          </Col>
        )}
      </Row>

      {facilityKinds.length > 0 && (
        <Form.Item
          name="facilityId"
          label={t('cases.facility')}
          extra={t(facilityKinds.length === 1 ? 'cases.form.facilityHintTreatment' : 'cases.form.facilityHintIsolated')}
        >
          <FacilityPicker kinds={facilityKinds} known={knownFacility} />
        </Form.Item>
      )}

      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="onsetDate" label={t('cases.onsetDate')} dependencies={['confirmationDate']} rules={[dateRule('onsetDate')]}>
            {datePicker}
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="sampleDate" label={t('cases.sampleDate')} dependencies={['confirmationDate']} rules={[required, dateRule('sampleDate')]}>
            {datePicker}
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="confirmationDate" label={t('cases.confirmationDate')} rules={[required, dateRule('confirmationDate')]}>
            {datePicker}
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="isolationDate" label={t('cases.isolationDate')} rules={[dateRule('isolationDate')]}>
            {datePicker}
          </Form.Item>
        </Col>
      </Row>

      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="detection" label={t('cases.detection')} rules={[required]}>
            <Select options={DETECTIONS.map((d) => ({ value: d, label: t(`cases.detections.${d}`) }))} data-testid="case-detection" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="classification" label={t('cases.classification')} rules={[required]}>
            <Select options={CLASSIFICATIONS.map((c) => ({ value: c, label: t(`cases.classifications.${c}`) }))} data-testid="case-classification" />
          </Form.Item>
        </Col>
      </Row>

      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="districtCode" label={t('cases.district')} rules={[required]}>
            <DistrictSelect onChange={() => form.setFieldValue('communeCode', undefined)} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="communeCode" label={t('cases.commune')} rules={[required]} extra={existing ? undefined : t('cases.form.communeHint')}>
            <CommuneSelect districtCode={districtCode} also={knownCommune} />
          </Form.Item>
        </Col>
      </Row>

      <Form.Item name="foundPlace" label={t('cases.foundPlace')}>
        <Input maxLength={300} autoComplete="off" />
      </Form.Item>
      <Form.Item name="note" label={t('cases.note')}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>

      <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
        <Button onClick={onClose}>{t('app.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="case-save">
          {t('cases.form.submit')}
        </Button>
      </div>
    </Form>
  );
}
