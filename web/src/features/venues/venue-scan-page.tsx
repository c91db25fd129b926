import { CameraOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, type InputRef, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, errorText } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { formatDateTimeMinutes } from '../../shared/i18n/format.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { useMe } from '../../shared/session/session.tsx';
import { PageHeader } from '../../shared/ui/page-header.tsx';
import { STATUS_COLOURS } from './my-status-page.tsx';
import { type StatusColour, type Venue, venuesPaths } from './venues-api.ts';

interface ScanResult { checkinId: number; checkedInAt: string; repeated: boolean; initials: string; colour: StatusColour; since: string | null }

/** The browser's barcode reader, where there is one (Chrome on Android, recent desktop Chrome). */
interface BarcodeDetectorLike { detect(source: HTMLVideoElement): Promise<Array<{ rawValue: string }>> }
type DetectorCtor = new (opts: { formats: string[] }) => BarcodeDetectorLike;
const Detector = (globalThis as { BarcodeDetector?: DetectorCtor }).BarcodeDetector;

/**
 * `/venues/scan`: a venue's staff (or anyone managing the venue, `?venue=<id>`) scans the personal
 * QR code a visitor shows — with the camera where the browser reads QR codes, or a handheld
 * scanner typing into the field — which records the visitor's check-in and shows their colour.
 */
export default function VenueScanPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const me = useMe();
  const [params] = useSearchParams();
  const venueId = me.role === 'venue_staff' ? Number(me.scope.code) : Number(params.get('venue'));
  const venue = useApi<Venue>(me.role !== 'venue_staff' && venueId > 0 ? venuesPaths.one(venueId) : null);
  const [code, setCode] = useState('');
  const [result, setResult] = useState<ScanResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const [camera, setCamera] = useState(false);
  const input = useRef<InputRef>(null);

  const send = async (raw: string) => {
    if (!raw.trim() || sending) return;
    setSending(true);
    setError(null);
    try {
      setResult(await api.post<ScanResult>(venuesPaths.scan(venueId), { code: raw.trim() }));
      setCode('');
    } catch (e) {
      setResult(null);
      setError(e);
    } finally {
      setSending(false);
      input.current?.focus();
    }
  };

  if (!(venueId > 0)) return <Alert type="info" showIcon title={t('venues.scan.noVenue')} />;
  return (
    <div style={{ maxWidth: 520 }}>
      <PageHeader title={t('venues.scan.title')} />
      {venue.data && <Typography.Title level={4} style={{ marginTop: 0 }}>{venue.data.name}</Typography.Title>}
      <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
        <Input
          ref={input}
          autoFocus
          size="large"
          value={code}
          placeholder={t('venues.scan.placeholder')}
          onChange={(e) => setCode(e.target.value)}
          onPressEnter={() => void send(code)}
          data-testid="venue-scan-code"
        />
        <Button size="large" type="primary" loading={sending} onClick={() => void send(code)} data-testid="venue-scan-submit">{t('venues.scan.submit')}</Button>
      </Space.Compact>
      {Detector && (
        <Button icon={<CameraOutlined />} onClick={() => setCamera((c) => !c)} style={{ marginBottom: 12 }}>
          {camera ? t('venues.scan.cameraOff') : t('venues.scan.cameraOn')}
        </Button>
      )}
      {camera && Detector && <CameraReader detector={Detector} onCode={(c) => void send(c)} />}
      {error !== null && <Alert type="error" showIcon title={errorText(error, lang)} data-testid="venue-scan-error" style={{ marginBottom: 12 }} />}
      {result && (
        <Card style={{ background: STATUS_COLOURS[result.colour], color: '#fff', textAlign: 'center' }} data-testid={`venue-scan-${result.colour}`}>
          <div style={{ fontSize: 28, fontWeight: 700 }}>{t(`checkin.status.colours.${result.colour}`)}</div>
          <div style={{ fontSize: 20 }}>{result.initials}</div>
          <div>{formatDateTimeMinutes(result.checkedInAt)}{result.repeated ? ` · ${t('checkin.repeated')}` : ''}</div>
        </Card>
      )}
    </div>
  );
}

/** The camera's picture, read for a QR code every 300 ms; each code is sent once. */
function CameraReader({ detector: Ctor, onCode }: { detector: DetectorCtor; onCode: (code: string) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    let last = '';
    const detector = new Ctor({ formats: ['qr_code'] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then((s) => {
      stream = s;
      if (!video.current) return;
      video.current.srcObject = s;
      void video.current.play();
      timer = setInterval(() => {
        if (!video.current || video.current.readyState < 2) return;
        void detector.detect(video.current).then((codes) => {
          const value = codes[0]?.rawValue;
          if (value && value !== last) {
            last = value;
            onCodeRef.current(value);
          }
        }, () => undefined);
      }, 300);
    }, () => setFailed(true));
    return () => {
      if (timer) clearInterval(timer);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, [Ctor]);

  if (failed) return <Alert type="warning" showIcon title={t('venues.scan.cameraFailed')} style={{ marginBottom: 12 }} />;
  return <video ref={video} muted playsInline style={{ width: '100%', maxHeight: 320, background: '#000', borderRadius: 8, marginBottom: 12 }} />;
}
