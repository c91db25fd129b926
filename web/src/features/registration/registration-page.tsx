import { Alert, Button, Divider, Form, type FormRule, Input, InputNumber, Result, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, ApiError, errorText } from '../../shared/api/client.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { PublicCard } from '../../shared/ui/public-card.tsx';
import { communeOptions, type RegistrationArea, type RegistrationCreated, registrationPaths, UNIT_KINDS, type UnitKind } from './registration-api.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { clearEditedErrors, FormErrorAlert, sameNames, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import {
  CAPACITY_RANGE,
  COMMUNE_CODE,
  confirmationProblem,
  hasCapacity,
  isPhone,
  MIN_PASSWORD_LENGTH,
  passwordProblem,
  REGISTRATION_FIELDS,
  registrationBody,
  type RegistrationDraft,
  USERNAME,
} from './registration-form.ts';

/**
 * "Đăng ký tham gia xét nghiệm": a lab, hospital, private clinic or sampling team asks to take
 * part, without an account (public, rate-limited by the server). The province approves it later.
 */
export default function RegistrationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [created, setCreated] = useState<RegistrationCreated | null>(null);

  return (
    <PublicCard maxWidth={560}>
        {created ? (
          <Result
            status="success"
            title={t('unitRegistration.done')}
            subTitle={t('unitRegistration.doneNumber', { id: created.id })}
            extra={
              <Button type="primary" onClick={() => navigate('/login')}>
                {t('unitRegistration.toLogin')}
              </Button>
            }
            data-testid="registration-done"
          />
        ) : (
          <>
            <Typography.Title level={3} style={{ marginTop: 8, marginBottom: 4 }}>
              {t('unitRegistration.title')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('unitRegistration.intro')}</Typography.Paragraph>
            <RegistrationForm onCreated={setCreated} />
            <div style={{ textAlign: 'center', marginTop: 16 }}>
              <Link to="/login">{t('unitRegistration.haveAccount')}</Link>
            </div>
          </>
        )}
    </PublicCard>
  );
}

function RegistrationForm({ onCreated }: { onCreated: (created: RegistrationCreated) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [form] = Form.useForm<RegistrationDraft>();
  // The commune picker when the list loads; a code field when it does not.
  const areas = useApi<RegistrationArea[]>(registrationPaths.areas);
  const { saving, error, otherIssues, run } = useFormSubmit(form, sameNames(REGISTRATION_FIELDS));
  const kind = Form.useWatch('kind', form);
  const required = { required: true, message: t('unitRegistration.required') };
  const requiredText = { ...required, whitespace: true };

  const submit = async (v: RegistrationDraft) => {
    // 400: issues under the fields (a commune not in the province, a username taken...); 429 and the rest above the form.
    await run(async () => {
      onCreated(await api.post<RegistrationCreated>(registrationPaths.create, registrationBody(v)));
    });
  };

  const check = (problem: (value: string | undefined) => boolean, text: string): FormRule => ({
    validator: (_, value: string | undefined) => (!value || !problem(value) ? Promise.resolve() : Promise.reject(new Error(text))),
  });
  const passwordRule = check((v) => passwordProblem(v) !== null, t('unitRegistration.passwordTooShort', { min: MIN_PASSWORD_LENGTH }));
  const confirmationRule: FormRule = ({ getFieldValue }) => ({
    validator: (_, value: string | undefined) =>
      !value || confirmationProblem(getFieldValue('password') as string | undefined, value) === null
        ? Promise.resolve()
        : Promise.reject(new Error(t('unitRegistration.passwordMismatch'))),
  });
  const rateLimited = error instanceof ApiError && error.code === 'RATE_LIMITED';

  return (
    <Form<RegistrationDraft>
      form={form}
      layout="vertical"
      requiredMark={false}
      onValuesChange={(changed: Partial<RegistrationDraft>) => clearEditedErrors(form, changed)}
      onFinish={(v) => void submit(v)}
      disabled={saving}
      data-testid="registration-form"
    >
      {rateLimited ? (
        <Alert
          type="warning"
          showIcon
          title={t('unitRegistration.rateLimited')}
          description={errorText(error, lang)}
          style={{ marginBottom: 12 }}
          data-testid="registration-rate-limited"
        />
      ) : (
        <FormErrorAlert error={error} testId="registration-error" />
      )}
      <UnplacedIssuesAlert title={t('unitRegistration.rejected')} issues={otherIssues} />

      <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
        {t('unitRegistration.sections.unit')}
      </Divider>
      <Form.Item name="kind" label={t('unitRegistration.kind')} rules={[required]}>
        <Select<UnitKind>
          options={UNIT_KINDS.map((k) => ({ value: k, label: t(`unitRegistration.kinds.${k}`) }))}
          size="large"
          data-testid="registration-kind"
        />
      </Form.Item>
      <Form.Item name="name" label={t('unitRegistration.name')} rules={[requiredText]}>
        <Input maxLength={200} size="large" autoComplete="organization" data-testid="registration-name" />
      </Form.Item>
      {areas.data ? (
        <Form.Item name="communeCode" label={t('unitRegistration.communeCode')} rules={[required]}>
          <Select showSearch optionFilterProp="label" size="large" options={communeOptions(areas.data)} data-testid="registration-commune" />
        </Form.Item>
      ) : (
        <Form.Item
          name="communeCode"
          label={t('unitRegistration.communeCode')}
          extra={t('unitRegistration.communeCodeHint')}
          rules={[required, { pattern: COMMUNE_CODE, message: t('unitRegistration.communeCodeInvalid') }]}
          normalize={(v: string) => v.trim()}
        >
          <Input inputMode="numeric" maxLength={8} size="large" style={{ maxWidth: 200 }} data-testid="registration-commune" />
        </Form.Item>
      )}
      <Form.Item name="address" label={t('unitRegistration.address')}>
        <Input maxLength={300} size="large" placeholder={t('unitRegistration.addressPlaceholder')} autoComplete="street-address" data-testid="registration-address" />
      </Form.Item>
      {hasCapacity(kind) && (
        <Form.Item name="capacityPerDay" label={t('unitRegistration.capacityPerDay')} extra={t('unitRegistration.capacityHint')}>
          <InputNumber<number>
            min={CAPACITY_RANGE.min}
            max={CAPACITY_RANGE.max}
            precision={0}
            inputMode="numeric"
            size="large"
            style={{ width: 200 }}
            data-testid="registration-capacity"
          />
        </Form.Item>
      )}

      <Divider titlePlacement="start" plain>
        {t('unitRegistration.sections.contact')}
      </Divider>
      <Form.Item name="contactName" label={t('unitRegistration.contactName')} rules={[requiredText]}>
        <Input maxLength={200} size="large" autoComplete="name" data-testid="registration-contact-name" />
      </Form.Item>
      <Form.Item
        name="contactPhone"
        label={t('unitRegistration.contactPhone')}
        rules={[required, check((v) => !isPhone(v), t('unitRegistration.phoneInvalid'))]}
      >
        <Input type="tel" inputMode="tel" maxLength={20} size="large" autoComplete="tel" data-testid="registration-contact-phone" />
      </Form.Item>

      <Divider titlePlacement="start" plain>
        {t('unitRegistration.sections.account')}
      </Divider>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t('unitRegistration.accountHint')}
      </Typography.Paragraph>
      <Form.Item
        name="username"
        label={t('unitRegistration.username')}
        extra={t('unitRegistration.usernameHint')}
        rules={[requiredText, check((v) => !USERNAME.test((v ?? '').trim().toLowerCase()), t('unitRegistration.usernameInvalid'))]}
      >
        <Input maxLength={50} size="large" autoComplete="username" autoCapitalize="none" spellCheck={false} data-testid="registration-username" />
      </Form.Item>
      <Form.Item name="password" label={t('unitRegistration.password')} rules={[required, passwordRule]}>
        <Input.Password maxLength={200} size="large" autoComplete="new-password" data-testid="registration-password" />
      </Form.Item>
      <Form.Item
        name="passwordConfirmation"
        label={t('unitRegistration.passwordConfirmation')}
        dependencies={['password']}
        rules={[required, confirmationRule]}
      >
        <Input.Password maxLength={200} size="large" autoComplete="new-password" data-testid="registration-password-confirmation" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={saving} data-testid="registration-submit">
        {t('unitRegistration.submit')}
      </Button>
    </Form>
  );
}
