import { Alert, Button, Divider, Form, type FormRule, Input, Result, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError, errorText } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { clearEditedErrors, FormErrorAlert, sameNames, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { PublicCard } from '../../shared/ui/public-card.tsx';
import { communeOptions, type RegistrationArea, registrationPaths } from './registration-api.ts';
import { confirmationProblem, isPhone, MIN_PASSWORD_LENGTH, passwordProblem, USERNAME } from './registration-form.ts';

/** POST /api/community/pharmacy-registrations (public, 5 an hour per address). */
export const PHARMACY_REGISTRATION_PATH = '/api/community/pharmacy-registrations';

interface Draft {
  name: string; licenceNo: string; communeCode: string; address?: string; contactName: string; contactPhone: string;
  username: string; password: string; passwordConfirmation: string;
}
const FIELDS = ['name', 'licenceNo', 'communeCode', 'address', 'contactName', 'contactPhone', 'username', 'password'] as const;

/** The server's one answer to every accepted request (it never says whether the username exists). */
interface Received { status: 'received'; message: { vi: string; en: string } }

/**
 * "Nhà thuốc đăng ký tham gia" (public, phone-sized, Vietnamese first): a pharmacy asks to report
 * its buyers of fever, cough and throat medicine. District health reviews it and creates the
 * pharmacy and its account; the answer is the same whatever the username.
 */
export default function PharmacyRegistrationPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [received, setReceived] = useState<Received | null>(null);
  return (
    <PublicCard maxWidth={480}>
      {received ? (
        <Result
          status="success"
          title={t('pharmacyRegistration.done')}
          subTitle={received.message[lang] || received.message.vi}
          extra={<Link to="/login">{t('unitRegistration.toLogin')}</Link>}
          data-testid="pharmacy-registration-done"
        />
      ) : (
        <>
          <Typography.Title level={3} style={{ marginTop: 8, marginBottom: 4 }}>{t('pharmacyRegistration.title')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('pharmacyRegistration.intro')}</Typography.Paragraph>
          <PharmacyForm onReceived={setReceived} />
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            <Link to="/login">{t('unitRegistration.haveAccount')}</Link>
          </div>
        </>
      )}
    </PublicCard>
  );
}

function PharmacyForm({ onReceived }: { onReceived: (r: Received) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [form] = Form.useForm<Draft>();
  const areas = useApi<RegistrationArea[]>(registrationPaths.areas);
  const { saving, error, otherIssues, run } = useFormSubmit(form, sameNames(FIELDS));
  const required = { required: true, message: t('unitRegistration.required') };
  const requiredText = { ...required, whitespace: true };
  const check = (problem: (value: string | undefined) => boolean, text: string): FormRule => ({
    validator: (_, value: string | undefined) => (!value || !problem(value) ? Promise.resolve() : Promise.reject(new Error(text))),
  });
  const confirmationRule: FormRule = ({ getFieldValue }) => ({
    validator: (_, value: string | undefined) =>
      !value || confirmationProblem(getFieldValue('password') as string | undefined, value) === null ? Promise.resolve() : Promise.reject(new Error(t('unitRegistration.passwordMismatch'))),
  });
  const submit = async (v: Draft) => {
    await run(async () => {
      onReceived(await api.post<Received>(PHARMACY_REGISTRATION_PATH, {
        name: v.name.trim(), licenceNo: v.licenceNo.trim(), communeCode: v.communeCode, address: v.address?.trim() || null, contactName: v.contactName.trim(),
        contactPhone: v.contactPhone.replace(/\s/g, ''), username: v.username.trim().toLowerCase(), password: v.password,
      }));
    });
  };
  const rateLimited = error instanceof ApiError && error.code === 'RATE_LIMITED';
  return (
    <Form<Draft>
      form={form}
      layout="vertical"
      requiredMark={false}
      onValuesChange={(changed: Partial<Draft>) => clearEditedErrors(form, changed)}
      onFinish={(v) => void submit(v)}
      disabled={saving}
      data-testid="pharmacy-registration-form"
    >
      {rateLimited ? (
        <Alert type="warning" showIcon title={t('unitRegistration.rateLimited')} description={errorText(error, lang)} style={{ marginBottom: 12 }} data-testid="pharmacy-registration-rate-limited" />
      ) : (
        <FormErrorAlert error={error} testId="pharmacy-registration-error" />
      )}
      <UnplacedIssuesAlert title={t('unitRegistration.rejected')} issues={otherIssues} />
      <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>{t('pharmacyRegistration.sections.pharmacy')}</Divider>
      <Form.Item name="name" label={t('pharmacyRegistration.name')} rules={[requiredText]}>
        <Input maxLength={200} size="large" autoComplete="organization" data-testid="pharmacy-name" />
      </Form.Item>
      <Form.Item name="licenceNo" label={t('pharmacyRegistration.licenceNo')} rules={[requiredText]}>
        <Input maxLength={50} size="large" data-testid="pharmacy-licence" />
      </Form.Item>
      <Form.Item name="communeCode" label={t('pharmacyRegistration.commune')} rules={[required]}>
        <Select showSearch optionFilterProp="label" size="large" loading={areas.loading} options={communeOptions(areas.data ?? [])} data-testid="pharmacy-commune" />
      </Form.Item>
      <Form.Item name="address" label={t('pharmacyRegistration.address')}>
        <Input maxLength={300} size="large" placeholder={t('unitRegistration.addressPlaceholder')} autoComplete="street-address" data-testid="pharmacy-address" />
      </Form.Item>
      <Divider titlePlacement="start" plain>{t('pharmacyRegistration.sections.contact')}</Divider>
      <Form.Item name="contactName" label={t('pharmacyRegistration.contactName')} rules={[requiredText]}>
        <Input maxLength={120} size="large" autoComplete="name" data-testid="pharmacy-contact-name" />
      </Form.Item>
      <Form.Item name="contactPhone" label={t('pharmacyRegistration.contactPhone')} rules={[required, check((v) => !isPhone(v), t('unitRegistration.phoneInvalid'))]}>
        <Input type="tel" inputMode="tel" maxLength={20} size="large" autoComplete="tel" data-testid="pharmacy-contact-phone" />
      </Form.Item>
      <Divider titlePlacement="start" plain>{t('pharmacyRegistration.sections.account')}</Divider>
      <Form.Item
        name="username"
        label={t('pharmacyRegistration.username')}
        extra={t('pharmacyRegistration.usernameHint')}
        rules={[requiredText, check((v) => !USERNAME.test((v ?? '').trim().toLowerCase()), t('unitRegistration.usernameInvalid'))]}
      >
        <Input maxLength={50} size="large" autoComplete="username" autoCapitalize="none" spellCheck={false} data-testid="pharmacy-username" />
      </Form.Item>
      <Form.Item name="password" label={t('unitRegistration.password')} rules={[required, check((v) => passwordProblem(v) !== null, t('unitRegistration.passwordTooShort', { min: MIN_PASSWORD_LENGTH }))]}>
        <Input.Password maxLength={200} size="large" autoComplete="new-password" data-testid="pharmacy-password" />
      </Form.Item>
      <Form.Item name="passwordConfirmation" label={t('unitRegistration.passwordConfirmation')} dependencies={['password']} rules={[required, confirmationRule]}>
        <Input.Password maxLength={200} size="large" autoComplete="new-password" data-testid="pharmacy-password-confirmation" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={saving} data-testid="pharmacy-registration-submit">
        {t('pharmacyRegistration.submit')}
      </Button>
    </Form>
  );
}
