import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { errorText } from '../../shared/api/client.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { useSession } from '../../shared/session/session.tsx';
import { PublicCard } from '../../shared/ui/public-card.tsx';

interface Credentials {
  username: string;
  password: string;
}

/** Only local paths: a crafted ?next= must not send the user to another site. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function LoginPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { state, login } = useSession();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  if (state.status === 'authenticated') return <Navigate to={safeNext(params.get('next'))} replace />;

  const onFinish = async (values: Credentials) => {
    setSubmitting(true);
    setError(null);
    try {
      await login(values.username.trim(), values.password);
    } catch (e) {
      setError(e);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <PublicCard maxWidth={400}>
        <Typography.Title level={3} style={{ marginTop: 8, marginBottom: 4 }}>
          {t('auth.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('auth.subtitle')}</Typography.Paragraph>
        {state.status === 'anonymous' && state.expired && !error && (
          <Alert type="warning" showIcon title={t('auth.sessionExpired')} style={{ marginBottom: 16 }} />
        )}
        {error !== null && (
          <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 16 }} data-testid="login-error" />
        )}
        <Form<Credentials> layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark={false} disabled={submitting}>
          <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
            {t('auth.submit')}
          </Button>
        </Form>
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Link to="/dang-ky-don-vi" data-testid="registration-link">
            {t('unitRegistration.loginLink')}
          </Link>
        </div>
        <div style={{ textAlign: 'center', marginTop: 8 }}>
          <Link to="/dang-ky-nha-thuoc" data-testid="pharmacy-registration-link">
            {t('pharmacyRegistration.loginLink')}
          </Link>
        </div>
    </PublicCard>
  );
}
