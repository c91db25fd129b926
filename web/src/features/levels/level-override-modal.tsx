import { App, Form, Input, Modal, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api/client.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { clearEditedErrors, FormErrorAlert, sameNames, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { LevelTag } from '../../shared/ui/level-tag.tsx';
import { type Assessment, type Level, LEVELS, levelsPaths } from './levels-api.ts';

interface FormValues {
  level: Level;
  reason: string;
}

const FIELDS = ['level', 'reason'] as const;

interface Props {
  /** The assessment whose level is set; null: closed. */
  item: Assessment | null;
  onClose: () => void;
  onSaved: (item: Assessment) => void;
}

/** "Điều chỉnh": an authorised user sets a unit's level, with the reason (audited; in force at once). */
export function LevelOverrideModal({ item, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const opening = useOpenCount(item);
  return (
    <Modal open={item !== null} title={item ? t('levels.override.title', { name: item.unitName }) : ''} onCancel={onClose} destroyOnHidden footer={null} width={480}>
      {item && <OverrideForm key={opening} item={item} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function OverrideForm({ item, onClose, onSaved }: Props & { item: Assessment }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { saving, error, otherIssues, run } = useFormSubmit(form, sameNames(FIELDS));
  const required = { required: true, message: t('levels.override.required') };

  const submit = async (v: FormValues) => {
    await run(async () => {
      const saved = await api.post<Assessment>(levelsPaths.override(item.id), { level: v.level, reason: v.reason });
      message.success(t('levels.override.done', { name: saved.unitName, level: saved.level }));
      onSaved(saved);
    });
  };

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={{ level: item.proposal?.level ?? item.levelInForce }}
      onValuesChange={(changed: Partial<FormValues>) => clearEditedErrors(form, changed)}
      onFinish={(v) => void submit(v)}
      disabled={saving}
      data-testid="level-override-form"
    >
      <Typography.Paragraph type="secondary">{t('levels.override.hint')}</Typography.Paragraph>
      <FormErrorAlert error={error} testId="level-override-error" />
      <UnplacedIssuesAlert title={t('levels.override.rejected')} issues={otherIssues} />
      <Form.Item name="level" label={t('levels.override.level')} rules={[required]}>
        <Radio.Group data-testid="level-override-level">
          {LEVELS.map((l) => (
            <Radio key={l} value={l}>
              <LevelTag level={l} />
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item name="reason" label={t('levels.override.reason')} rules={[{ ...required, whitespace: true }]}>
        <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('levels.override.reasonPlaceholder')} data-testid="level-override-reason" />
      </Form.Item>
      <FormFooter saving={saving} onClose={onClose} submitText={t('levels.override.submit')} testId="level-override-submit" />
    </Form>
  );
}
