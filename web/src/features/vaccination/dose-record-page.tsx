import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Result, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { clearEditedErrors, FormErrorAlert, sameNames, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { PageHeader } from '../../shared/ui/page-header.tsx';
import { RemoteSelect } from '../../shared/ui/remote-select.tsx';
import { type DoseBody, type DoseCheck, type Lot, type Paged, type PersonForDose, type PersonVaccination, type Product, type Site, vaccinationPaths } from './vaccination-api.ts';

interface FormValues { siteId?: number; personId?: number; doseNumber?: number; productCode?: string; lotId?: number; doseDate: Dayjs; overrideReason?: string }
const FIELDS = ['siteId', 'personId', 'doseNumber', 'productCode', 'lotId', 'doseDate', 'overrideReason'] as const;
type PriorDose = PersonForDose['doses'][number];

/**
 * `/ghi-mui-tiem`: records one dose at a site, sized for a phone. The person is found in the register
 * (accents optional); the dose number and vaccine follow their doses so far; only lots of that
 * vaccine valid on the day are offered; the interval rule's outcome shows as the fields change:
 * refused below the minimum, a reason asked below the advised interval, a note above the maximum.
 */
export default function DoseRecordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [done, setDone] = useState<{ n: number; name: string } | null>(null);
  const [round, setRound] = useState(0);
  const initialPerson = round === 0 && params.get('personId') ? { id: Number(params.get('personId')), name: params.get('name') ?? '' } : null;
  const sessionId = params.get('sessionId') ? Number(params.get('sessionId')) : null;
  return (
    <div style={{ maxWidth: 560 }}>
      <PageHeader title={t('vaccination.record.title')} />
      {done ? (
        <Result status="success" title={t('vaccination.record.saved', done)} data-testid="dose-saved"
          extra={<Button type="primary" size="large" onClick={() => { setDone(null); setRound((r) => r + 1); }} data-testid="dose-again">{t('vaccination.record.again')}</Button>} />
      ) : (
        <DoseForm key={round} initialPerson={initialPerson} sessionId={sessionId} onSaved={setDone} />
      )}
    </div>
  );
}

function DoseForm({ initialPerson, sessionId, onSaved }: { initialPerson: { id: number; name: string } | null; sessionId: number | null; onSaved: (d: { n: number; name: string }) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const lang = useLanguage();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const atOwnSite = me.scope.kind === 'org';
  const sites = useApi<Paged<Site>>(vaccinationPaths.sites({ page: 1, pageSize: 500 }));
  const products = useApi<Product[]>(vaccinationPaths.products);
  const [person, setPerson] = useState<{ id: number; name: string; doses: PriorDose[] } | null>(null);
  const initialHistory = useApi<PersonVaccination>(initialPerson ? vaccinationPaths.person(initialPerson.id) : null);
  const values = Form.useWatch([], form) as FormValues | undefined;
  const productCode = values?.productCode;
  const doseDate = values?.doseDate ? values.doseDate.format('YYYY-MM-DD') : undefined;
  const lots = useApi<Paged<Lot>>(productCode && doseDate ? vaccinationPaths.lots({ page: 1, pageSize: 100, productCode, validOn: doseDate }) : null);
  const usableLots = (lots.data?.items ?? []).filter((l) => l.dosesLeft > 0);
  const [check, setCheck] = useState<DoseCheck | null>(null);
  const [checking, setChecking] = useState(false);
  const { saving, error, otherIssues, run } = useFormSubmit(form, sameNames(FIELDS));
  const ownSite = atOwnSite ? sites.data?.items[0] : undefined;

  const choose = (p: { id: number; name: string; doses: PriorDose[] }) => {
    setPerson(p);
    const last = p.doses[p.doses.length - 1];
    form.setFieldsValue({ personId: p.id, doseNumber: p.doses.length + 1, ...(last ? { productCode: last.productCode } : {}), lotId: undefined, overrideReason: undefined });
  };
  // Arriving from an invited list: the person is known, their doses are loaded.
  useEffect(() => {
    if (initialPerson && initialHistory.data && !person) {
      choose({ id: initialPerson.id, name: initialPerson.name, doses: initialHistory.data.items.map((d) => ({ doseNumber: d.doseNumber, productCode: d.productCode, doseDate: d.doseDate })) });
    }
  }, [initialHistory.data]);

  const body = (v: FormValues): DoseBody | null => {
    if (!v.personId || !v.doseNumber || !v.productCode || !v.doseDate) return null;
    return {
      personId: v.personId, doseNumber: v.doseNumber, productCode: v.productCode, doseDate: v.doseDate.format('YYYY-MM-DD'), siteId: v.siteId ?? ownSite?.id ?? null,
      lotId: v.lotId ?? null, sessionId, overrideReason: v.overrideReason?.trim() || null,
    };
  };
  // The rule's outcome, checked on the server as the fields change (a pause after the last change).
  const checkKey = values ? JSON.stringify({ ...body(values), overrideReason: null }) : '';
  useEffect(() => {
    const b = values ? body(values) : null;
    if (!b) {
      setCheck(null);
      return;
    }
    let live = true;
    setChecking(true);
    const timer = setTimeout(() => {
      api.post<DoseCheck>(vaccinationPaths.checkDose, { ...b, overrideReason: null })
        .then((c) => live && setCheck(c))
        .catch(() => live && setCheck(null))
        .finally(() => live && setChecking(false));
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [checkKey]);

  const refusals = (check?.errors ?? []).filter((e) => e.code !== 'OVERRIDE_REASON_REQUIRED');
  const early = (check?.warnings ?? []).find((w) => w.code === 'EARLY');
  const late = (check?.warnings ?? []).find((w) => w.code === 'LATE');
  const submit = (v: FormValues) =>
    run(async () => {
      const b = body(v);
      if (!b) return;
      await api.post(vaccinationPaths.recordDose, b);
      message.success(t('vaccination.record.saved', { n: b.doseNumber, name: person?.name ?? '' }));
      onSaved({ n: b.doseNumber, name: person?.name ?? '' });
    });
  const required = { required: true, message: t('testing.required') };
  const productName = (code: string) => products.data?.find((p) => p.code === code)?.name ?? code;

  return (
    <Form<FormValues> form={form} layout="vertical" size="large" initialValues={{ doseDate: dayjs() }} disabled={saving} onFinish={(v) => void submit(v)} data-testid="dose-form"
      onValuesChange={(c: Partial<FormValues>) => {
        clearEditedErrors(form, c);
        if ('productCode' in c || 'doseDate' in c) form.setFieldValue('lotId', undefined);
      }}>
      {sites.error && <ErrorAlert error={sites.error} />}
      <FormErrorAlert error={error} testId="dose-error" />
      <UnplacedIssuesAlert title={t('vaccination.record.refused')} issues={otherIssues} />
      {atOwnSite ? (
        <Typography.Paragraph data-testid="dose-site"><Typography.Text type="secondary">{t('vaccination.record.site')}: </Typography.Text><Typography.Text strong>{ownSite?.name ?? ''}</Typography.Text></Typography.Paragraph>
      ) : (
        <Form.Item name="siteId" label={t('vaccination.record.site')}>
          <Select allowClear showSearch optionFilterProp="label" placeholder={t('vaccination.record.chooseSite')} loading={sites.loading}
            options={(sites.data?.items ?? []).filter((s) => s.active).map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
      )}
      <Form.Item name="personId" label={t('vaccination.record.person')} rules={[required]}>
        <RemoteSelect<PersonForDose>
          searchPaths={(text) => (text.trim().length >= 2 ? vaccinationPaths.peopleSearch(text) : null)}
          idOf={(p) => p.id}
          labelOf={(p) => [p.fullName, p.dateOfBirth && !p.dateOfBirth.includes('*') ? fmt.date(p.dateOfBirth) : p.dateOfBirth?.slice(0, 4), p.communeName].filter(Boolean).join(' · ')}
          pickedLabelOf={(p) => p.fullName}
          onPick={(p) => (p ? choose({ id: p.id, name: p.fullName, doses: p.doses }) : setPerson(null))}
          initial={initialPerson ? { value: initialPerson.id, label: initialPerson.name } : null}
          placeholder={t('vaccination.record.searchPerson')}
          notFound={(searching) => (searching ? t('vaccination.record.none') : null)}
          testId="dose-person"
        />
      </Form.Item>
      {person && (
        <Card size="small" style={{ marginBottom: 16 }} data-testid="dose-history">
          <Typography.Text type="secondary">{t('vaccination.record.history')}: </Typography.Text>
          {person.doses.length === 0 ? t('vaccination.record.noDoses') : (
            <Space direction="vertical" size={0}>
              {person.doses.map((d) => <span key={d.doseNumber}>{t('vaccination.record.dose', { n: d.doseNumber, product: productName(d.productCode), date: fmt.date(d.doseDate) })}</span>)}
            </Space>
          )}
        </Card>
      )}
      <div style={{ display: 'flex', gap: 12 }}>
        <Form.Item name="doseNumber" label={t('vaccination.record.doseNumber')} rules={[required]} style={{ flex: '0 0 110px' }}>
          <InputNumber<number> min={1} max={5} precision={0} style={{ width: '100%' }} inputMode="numeric" data-testid="dose-number" />
        </Form.Item>
        <Form.Item name="doseDate" label={t('vaccination.record.date')} rules={[required]} style={{ flex: '1 1 auto' }}>
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} allowClear={false} inputReadOnly={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="dose-date" />
        </Form.Item>
      </div>
      <Form.Item name="productCode" label={t('vaccination.record.product')} rules={[required]}>
        <Select loading={products.loading} options={(products.data ?? []).filter((p) => p.active).map((p) => ({ value: p.code, label: p.name }))} data-testid="dose-product" />
      </Form.Item>
      <Form.Item name="lotId" label={t('vaccination.record.lot')} rules={[required]}
        extra={productCode && doseDate && !lots.loading && usableLots.length === 0 ? <Typography.Text type="warning">{t('vaccination.record.noLot')}</Typography.Text> : undefined}>
        <Select loading={lots.loading} disabled={!productCode} data-testid="dose-lot"
          options={usableLots.map((l) => ({ value: l.id, label: t('vaccination.record.lotOption', { lot: l.lotNumber, expiry: fmt.date(l.expiryDate), left: fmt.number(l.dosesLeft) }) }))} />
      </Form.Item>
      {checking && <Typography.Paragraph type="secondary">{t('vaccination.record.checking')}</Typography.Paragraph>}
      {!checking && refusals.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} message={t('vaccination.record.refused')} data-testid="dose-refused"
          description={<Space direction="vertical" size={0}>{refusals.map((e) => <span key={e.code + e.field}>{e.message[lang]}</span>)}</Space>} />
      )}
      {!checking && early && refusals.length === 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('vaccination.record.warning')} description={early.message[lang]} data-testid="dose-early" />
      )}
      {!checking && late && refusals.length === 0 && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('vaccination.record.note')} description={late.message[lang]} data-testid="dose-late" />
      )}
      {!checking && check && refusals.length === 0 && !early && !late && (
        <Alert type="success" showIcon style={{ marginBottom: 16 }} message={t('vaccination.record.ok')} data-testid="dose-ok" />
      )}
      {early && (
        <Form.Item name="overrideReason" label={t('vaccination.record.reason')} extra={t('vaccination.record.reasonHint')} rules={[{ required: true, whitespace: true, message: t('vaccination.record.reasonHint') }]}>
          <Input.TextArea rows={2} maxLength={500} data-testid="dose-reason" />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" block loading={saving} disabled={refusals.length > 0} data-testid="dose-submit">{t('vaccination.record.submit')}</Button>
    </Form>
  );
}

