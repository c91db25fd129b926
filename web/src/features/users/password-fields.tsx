import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from './users-api.ts';

/** A new password and its confirmation: used when creating a user and when resetting a password. */
export function PasswordFields() {
  const { t } = useTranslation();
  const required = { required: true, message: t('users.form.required') };
  return (
    <>
      <Form.Item
        name="password"
        label={t('users.form.password')}
        rules={[required, { min: MIN_PASSWORD_LENGTH, message: t('users.form.passwordTooShort', { min: MIN_PASSWORD_LENGTH }) }]}
      >
        <Input.Password maxLength={200} autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('users.form.confirmPassword')}
        dependencies={['password']}
        rules={[
          required,
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              !value || value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('users.form.passwordMismatch'))),
          }),
        ]}
      >
        <Input.Password maxLength={200} autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
