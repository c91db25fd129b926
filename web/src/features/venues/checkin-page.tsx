import { CheckCircleFilled, QrcodeOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, Radio, Select, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError, errorText } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { formatDateTimeMinutes } from '../../shared/i18n/format.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { clearEditedErrors, FormErrorAlert, sameNames, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { PublicCard } from '../../shared/ui/public-card.tsx';
import { browserStore, checkinBody, type FirstTimeValues, forgetDevice, initialsOf, readDevice, saveDevice, type StoredDevice } from './checkin-device.ts';
import { type CheckinArea, type CheckinDone, checkinPaths } from './venues-api.ts';

const FIELDS = ['phone', 'fullName', 'communeCode', 'sex', 'dateOfBirth'] as const;

/**
 * `/c/:code`, opened from a venue's QR poster on a phone (no sign-in): the first time the person
 * gives phone, name and commune, and the phone is remembered; then one tap checks in. The
 * confirmation is big and green so the venue's staff can see it at the door.
 */
export default function CheckinPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { code = '' } = useParams();
  const venue = useApi<{ id: number; name: string; addressDetail: string | null }>(checkinPaths.venue(code));
  const [device, setDevice] = useState<StoredDevice | null>(() => readDevice(browserStore()));
  const [done, setDone] = useState<CheckinDone | null>(null);

  return (
    <PublicCard maxWidth={480} top>
        {venue.loading && !venue.data && <div style={{ textAlign: 'center', padding: 32 }}><Spin size="large" /></div>}
        {venue.error && (
          <Alert type="error" showIcon title={t('checkin.codeRejected')} description={errorText(venue.error, lang)} data-testid="checkin-code-error" />
        )}
        {venue.data && (done ? (
          <Confirmation done={done} initials={device?.initials ?? ''} />
        ) : (
          <>
            <Typography.Text type="secondary">{t('checkin.venue')}</Typography.Text>
            <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="checkin-venue-name">{venue.data.name}</Typography.Title>
            {venue.data.addressDetail && <Typography.Paragraph type="secondary">{venue.data.addressDetail}</Typography.Paragraph>}
            <CheckinForm
              code={code}
              device={device}
              onDone={(d, remembered) => {
                if (remembered) setDevice(remembered);
                setDone(d);
              }}
              onForgotten={() => {
                forgetDevice(browserStore());
                setDevice(null);
              }}
            />
          </>
        ))}
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Link to="/ca-nhan" data-testid="checkin-my-status-link"><QrcodeOutlined /> {t('checkin.myStatusLink')}</Link>
        </div>
    </PublicCard>
  );
}

function Confirmation({ done, initials }: { done: CheckinDone; initials: string }) {
  const { t } = useTranslation();
  return (
    <div style={{ background: '#389e0d', color: '#fff', borderRadius: 12, padding: '32px 16px', textAlign: 'center' }} data-testid="checkin-done">
      <CheckCircleFilled style={{ fontSize: 72 }} />
      <div style={{ fontSize: 32, fontWeight: 700, marginTop: 12 }}>{t('checkin.done')}</div>
      <div style={{ fontSize: 20, marginTop: 12 }} data-testid="checkin-done-venue">{done.venue.name}</div>
      <div style={{ fontSize: 18, marginTop: 4 }} data-testid="checkin-done-time">{formatDateTimeMinutes(done.checkedInAt)}</div>
      {initials && <div style={{ fontSize: 16, marginTop: 8, opacity: 0.9 }}>{initials}</div>}
      {done.repeated && <div style={{ fontSize: 14, marginTop: 8, opacity: 0.9 }}>{t('checkin.repeated')}</div>}
    </div>
  );
}

function CheckinForm({ code, device, onDone, onForgotten }: {
  code: string;
  device: StoredDevice | null;
  onDone: (done: CheckinDone, remembered: StoredDevice | null) => void;
  onForgotten: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [form] = Form.useForm<FirstTimeValues>();
  const areas = useApi<CheckinArea[]>(device ? null : checkinPaths.areas);
  const { saving, error, otherIssues, run } = useFormSubmit(form, sameNames(FIELDS));
  const [forgotten, setForgotten] = useState(false);

  const send = async (details: FirstTimeValues | null) => {
    await run(async () => {
      try {
        const done = await api.post<CheckinDone>(checkinPaths.checkin, checkinBody(code, details ? null : device, details));
        let remembered: StoredDevice | null = null;
        if (done.deviceToken && details) {
          remembered = { token: done.deviceToken, initials: initialsOf(details.fullName) };
          saveDevice(browserStore(), remembered);
        }
        onDone(done, remembered);
      } catch (e) {
        // The server no longer knows this phone (e.g. a new database): ask for the details again.
        if (e instanceof ApiError && e.code === 'DEVICE_UNKNOWN') {
          setForgotten(true);
          onForgotten();
          return;
        }
        throw e;
      }
    });
  };

  if (device) {
    return (
      <>
        <FormErrorAlert error={error} testId="checkin-error" />
        <Typography.Paragraph>{t('checkin.remembered', { initials: device.initials })}</Typography.Paragraph>
        <Button type="primary" size="large" block style={{ height: 64, fontSize: 22 }} loading={saving} onClick={() => void send(null)} data-testid="checkin-submit">
          {t('checkin.submit')}
        </Button>
        <Button type="link" block onClick={onForgotten} style={{ marginTop: 8 }} data-testid="checkin-not-me">{t('checkin.notMe')}</Button>
      </>
    );
  }

  const required = { required: true, message: t('checkin.required') };
  const rateLimited = error instanceof ApiError && error.code === 'RATE_LIMITED';
  return (
    <Form<FirstTimeValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={{ sex: undefined }}
      onValuesChange={(changed: Partial<FirstTimeValues>) => clearEditedErrors(form, changed)}
      onFinish={(v) => void send(v)}
      disabled={saving}
      data-testid="checkin-form"
    >
      {forgotten && <Alert type="info" showIcon title={t('checkin.forgotten')} style={{ marginBottom: 12 }} />}
      {rateLimited ? <Alert type="warning" showIcon title={errorText(error, lang)} style={{ marginBottom: 12 }} /> : <FormErrorAlert error={error} testId="checkin-error" />}
      <UnplacedIssuesAlert title={t('checkin.rejected')} issues={otherIssues} />
      <Typography.Paragraph type="secondary">{t('checkin.firstTime')}</Typography.Paragraph>
      <Form.Item name="phone" label={t('checkin.phone')} rules={[required, { pattern: /^\+?[\d\s.]{9,15}$/, message: t('checkin.phoneInvalid') }]}>
        <Input type="tel" inputMode="tel" size="large" maxLength={20} autoComplete="tel" data-testid="checkin-phone" />
      </Form.Item>
      <Form.Item name="fullName" label={t('checkin.fullName')} rules={[{ ...required, whitespace: true }]}>
        <Input size="large" maxLength={100} autoComplete="name" data-testid="checkin-name" />
      </Form.Item>
      <Form.Item name="sex" label={t('checkin.sex')} rules={[required]}>
        <Radio.Group size="large" data-testid="checkin-sex">
          <Radio.Button value="male">{t('checkin.sexes.male')}</Radio.Button>
          <Radio.Button value="female">{t('checkin.sexes.female')}</Radio.Button>
          <Radio.Button value="other">{t('checkin.sexes.other')}</Radio.Button>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="communeCode" label={t('checkin.commune')} rules={[required]}>
        <Select
          showSearch
          optionFilterProp="label"
          size="large"
          loading={areas.loading}
          placeholder={t('checkin.communePlaceholder')}
          options={(areas.data ?? []).map((d) => ({ label: d.name, title: d.name, options: d.communes.map((c) => ({ value: c.code, label: `${c.name} – ${d.name}` })) }))}
          data-testid="checkin-commune"
        />
      </Form.Item>
      <Form.Item
        name="dateOfBirth"
        label={t('checkin.dateOfBirth')}
        extra={t('checkin.dateOfBirthHint')}
        getValueProps={(v?: string) => ({ value: v ? dayjs(v) : undefined })}
        normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined)}
      >
        <DatePicker size="large" format="DD/MM/YYYY" inputReadOnly={false} style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="checkin-dob" />
      </Form.Item>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('checkin.privacy')}</Typography.Paragraph>
      <Button type="primary" htmlType="submit" size="large" block style={{ height: 56, fontSize: 20 }} loading={saving} data-testid="checkin-submit">
        {t('checkin.submit')}
      </Button>
    </Form>
  );
}
