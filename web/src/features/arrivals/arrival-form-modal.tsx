import { Alert, App, Button, Col, DatePicker, Form, Input, Modal, Radio, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { useMe } from '../../shared/session/session.tsx';
import { CommuneSelect, DistrictSelect } from '../../shared/ui/area-selects.tsx';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { RemoteSelect } from '../../shared/ui/remote-select.tsx';
import { useState } from 'react';
import { clearEditedErrors, FormErrorAlert, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { actionText, arrivalsPaths, CATEGORIES, type Category, type CheckpointList, type LoggedArrival, MEANS, type Means, ORIGIN_LEVELS, type OriginLevel } from './arrivals-api.ts';

/** A row of GET /api/arrivals/people (masked per role). */
interface RegisterPerson {
  id: number; fullName: string; sex: string; dateOfBirth: string | null; nationalId: string | null; phone: string | null;
  communeCode: string; communeName: string | null; districtCode: string; districtName: string | null; addressDetail: string | null;
}

/** "Nguyễn Thị Hường · 1990 · 09******21 · Xã Quang Châu": enough to tell namesakes apart (masked fields as the server sent them). */
function registerLabel(p: RegisterPerson): string {
  return [p.fullName, p.dateOfBirth?.slice(0, 4), p.phone ?? p.nationalId, p.communeName].filter(Boolean).join(' · ');
}

interface FormValues {
  fullName: string; sex: 'male' | 'female' | 'other'; dateOfBirth?: string; nationalId?: string; phone?: string;
  checkpointId?: number; arrivedAt?: Dayjs; originProvinceCode: string; originLevel: OriginLevel; means: Means; purpose?: string;
  districtCode?: string; communeCode: string; destAddress?: string; category: Category; vehiclePlate?: string; route?: string;
  testType?: 'rt_pcr' | 'rapid'; testAt?: Dayjs;
}

/** The server's field names (person/… inside the person) → the form's. */
function fieldOf(field: string): string | undefined {
  const f = field.startsWith('person/') ? field.slice(7) : field;
  return ['fullName', 'sex', 'dateOfBirth', 'nationalId', 'phone', 'checkpointId', 'arrivedAt', 'originProvinceCode', 'originLevel', 'means', 'purpose', 'communeCode',
    'destAddress', 'category', 'vehiclePlate', 'route', 'testType', 'testAt'].includes(f) ? f : undefined;
}

/** Logs one arrival: the person (matched in the register or added), from where, by what, to where; the server gives the measure. */
export function ArrivalFormModal({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const opening = useOpenCount(open ? 'open' : null);
  return (
    <Modal open={open} title={t('arrivals.add')} onCancel={onClose} destroyOnHidden footer={null} width={720}>
      {open && <ArrivalForm key={opening} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function ArrivalForm({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const me = useMe();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { saving, error, otherIssues, run } = useFormSubmit(form, fieldOf);
  const provinces = useApi<Array<{ code: string; name: string }>>(arrivalsPaths.provinces);
  const checkpoints = useApi<CheckpointList>(arrivalsPaths.checkpoints({ page: 1, pageSize: 200 }));
  const districtCode = Form.useWatch('districtCode', form);
  const category = Form.useWatch('category', form);
  const required = { required: true, message: t('declaration.required') };
  // The person picked from the register: the arrival is theirs, their fields are shown, not sent.
  const [picked, setPicked] = useState<RegisterPerson | null>(null);
  const pick = (p: RegisterPerson | undefined) => {
    setPicked(p ?? null);
    if (p) {
      form.setFieldsValue({
        fullName: p.fullName, sex: (['male', 'female', 'other'].includes(p.sex) ? p.sex : 'other') as FormValues['sex'], dateOfBirth: p.dateOfBirth ?? undefined,
        nationalId: p.nationalId ?? undefined, phone: p.phone ?? undefined,
      });
    } else {
      form.setFieldsValue({ fullName: undefined as unknown as string, dateOfBirth: undefined, nationalId: undefined, phone: undefined });
    }
  };

  const submit = async (v: FormValues) => {
    await run(async () => {
      const r = await apiRequest<LoggedArrival>(arrivalsPaths.create, {
        method: 'POST',
        json: {
          person: picked
            ? { personId: picked.id, fullName: picked.fullName }
            : { fullName: v.fullName, sex: v.sex, dateOfBirth: v.dateOfBirth ?? null, nationalId: v.nationalId?.trim() || null, phone: v.phone?.trim() || null },
          checkpointId: v.checkpointId ?? null, arrivedAt: v.arrivedAt?.toISOString() ?? null, originProvinceCode: v.originProvinceCode, originLevel: v.originLevel,
          means: v.means, purpose: v.purpose?.trim() || null, communeCode: v.communeCode, destAddress: v.destAddress?.trim() || null, category: v.category,
          vehiclePlate: v.vehiclePlate?.trim() || null, route: v.route?.trim() || null, testType: v.testType ?? null, testAt: v.testAt?.toISOString() ?? null,
        },
      });
      message.success(t('arrivals.saved', { action: actionText(t, { action: r.decision.action, actionDays: r.decision.days, actionHours: r.decision.hours }) }));
      if (r.applyIssues.length) modal.warning({ title: t('arrivals.applyIssue', { message: r.applyIssues.map((i) => i.message[lang]).join('; ') }) });
      onSaved();
    });
  };

  const dateItem = (name: 'dateOfBirth') => ({
    getValueProps: (v?: string) => ({ value: v ? dayjs(v) : undefined }),
    normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined),
    name,
  });

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={{ sex: 'male', originLevel: 'epidemic_zone', means: 'motorbike', category: 'ordinary', districtCode: me.scope.kind === 'district' ? me.scope.code : undefined, arrivedAt: dayjs() }}
      onValuesChange={(changed: Partial<FormValues>) => {
        clearEditedErrors(form, changed);
        if ('districtCode' in changed) form.setFieldValue('communeCode', undefined);
      }}
      onFinish={(v) => void submit(v)}
      disabled={saving}
      data-testid="arrival-form"
    >
      <FormErrorAlert error={error} testId="arrival-form-error" />
      <UnplacedIssuesAlert title={t('arrivals.add')} issues={otherIssues} />
      <Form.Item label={t('arrivals.personSearch.label')} style={{ marginBottom: 8 }}>
        <RemoteSelect<RegisterPerson>
          value={picked?.id}
          onPick={pick}
          searchPaths={(text) => (text.trim().length >= 2 ? arrivalsPaths.people(text.trim()) : null)}
          idOf={(p) => p.id}
          labelOf={registerLabel}
          pickedLabelOf={(p) => p.fullName}
          placeholder={t('arrivals.personSearch.placeholder')}
          notFound={(searching) => (searching ? t('arrivals.personSearch.none') : null)}
          testId="arrival-person-search"
        />
      </Form.Item>
      {picked && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('arrivals.personSearch.picked', { name: registerLabel(picked) })}
          action={<Button size="small" onClick={() => pick(undefined)} data-testid="arrival-person-clear">{t('arrivals.personSearch.change')}</Button>}
          data-testid="arrival-person-picked"
        />
      )}
      <Row gutter={12}>
        <Col xs={24} md={12}><Form.Item name="fullName" label={t('arrivals.fullName')} rules={[{ ...required, whitespace: true }]}><Input maxLength={100} disabled={!!picked} data-testid="arrival-name" /></Form.Item></Col>
        <Col xs={24} md={12}>
          <Form.Item name="sex" label={t('arrivals.sex')}>
            <Radio.Group disabled={!!picked}>{(['male', 'female', 'other'] as const).map((s) => <Radio.Button key={s} value={s}>{t(`arrivals.sexes.${s}`)}</Radio.Button>)}</Radio.Group>
          </Form.Item>
        </Col>
        <Col xs={24} md={8}><Form.Item {...dateItem('dateOfBirth')} label={t('arrivals.dateOfBirth')}><DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} disabled={!!picked} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="nationalId" label={t('arrivals.nationalId')}><Input maxLength={12} disabled={!!picked} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="phone" label={t('arrivals.phone')}><Input maxLength={20} disabled={!!picked} data-testid="arrival-phone" /></Form.Item></Col>
        <Col xs={24} md={12}>
          <Form.Item name="checkpointId" label={t('arrivals.checkpoint')} rules={me.role === 'checkpoint' ? [required] : []}>
            <Select allowClear placeholder={t('arrivals.noCheckpoint')} loading={checkpoints.loading} options={(checkpoints.data?.items ?? []).filter((c) => c.status === 'active').map((c) => ({ value: c.id, label: c.name }))} data-testid="arrival-checkpoint" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}><Form.Item name="arrivedAt" label={t('arrivals.arrivedAt')}><DatePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" style={{ width: '100%' }} /></Form.Item></Col>
        <Col xs={24} md={12}>
          <Form.Item name="originProvinceCode" label={t('arrivals.originProvince')} rules={[required]}>
            <Select showSearch optionFilterProp="label" loading={provinces.loading} options={(provinces.data ?? []).map((p) => ({ value: p.code, label: p.name }))} data-testid="arrival-origin" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="originLevel" label={t('arrivals.originLevel')} rules={[required]}>
            <Select options={ORIGIN_LEVELS.map((l) => ({ value: l, label: t(`arrivals.levels.${l}`) }))} data-testid="arrival-level" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}><Form.Item name="category" label={t('arrivals.category')}><Select options={CATEGORIES.map((c) => ({ value: c, label: t(`arrivals.categories.${c}`) }))} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="means" label={t('arrivals.means')}><Select options={MEANS.map((m) => ({ value: m, label: t(`arrivals.meansList.${m}`) }))} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="purpose" label={t('arrivals.purpose')}><Input maxLength={200} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="districtCode" label={t('arrivals.checkpoints.district')} rules={[required]}><DistrictSelect /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="communeCode" label={t('arrivals.destCommune')} rules={[required]}><CommuneSelect districtCode={districtCode} data-testid="arrival-commune" /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="destAddress" label={t('arrivals.destAddress')}><Input maxLength={300} data-testid="arrival-address" /></Form.Item></Col>
        {category && category !== 'ordinary' && (
          <>
            <Col xs={24} md={6}><Form.Item name="vehiclePlate" label={t('arrivals.vehiclePlate')}><Input maxLength={20} /></Form.Item></Col>
            <Col xs={24} md={6}>
              <Form.Item name="testType" label={t('arrivals.testType')}>
                <Select allowClear options={(['rt_pcr', 'rapid'] as const).map((x) => ({ value: x, label: t(`arrivals.tests.${x}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}><Form.Item name="testAt" label={t('arrivals.testAt')}><DatePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={24}><Form.Item name="route" label={t('arrivals.route')}><Input.TextArea rows={2} maxLength={500} /></Form.Item></Col>
          </>
        )}
      </Row>
      <FormFooter saving={saving} onClose={onClose} submitText={t('arrivals.add')} testId="arrival-submit" />
    </Form>
  );
}
