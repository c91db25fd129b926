import { App, Checkbox, Form, type FormRule, Input, InputNumber, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api/client.ts';
import type { FieldIssue } from '../../shared/api/issues.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { clearEditedErrors, FormErrorAlert, showIssuesOnFields, UnplacedIssuesAlert } from '../../shared/ui/form-issues.tsx';
import { type QuarantineRuleVersion, quarantinePaths, RISK_GROUPS } from './quarantine-api.ts';
import { RuleFormButtons, RuleHeaderFields } from './rules-form-parts.tsx';
import {
  DEFAULT_RETURNING_CITIZEN_TERMS,
  DEFAULT_SCREENING_INTERVALS,
  parseTestDays,
  quarantineRuleBody,
  quarantineRuleFieldOf,
  type QuarantineRuleDraft,
  repeatsF1Issue,
  type RuleSections,
  screeningField,
  type TermsGroup,
  termsField,
  testDaysText,
} from './rules-view.ts';

type FormValues = Omit<QuarantineRuleDraft, 'effectiveFrom'> & { effectiveFrom?: Dayjs | null };

interface Props {
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}

/** "Thêm quy định cách ly": a new dated quarantine rule version (never edited afterwards). */
export function RulesQuarantineModal({ open, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const opening = useOpenCount(open);
  return (
    <Modal open={open} title={t('quarantine.rules.addQuarantine')} onCancel={onClose} destroyOnHidden footer={null} width={760}>
      {open && <QuarantineRuleForm key={opening} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

const row = { display: 'flex', gap: 12, flexWrap: 'wrap' } as const;

function QuarantineRuleForm({ onClose, onSaved }: Omit<Props, 'open'>) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [otherIssues, setOtherIssues] = useState<FieldIssue[]>([]);
  const ownVaccinated = Form.useWatch('ownVaccinated', form) === true;
  const ownReturning = Form.useWatch('ownReturning', form) === true;
  const ownScreening = Form.useWatch('ownScreening', form) === true;

  const submit = async (v: FormValues) => {
    const draft: QuarantineRuleDraft = { ...v, effectiveFrom: v.effectiveFrom ? v.effectiveFrom.format('YYYY-MM-DD') : '' };
    const sections: RuleSections = { ownVaccinated: v.ownVaccinated, ownReturning: v.ownReturning, ownScreening: v.ownScreening };
    setSaving(true);
    setError(null);
    setOtherIssues([]);
    try {
      const saved = await api.post<QuarantineRuleVersion>(quarantinePaths.quarantineRules, quarantineRuleBody(draft));
      message.success(t('quarantine.rules.form.saved', { code: saved.code }));
      onSaved();
    } catch (e) {
      // 400: issues on the header, 'f1/testDays' …, 'screeningIntervalDays/high'; 403 above the form.
      const unplaced = showIssuesOnFields(form, quarantineRuleFieldOf(sections), e, lang);
      if (unplaced === null) setError(e);
      else setOtherIssues(unplaced.filter((i) => !repeatsF1Issue(i, sections)));
    } finally {
      setSaving(false);
    }
  };

  // Opening the vaccinated/recovered terms starts them from the F1 ones, the default they replace.
  const onValuesChange = (changed: Partial<FormValues>) => {
    clearEditedErrors(form, changed);
    if (changed.ownVaccinated && form.getFieldValue('vaccinatedCentralizedDays') == null) {
      const f1 = form.getFieldsValue(['f1CentralizedDays', 'f1TestDays', 'f1HomeMonitoringDays']) as FormValues;
      form.setFieldsValue({
        vaccinatedCentralizedDays: f1.f1CentralizedDays,
        vaccinatedTestDays: f1.f1TestDays,
        vaccinatedHomeMonitoringDays: f1.f1HomeMonitoringDays,
      });
    }
  };

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={{
        code: '',
        document: '',
        nameVi: '',
        nameEn: '',
        ownVaccinated: false,
        ownReturning: false,
        ownScreening: false,
        returningCentralizedDays: DEFAULT_RETURNING_CITIZEN_TERMS.centralizedDays,
        returningTestDays: testDaysText(DEFAULT_RETURNING_CITIZEN_TERMS.testDays),
        returningHomeMonitoringDays: DEFAULT_RETURNING_CITIZEN_TERMS.homeMonitoringDays,
        screeningHigh: DEFAULT_SCREENING_INTERVALS.high,
        screeningMedium: DEFAULT_SCREENING_INTERVALS.medium,
        screeningLow: DEFAULT_SCREENING_INTERVALS.low,
      }}
      onValuesChange={onValuesChange}
      onFinish={(v) => void submit(v)}
      disabled={saving}
      data-testid="rule-quarantine-form"
    >
      <FormErrorAlert error={error} testId="rule-error" />
      <UnplacedIssuesAlert title={t('quarantine.rules.form.rejected')} issues={otherIssues} />
      <Typography.Paragraph type="secondary">{t('quarantine.rules.form.hint')}</Typography.Paragraph>
      <RuleHeaderFields />

      <TermsFields group="f1" />
      <Form.Item name="ownVaccinated" valuePropName="checked" style={{ marginBottom: 8 }}>
        <Checkbox data-testid="rule-own-vaccinated">{t('quarantine.rules.form.ownVaccinated')}</Checkbox>
      </Form.Item>
      {ownVaccinated && <TermsFields group="vaccinated" />}
      <Form.Item name="ownReturning" valuePropName="checked" style={{ marginBottom: 8 }}>
        <Checkbox data-testid="rule-own-returning">{t('quarantine.rules.form.ownReturning')}</Checkbox>
      </Form.Item>
      {ownReturning && <TermsFields group="returning" />}
      <Form.Item name="ownScreening" valuePropName="checked" style={{ marginBottom: 8 }}>
        <Checkbox data-testid="rule-own-screening">{t('quarantine.rules.form.ownScreening')}</Checkbox>
      </Form.Item>
      {ownScreening && (
        <div style={row}>
          {RISK_GROUPS.map((g) => (
            <Form.Item
              key={g}
              name={screeningField(g)}
              label={t('quarantine.rules.form.screeningDays', { group: t(`quarantine.riskGroups.${g}`) })}
              rules={[{ required: true, message: t('quarantine.required') }]}
              style={{ flex: '1 1 160px' }}
            >
              <InputNumber<number> min={1} max={14} precision={0} style={{ width: '100%' }} data-testid={`rule-${screeningField(g)}`} />
            </Form.Item>
          ))}
        </div>
      )}

      <RuleFormButtons saving={saving} onClose={onClose} />
    </Form>
  );
}

/** One group's stay, test days (typed as "1, 7, 14") and home monitoring. */
function TermsFields({ group }: { group: TermsGroup }) {
  const { t } = useTranslation();
  const required = { required: true, message: t('quarantine.required') };
  const testDaysRule: FormRule = {
    validator: (_, value: string | undefined) => {
      const parsed = parseTestDays(value ?? '');
      return parsed.error
        ? Promise.reject(new Error(t(`quarantine.rules.form.testDaysErrors.${parsed.error}`, { token: parsed.token ?? '' })))
        : Promise.resolve();
    },
  };
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
      <Typography.Text strong>{t(`quarantine.rules.groups.${group}`)}</Typography.Text>
      <div style={{ ...row, marginTop: 8 }}>
        <Form.Item name={termsField(group, 'CentralizedDays')} label={t('quarantine.rules.form.centralizedDays')} rules={[required]} style={{ flex: '1 1 160px' }}>
          <InputNumber<number> min={1} max={60} precision={0} style={{ width: '100%' }} data-testid={`rule-${termsField(group, 'CentralizedDays')}`} />
        </Form.Item>
        <Form.Item
          name={termsField(group, 'TestDays')}
          label={t('quarantine.rules.form.testDays')}
          extra={t('quarantine.rules.form.testDaysHelp')}
          // The validator requires a day; the mark says so.
          required
          rules={[testDaysRule]}
          style={{ flex: '2 1 220px' }}
        >
          <Input placeholder={t('quarantine.rules.form.testDaysPlaceholder')} data-testid={`rule-${termsField(group, 'TestDays')}`} />
        </Form.Item>
        <Form.Item name={termsField(group, 'HomeMonitoringDays')} label={t('quarantine.rules.form.homeMonitoringDays')} rules={[required]} style={{ flex: '1 1 160px' }}>
          <InputNumber<number> min={0} max={60} precision={0} style={{ width: '100%' }} data-testid={`rule-${termsField(group, 'HomeMonitoringDays')}`} />
        </Form.Item>
      </div>
    </fieldset>
  );
}
