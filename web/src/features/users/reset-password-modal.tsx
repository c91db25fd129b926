import { App, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api/client.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { FormErrorAlert } from '../../shared/ui/form-issues.tsx';
import { PasswordFields } from './password-fields.tsx';
import { type User, usersPaths } from './users-api.ts';

interface FormValues {
  password: string;
  confirm: string;
}

/** Sets a new password for a user; the server ends their sessions. */
export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // The form instance outlives the dialog: never show one user's new password to the next.
  const close = () => {
    if (saving) return;
    form.resetFields();
    setError(null);
    onClose();
  };

  const submit = async (v: FormValues) => {
    if (!user) return;
    setSaving(true);
    setError(null);
    try {
      await api.post<void>(usersPaths.password(user.id), { password: v.password });
      message.success(t('users.password.done', { username: user.username }));
      form.resetFields();
      onClose();
    } catch (e) {
      const issue = e instanceof ApiError && e.code === 'VALIDATION_FAILED'
        ? (e.details as { issues?: Array<{ field: string; message: { vi: string; en: string } }> } | undefined)?.issues?.find((i) => i.field === 'password')
        : undefined;
      if (issue) form.setFields([{ name: 'password', errors: [issue.message[lang] || issue.message.vi] }]);
      else setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={user !== null}
      title={user ? t('users.password.title', { username: user.username }) : ''}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('users.password.submit')}
      okButtonProps={{ loading: saving, danger: true }}
      cancelText={t('app.cancel')}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('users.password.hint')}</Typography.Paragraph>
      <FormErrorAlert error={error} />
      <Form<FormValues> form={form} layout="vertical" onFinish={(v) => void submit(v)} disabled={saving} data-testid="reset-password-form">
        <PasswordFields />
        {/* Enter in a field submits. */}
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
