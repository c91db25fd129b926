import { App, Form, InputNumber, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api/client.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { type F0ReleaseRuleVersion, quarantinePaths } from './quarantine-api.ts';
import { RuleFormButtons, RuleHeaderFields } from './rules-form-parts.tsx';
import { f0ReleaseRuleBody, type F0ReleaseRuleDraft, f0ReleaseRuleFieldOf } from './rules-view.ts';
import { clearEditedErrors, FormErrorAlert, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';

type FormValues = Omit<F0ReleaseRuleDraft, 'effectiveFrom'> & { effectiveFrom?: Dayjs | null };

const DAY_FIELDS = ['daysWithNegativeRapidTest', 'daysWithoutTest', 'daysWithPersistentSymptoms'] as const;

interface Props {
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}

/** "Thêm quy định ra viện F0": a new dated F0 release rule version (never edited afterwards). */
export function RulesF0Modal({ open, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const opening = useOpenCount(open);
  return (
    <Modal open={open} title={t('quarantine.rules.addF0')} onCancel={onClose} destroyOnHidden footer={null} width={600}>
      {open && <F0RuleForm key={opening} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function F0RuleForm({ onClose, onSaved }: Omit<Props, 'open'>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { saving, error, otherIssues, run } = useFormSubmit(form, f0ReleaseRuleFieldOf);

  const submit = async (v: FormValues) => {
    const draft: F0ReleaseRuleDraft = { ...v, effectiveFrom: v.effectiveFrom ? v.effectiveFrom.format('YYYY-MM-DD') : '' };
    // 400: issues on the header and on 'daysWithoutTest' (the three days' range and order); 403 above the form.
    await run(async () => {
      const saved = await api.post<Omit<F0ReleaseRuleVersion, 'source'>>(quarantinePaths.f0ReleaseRules, f0ReleaseRuleBody(draft));
      message.success(t('quarantine.rules.form.saved', { code: saved.code }));
      onSaved();
    });
  };

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={{ code: '', document: '', nameVi: '', nameEn: '' }}
      onValuesChange={(changed: Partial<FormValues>) => {
        clearEditedErrors(form, changed);
        // The order of the three days is reported on 'daysWithoutTest': editing either neighbour may settle it.
        if (DAY_FIELDS.some((f) => f in changed)) form.setFields([{ name: 'daysWithoutTest', errors: [] }]);
      }}
      onFinish={(v) => void submit(v)}
      disabled={saving}
      data-testid="rule-f0-form"
    >
      <FormErrorAlert error={error} testId="rule-error" />
      <UnplacedIssuesAlert title={t('quarantine.rules.form.rejected')} issues={otherIssues} />
      <Typography.Paragraph type="secondary">{t('quarantine.rules.form.hint')}</Typography.Paragraph>
      <RuleHeaderFields />
      <Typography.Paragraph type="secondary">{t('quarantine.rules.form.f0Hint')}</Typography.Paragraph>
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
        {DAY_FIELDS.map((name) => (
          <Form.Item key={name} name={name} label={t(`quarantine.rules.form.${name}`)} rules={[{ required: true, message: t('quarantine.required') }]} style={{ flex: '1 1 160px' }}>
            <InputNumber<number> min={1} max={60} precision={0} style={{ width: '100%' }} data-testid={`rule-${name}`} />
          </Form.Item>
        ))}
      </div>
      <RuleFormButtons saving={saving} onClose={onClose} />
    </Form>
  );
}
