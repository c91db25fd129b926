import { CheckCircleFilled, PhoneFilled } from '@ant-design/icons';
import { Alert, Button, Checkbox, DatePicker, Form, Input, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, errorText } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { clearEditedErrors, FormErrorAlert, sameNames, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { PublicCard } from '../../shared/ui/public-card.tsx';
import { arrivalsPaths, type Symptom, SYMPTOMS } from './arrivals-api.ts';

interface Values {
  fullName: string; phone: string; dateOfBirth?: string; sex: 'male' | 'female' | 'other'; communeCode: string;
  symptoms: Symptom[]; exposure: Array<'contactF0' | 'visitedOutbreak'>; travelProvinceCode?: string; travelEpidemic?: boolean;
}
interface Area { code: string; name: string; communes: Array<{ code: string; name: string }> }

const FIELDS = ['fullName', 'phone', 'dateOfBirth', 'sex', 'communeCode', 'symptoms', 'travelProvinceCode'] as const;

/**
 * `/khai-bao-y-te`: the public health declaration, on a phone, no sign-in. Abnormal answers (a
 * symptom, an exposure, travel from an epidemic area) put the declarant on the commune's call list.
 */
export default function DeclarationPage() {
  const { t } = useTranslation();
  const [done, setDone] = useState<{ abnormal: boolean } | null>(null);
  const [round, setRound] = useState(0);
  return (
    <PublicCard maxWidth={480} top>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('declaration.title')}</Typography.Title>
      {done ? (
        <div data-testid="declaration-done">
          <div style={{ background: done.abnormal ? '#d46b08' : '#389e0d', color: '#fff', borderRadius: 12, padding: '24px 16px', textAlign: 'center' }}>
            {done.abnormal ? <PhoneFilled style={{ fontSize: 56 }} /> : <CheckCircleFilled style={{ fontSize: 56 }} />}
            <div style={{ fontSize: 24, fontWeight: 700, marginTop: 8 }}>{t('declaration.doneTitle')}</div>
            <div style={{ fontSize: 16, marginTop: 8 }}>{done.abnormal ? t('declaration.doneAbnormal') : t('declaration.doneNormal')}</div>
          </div>
          <Button block size="large" style={{ marginTop: 16 }} onClick={() => { setDone(null); setRound(round + 1); }}>{t('declaration.again')}</Button>
        </div>
      ) : (
        <DeclarationForm key={round} onDone={setDone} />
      )}
    </PublicCard>
  );
}

function DeclarationForm({ onDone }: { onDone: (r: { abnormal: boolean }) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [form] = Form.useForm<Values>();
  const areas = useApi<Area[]>(arrivalsPaths.areas);
  const provinces = useApi<Array<{ code: string; name: string }>>(arrivalsPaths.provinces);
  const { saving, error, otherIssues, run } = useFormSubmit(form, sameNames(FIELDS));
  const travel = Form.useWatch('travelProvinceCode', form);
  const required = { required: true, message: t('declaration.required') };
  const rateLimited = error instanceof ApiError && error.code === 'RATE_LIMITED';

  const submit = async (v: Values) => {
    await run(async () => {
      const r = await api.post<{ id: number; abnormal: boolean }>(arrivalsPaths.declare, {
        fullName: v.fullName, phone: v.phone, dateOfBirth: v.dateOfBirth, sex: v.sex, communeCode: v.communeCode, symptoms: v.symptoms ?? [],
        contactF0: (v.exposure ?? []).includes('contactF0'), visitedOutbreak: (v.exposure ?? []).includes('visitedOutbreak'),
        travelProvinceCode: v.travelProvinceCode ?? null, travelEpidemic: !!v.travelEpidemic,
      });
      onDone(r);
    });
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={{ symptoms: [], exposure: [] }}
      onValuesChange={(changed: Partial<Values>) => clearEditedErrors(form, changed)}
      onFinish={(v) => void submit(v)}
      disabled={saving}
      data-testid="declaration-form"
    >
      <Typography.Paragraph type="secondary">{t('declaration.intro')}</Typography.Paragraph>
      {rateLimited ? <Alert type="warning" showIcon title={errorText(error, lang)} style={{ marginBottom: 12 }} /> : <FormErrorAlert error={error} testId="declaration-error" />}
      <UnplacedIssuesAlert title={t('declaration.title')} issues={otherIssues} />
      <Form.Item name="fullName" label={t('declaration.fullName')} rules={[{ ...required, whitespace: true }]}>
        <Input size="large" maxLength={100} autoComplete="name" data-testid="declaration-name" />
      </Form.Item>
      <Form.Item name="phone" label={t('declaration.phone')} rules={[required]}>
        <Input type="tel" inputMode="tel" size="large" maxLength={20} autoComplete="tel" data-testid="declaration-phone" />
      </Form.Item>
      <Form.Item name="sex" label={t('declaration.sex')} rules={[required]}>
        <Radio.Group size="large" data-testid="declaration-sex">
          {(['male', 'female', 'other'] as const).map((s) => <Radio.Button key={s} value={s} data-testid={`declaration-sex-${s}`}>{t(`arrivals.sexes.${s}`)}</Radio.Button>)}
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="dateOfBirth"
        label={t('declaration.dateOfBirth')}
        extra={t('declaration.dateOfBirthHint')}
        getValueProps={(v?: string) => ({ value: v ? dayjs(v) : undefined })}
        normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined)}
      >
        <DatePicker size="large" format="DD/MM/YYYY" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="declaration-dob" />
      </Form.Item>
      <Form.Item name="communeCode" label={t('declaration.commune')} rules={[required]}>
        <Select
          showSearch
          optionFilterProp="label"
          size="large"
          loading={areas.loading}
          placeholder={t('declaration.communePlaceholder')}
          options={(areas.data ?? []).map((d) => ({ label: d.name, title: d.name, options: d.communes.map((c) => ({ value: c.code, label: `${c.name} – ${d.name}` })) }))}
          data-testid="declaration-commune"
        />
      </Form.Item>
      <Form.Item name="symptoms" label={<b>{t('declaration.symptomsTitle')}</b>}>
        <Checkbox.Group style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
          {SYMPTOMS.map((s) => <Checkbox key={s} value={s} data-testid={`declaration-symptom-${s}`} style={{ fontSize: 16 }}>{t(`declaration.symptoms.${s}`)}</Checkbox>)}
        </Checkbox.Group>
      </Form.Item>
      <Form.Item name="exposure" label={<b>{t('declaration.exposureTitle')}</b>}>
        <Checkbox.Group style={{ display: 'grid', gap: 8 }}>
          <Checkbox value="contactF0" data-testid="declaration-contact" style={{ fontSize: 16 }}>{t('declaration.contactF0')}</Checkbox>
          <Checkbox value="visitedOutbreak" style={{ fontSize: 16 }}>{t('declaration.visitedOutbreak')}</Checkbox>
        </Checkbox.Group>
      </Form.Item>
      <Form.Item name="travelProvinceCode" label={<b>{t('declaration.travelTitle')}</b>}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          size="large"
          placeholder={t('declaration.noTravel')}
          loading={provinces.loading}
          options={(provinces.data ?? []).map((p) => ({ value: p.code, label: p.name }))}
          data-testid="declaration-travel"
        />
      </Form.Item>
      {travel && (
        <Form.Item name="travelEpidemic" valuePropName="checked">
          <Checkbox style={{ fontSize: 16 }}>{t('declaration.travelEpidemic')}</Checkbox>
        </Form.Item>
      )}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('declaration.privacy')}</Typography.Paragraph>
      <Button type="primary" htmlType="submit" size="large" block style={{ height: 56, fontSize: 20 }} loading={saving} data-testid="declaration-submit">
        {t('declaration.submit')}
      </Button>
    </Form>
  );
}
