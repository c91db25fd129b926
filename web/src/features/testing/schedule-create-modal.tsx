import { App, DatePicker, Form, type FormRule, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api/client.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { useMe } from '../../shared/session/session.tsx';
import { clearEditedErrors, FormErrorAlert, sameNames, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { isPooled } from './round-form.ts';
import { SCHEDULE_TARGET_KINDS, type ScheduleCreated, type ScheduleTargetKind, screeningPaths } from './screening-api.ts';
import { EVERY_DAYS_RANGE, SCHEDULE_FIELDS, scheduleCreateBody, suggestedEveryDays } from './screening.ts';
import { type Method, METHODS, RISK_LEVELS, type RiskLevel } from './testing-api.ts';
import { methodLabel } from './testing-view.ts';
import { TargetPlaceFields } from './target-fields.tsx';

interface FormValues {
  targetKind: ScheduleTargetKind;
  /** Only narrows the communes offered: not sent. */
  districtCode?: string;
  communeCode?: string;
  /** A lockdown zone target. */
  targetZoneId?: number | null;
  targetOrgId?: number | null;
  everyDays: number | null;
  startsOn: Dayjs;
  endsOn?: Dayjs | null;
  method: Method;
  riskLevel?: RiskLevel;
}

interface Props {
  open: boolean;
  /** The first day offered (the plan's day). */
  startsOn: string;
  onClose: () => void;
  onCreated: (schedule: ScheduleCreated) => void;
}

/** "Thêm lịch sàng lọc": a lockdown zone, a commune, an enterprise or a facility sampled every N days from a start day, until an optional end. */
export function ScheduleCreateModal({ open, startsOn, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const opening = useOpenCount(open);
  return (
    <Modal open={open} title={t('testing.schedule.title')} onCancel={onClose} destroyOnHidden footer={null} width={560}>
      {open && <ScheduleForm key={opening} startsOn={startsOn} onClose={onClose} onCreated={onCreated} />}
    </Modal>
  );
}

function ScheduleForm({ startsOn, onClose, onCreated }: Omit<Props, 'open'>) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { saving, error, otherIssues, run } = useFormSubmit(form, sameNames(SCHEDULE_FIELDS));
  const targetKind = Form.useWatch('targetKind', form);
  const method = Form.useWatch('method', form);
  const districtCode = Form.useWatch('districtCode', form);
  const start = Form.useWatch('startsOn', form);
  const required = { required: true, message: t('testing.required') };

  const submit = async (v: FormValues) => {
    // 400: the target (commune or unit), the cycle, the end before the start, a pooled schedule without a risk level.
    await run(async () => {
      const body = scheduleCreateBody({
        ...v,
        everyDays: v.everyDays ?? 0,
        startsOn: v.startsOn.format('YYYY-MM-DD'),
        endsOn: v.endsOn ? v.endsOn.format('YYYY-MM-DD') : null,
      });
      const created = await api.post<ScheduleCreated>(screeningPaths.createSchedule, body);
      message.success(t('testing.schedule.created', { label: created.targetLabel }));
      onCreated(created);
    });
  };

  // As the server: a pooled schedule needs a risk level (its pool size).
  const riskRule: FormRule = ({ getFieldValue }) => ({
    validator: (_, value: RiskLevel | undefined) =>
      isPooled(getFieldValue('method') as Method) && !value ? Promise.reject(new Error(t('testing.schedule.riskRequired'))) : Promise.resolve(),
  });

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={{
        targetKind: 'commune',
        districtCode: me.scope.kind === 'district' ? me.scope.code : undefined,
        everyDays: suggestedEveryDays('commune'),
        startsOn: dayjs(startsOn),
        method: 'rt_pcr_pool',
      }}
      onValuesChange={(changed: Partial<FormValues>) => {
        clearEditedErrors(form, changed);
        // Another district: its communes only.
        if ('districtCode' in changed) form.setFieldValue('communeCode', undefined);
        // A first cycle that suits the target, unless one was typed already.
        if (changed.targetKind && !form.isFieldTouched('everyDays')) form.setFieldValue('everyDays', suggestedEveryDays(changed.targetKind));
      }}
      onFinish={(v) => void submit(v)}
      disabled={saving}
      data-testid="schedule-form"
    >
      <FormErrorAlert error={error} testId="schedule-error" />
      <UnplacedIssuesAlert title={t('testing.schedule.rejected')} issues={otherIssues} />
      <Form.Item name="targetKind" label={t('testing.schedule.targetKind')} rules={[required]}>
        <Select<ScheduleTargetKind>
          options={SCHEDULE_TARGET_KINDS.map((k) => ({ value: k, label: t(`testing.targetKinds.${k}`) }))}
          data-testid="schedule-target-kind"
        />
      </Form.Item>

      <TargetPlaceFields targetKind={targetKind} districtCode={districtCode} dateField="startsOn" testIdPrefix="schedule" />

      <Form.Item name="everyDays" label={t('testing.schedule.everyDays')} extra={t('testing.schedule.everyDaysHint')} rules={[required]}>
        <InputNumber<number> min={EVERY_DAYS_RANGE.min} max={EVERY_DAYS_RANGE.max} precision={0} style={{ width: 140 }} data-testid="schedule-every-days" />
      </Form.Item>
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
        <Form.Item name="startsOn" label={t('testing.schedule.startsOn')} rules={[required]} style={{ flex: '1 1 160px' }}>
          <DatePicker format="DD/MM/YYYY" allowClear={false} style={{ width: '100%' }} data-testid="schedule-starts-on" />
        </Form.Item>
        <Form.Item name="endsOn" label={t('testing.schedule.endsOn')} dependencies={['startsOn']} style={{ flex: '1 1 160px' }}>
          <DatePicker
            format="DD/MM/YYYY"
            style={{ width: '100%' }}
            // Not before the start, as the server checks.
            disabledDate={(d) => (start ? d.isBefore(start, 'day') : false)}
            data-testid="schedule-ends-on"
          />
        </Form.Item>
      </div>
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
        <Form.Item name="method" label={t('testing.create.method')} rules={[required]} style={{ flex: '1 1 200px' }}>
          <Select<Method> options={METHODS.map((m) => ({ value: m, label: methodLabel(m, null, lang) }))} data-testid="schedule-method" />
        </Form.Item>
        {isPooled(method) && (
          <Form.Item name="riskLevel" label={t('testing.create.riskLevel')} rules={[riskRule]} dependencies={['method']} style={{ flex: '1 1 200px' }}>
            <Select<RiskLevel> allowClear options={RISK_LEVELS.map((r) => ({ value: r, label: t(`testing.riskLevels.${r}`) }))} data-testid="schedule-risk" />
          </Form.Item>
        )}
      </div>
      <FormFooter saving={saving} onClose={onClose} submitText={t('testing.schedule.submit')} testId="schedule-submit" />
    </Form>
  );
}
