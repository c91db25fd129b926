import { Alert, Button, QRCode, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest, errorText } from '../../shared/api/client.ts';
import { formatDate } from '../../shared/i18n/format.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { PublicCard } from '../../shared/ui/public-card.tsx';
import { browserStore, forgetDevice, readDevice, type StoredDevice } from './checkin-device.ts';
import { checkinPaths, DEVICE_HEADER, type MyStatus, type StatusColour } from './venues-api.ts';

/** The colours PC-COVID used, strong enough to be read across a counter. */
export const STATUS_COLOURS: Record<StatusColour, string> = { green: '#389e0d', yellow: '#d4b106', red: '#cf1322' };

/**
 * `/ca-nhan`: the person's own page on the phone remembered by a check-in (no sign-in): their
 * status colour as PC-COVID showed it and their personal QR code, which a venue can scan.
 */
export default function MyStatusPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [device, setDevice] = useState<StoredDevice | null>(() => readDevice(browserStore()));
  const [status, setStatus] = useState<MyStatus | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!device) return;
    const controller = new AbortController();
    apiRequest<MyStatus>(checkinPaths.status, { headers: { [DEVICE_HEADER]: device.token }, signal: controller.signal })
      .then(setStatus, (e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      });
    return () => controller.abort();
  }, [device]);

  return (
    <PublicCard maxWidth={480} top>
        <Typography.Title level={3} style={{ marginTop: 0 }}>{t('checkin.status.title')}</Typography.Title>
        {!device && <Alert type="info" showIcon title={t('checkin.status.noDevice')} data-testid="my-status-no-device" />}
        {device && !status && !error && <div style={{ textAlign: 'center', padding: 32 }}><Spin size="large" /></div>}
        {error !== null && <Alert type="error" showIcon title={errorText(error, lang)} data-testid="my-status-error" />}
        {status && (
          <div style={{ textAlign: 'center' }} data-testid="my-status">
            <div
              style={{ background: STATUS_COLOURS[status.colour], color: '#fff', borderRadius: 12, padding: '20px 16px', marginBottom: 16 }}
              data-testid={`my-status-${status.colour}`}
            >
              <div style={{ fontSize: 28, fontWeight: 700 }}>{t(`checkin.status.colours.${status.colour}`)}</div>
              <div style={{ fontSize: 18, marginTop: 4 }}>{status.initials}</div>
              {status.since && <div style={{ fontSize: 14, marginTop: 4 }}>{t('checkin.status.since', { date: formatDate(status.since) })}</div>}
            </div>
            <div style={{ display: 'flex', justifyContent: 'center' }}>
              <QRCode value={status.personalCode} size={240} errorLevel="M" color={STATUS_COLOURS[status.colour]} bordered={false} />
            </div>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t('checkin.status.codeHint', { date: formatDate(status.codeExpiresOn) })}
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('checkin.status.asOf', { date: formatDate(status.asOf) })}</Typography.Paragraph>
          </div>
        )}
        {device && (
          <Button
            block
            type="link"
            danger
            onClick={() => {
              forgetDevice(browserStore());
              setDevice(null);
              setStatus(null);
              setError(null);
            }}
            data-testid="my-status-forget"
          >
            {t('checkin.status.forget')}
          </Button>
        )}
    </PublicCard>
  );
}
