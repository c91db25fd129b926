import { Alert, App, Button, Card, Col, DatePicker, Empty, Form, Input, Row, Select, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api/client.ts';
import { type FieldIssue, issuesOf } from '../../shared/api/issues.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { clearEditedErrors, FormErrorAlert } from '../../shared/ui/form-issues.tsx';
import { CASE_STATUSES, type CaseDetail, casesPaths, type CaseStatus, type StatusChange } from './cases-api.ts';
import { earliestStatusDate, facilityKindsFor, STATUS_COLOURS, statusChangeIssue, timelineInOrder, todayInVietnam } from './case-rules.ts';
import { StatusTag } from './case-tags.tsx';
import { FacilityPicker } from './facility-picker.tsx';

interface StatusFormValues {
  status?: CaseStatus;
  effectiveDate?: Dayjs | null;
  facilityId?: number | null;
  note?: string;
}

const FORM_FIELDS = new Set(['status', 'effectiveDate', 'facilityId', 'note']);

/** Timeline dots in the tags' colours (antd takes its own names or any CSS colour). */
const DOT_COLOURS: Record<CaseStatus, string> = { ...STATUS_COLOURS, died: 'gray' };

/** The dated status history of a case, oldest first, and the form that appends to it. */
export function CaseStatusPanel({ c, onChanged }: { c: CaseDetail; onChanged: (c: CaseDetail) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const events = timelineInOrder(c.timeline);

  return (
    <Card title={t('cases.detail.timeline')} size="small" data-testid="case-timeline">
      {events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.detail.noTimeline')} />
      ) : (
        <Timeline
          items={events.map((e) => ({
            key: e.id,
            color: DOT_COLOURS[e.status],
            content: (
              <div data-testid="case-timeline-event">
                <Typography.Text strong style={{ marginInlineEnd: 8 }}>
                  {fmt.date(e.effectiveDate)}
                </Typography.Text>
                <StatusTag status={e.status} />
                {e.facilityName && <div>{t('cases.detail.atFacility', { name: e.facilityName })}</div>}
                {e.note && <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div>}
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.createdBy ? `${t('cases.detail.by', { user: e.createdBy })} · ` : ''}
                    {fmt.dateTimeMinutes(e.createdAt)}
                  </Typography.Text>
                </div>
              </div>
            ),
          }))}
        />
      )}
      {can(me, 'case:write') &&
        (c.status === 'died' ? (
          <Alert type="info" showIcon title={t('cases.statusChange.afterDeath')} style={{ marginTop: 8 }} />
        ) : (
          <StatusChangeForm c={c} onChanged={onChanged} />
        ))}
    </Card>
  );
}

function StatusChangeForm({ c, onChanged }: { c: CaseDetail; onChanged: (c: CaseDetail) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const fmt = useFormat();
  const { message } = App.useApp();
  const [form] = Form.useForm<StatusFormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const today = todayInVietnam();
  const earliest = earliestStatusDate(c);
  const facilityKinds = facilityKindsFor(Form.useWatch('status', form));

  const issueText = (date: string) => {
    switch (statusChangeIssue(c, date, today)) {
      case 'afterDeath':
        return t('cases.statusChange.afterDeath');
      case 'future':
        return t('cases.statusChange.future');
      case 'beforeConfirmation':
        return t('cases.statusChange.beforeConfirmation', { date: fmt.date(c.confirmationDate) });
      case 'beforeLatest':
        return t('cases.statusChange.beforeLatest', { date: fmt.date(earliest) });
      default:
        return null;
    }
  };

  const submit = async (v: StatusFormValues) => {
    const body: StatusChange = { status: v.status!, effectiveDate: v.effectiveDate!.format('YYYY-MM-DD') };
    if (v.facilityId && facilityKindsFor(v.status).length > 0) body.facilityId = v.facilityId;
    if (v.note?.trim()) body.note = v.note.trim();
    setSaving(true);
    setError(null);
    try {
      const saved = await api.post<CaseDetail>(casesPaths.status(c.id), body);
      message.success(t('cases.statusChange.done', { code: saved.caseCode, status: t(`cases.statuses.${saved.status}`) }));
      form.resetFields();
      onChanged(saved);
    } catch (e) {
      const issues = e instanceof ApiError ? issuesOf<FieldIssue>(e.details) : [];
      const onFields = issues.filter((i) => FORM_FIELDS.has(i.field));
      if (onFields.length > 0) {
        form.setFields(onFields.map((i) => ({ name: i.field as keyof StatusFormValues, errors: [i.message[lang] || i.message.vi] })));
      }
      // Anything the fields don't show (a 409, a facility issue, a lost connection) goes above the form.
      if (onFields.length === 0 || onFields.length < issues.length) setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<StatusFormValues>
      form={form}
      layout="vertical"
      onFinish={(v) => void submit(v)}
      onValuesChange={(changed: Partial<StatusFormValues>) => clearEditedErrors(form, changed)}
      disabled={saving}
      style={{ borderTop: '1px solid #f0f0f0', paddingTop: 12 }}
      data-testid="case-status-form"
    >
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('cases.statusChange.title')}
      </Typography.Title>
      <FormErrorAlert error={error} testId="case-status-error" />
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="status" label={t('cases.statusChange.status')} rules={[{ required: true, message: t('cases.form.required') }]}>
            <Select
              options={CASE_STATUSES.filter((s) => s !== c.status).map((s) => ({ value: s, label: t(`cases.statuses.${s}`) }))}
              // The facility is chosen for the new status: a quarantine facility does not fit a case in treatment.
              onChange={() => form.setFieldValue('facilityId', null)}
              data-testid="case-status-select"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="effectiveDate"
            label={t('cases.statusChange.effectiveDate')}
            extra={t('cases.statusChange.dateRange', { from: fmt.date(earliest), to: fmt.date(today) })}
            rules={[
              { required: true, message: t('cases.form.required') },
              {
                validator: async (_, d: Dayjs | null | undefined) => {
                  const text = d ? issueText(d.format('YYYY-MM-DD')) : null;
                  if (text) throw new Error(text);
                },
              },
            ]}
          >
            <DatePicker
              format="DD/MM/YYYY"
              style={{ width: '100%' }}
              defaultPickerValue={dayjs(earliest)}
              disabledDate={(d) => {
                const iso = d.format('YYYY-MM-DD');
                return iso > today || iso < earliest;
              }}
            />
          </Form.Item>
        </Col>
      </Row>
      {facilityKinds.length > 0 && (
        <Form.Item
          name="facilityId"
          label={t('cases.facility')}
          extra={
            c.facilityName
              ? t('cases.statusChange.facilityKeep', { name: c.facilityName })
              : t(facilityKinds.length === 1 ? 'cases.form.facilityHintTreatment' : 'cases.form.facilityHintIsolated')
          }
        >
          <FacilityPicker kinds={facilityKinds} />
        </Form.Item>
      )}
      <Form.Item name="note" label={t('cases.statusChange.note')}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving} data-testid="case-status-save">
        {t('cases.statusChange.submit')}
      </Button>
    </Form>
  );
}
