import { DatePicker, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { EARLIEST_EFFECTIVE_DATE, RULE_CODE_PATTERN } from './rules-view.ts';

const row = { display: 'flex', gap: 12, flexWrap: 'wrap' } as const;

/** The code, document, names and effective date every rule version has (both forms). */
export function RuleHeaderFields() {
  const { t } = useTranslation();
  const required = { required: true, whitespace: true, message: t('quarantine.required') };
  return (
    <>
      <div style={row}>
        <Form.Item
          name="code"
          label={t('quarantine.rules.form.code')}
          rules={[required, { pattern: RULE_CODE_PATTERN, message: t('quarantine.rules.form.codeInvalid') }]}
          style={{ flex: '1 1 180px' }}
        >
          <Input maxLength={40} placeholder={t('quarantine.rules.form.codePlaceholder')} autoComplete="off" data-testid="rule-code" />
        </Form.Item>
        <Form.Item name="document" label={t('quarantine.rules.form.document')} rules={[required]} style={{ flex: '2 1 260px' }}>
          <Input maxLength={200} placeholder={t('quarantine.rules.form.documentPlaceholder')} data-testid="rule-document" />
        </Form.Item>
      </div>
      <Form.Item name="nameVi" label={t('quarantine.rules.form.nameVi')} rules={[required]}>
        <Input maxLength={300} data-testid="rule-name-vi" />
      </Form.Item>
      <Form.Item name="nameEn" label={t('quarantine.rules.form.nameEn')} rules={[required]}>
        <Input maxLength={300} data-testid="rule-name-en" />
      </Form.Item>
      <Form.Item name="effectiveFrom" label={t('quarantine.rules.form.effectiveFrom')} rules={[{ required: true, message: t('quarantine.required') }]}>
        <DatePicker
          format="DD/MM/YYYY"
          style={{ width: 180 }}
          // The server refuses dates before the first national rules.
          disabledDate={(d) => d.format('YYYY-MM-DD') < EARLIEST_EFFECTIVE_DATE}
          data-testid="rule-effective-from"
        />
      </Form.Item>
    </>
  );
}

/** Cancel and save, at the foot of both forms. */
export function RuleFormButtons({ saving, onClose }: { saving: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return <FormFooter saving={saving} onClose={onClose} submitText={t('quarantine.rules.form.submit')} testId="rule-submit" />;
}
