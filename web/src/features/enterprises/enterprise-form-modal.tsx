import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../shared/api/client.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { todayInVietnam } from '../../shared/i18n/format.ts';
import { CommuneSelect, DistrictSelect } from '../../shared/ui/area-selects.tsx';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { clearEditedErrors, FormErrorAlert, sameNames, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { type EnterpriseDetail, enterprisePaths, OPERATING_STATUSES, type OperatingStatus, type Park } from './enterprises-api.ts';

interface Values {
  name: string;
  taxCode: string;
  sector?: string;
  declaredWorkforce?: number | null;
  contactName?: string;
  contactPhone?: string;
  parkId?: number | null;
  districtCode?: string;
  communeCode: string;
  addressDetail?: string;
}

const FIELDS = ['name', 'taxCode', 'sector', 'declaredWorkforce', 'contactName', 'contactPhone', 'parkId', 'communeCode', 'addressDetail'] as const;

interface Props {
  open: boolean;
  /** null: a new enterprise. */
  enterprise: EnterpriseDetail | null;
  parks: Park[];
  onClose: () => void;
  onSaved: (e: EnterpriseDetail) => void;
}

/** Registers or edits an enterprise; the server checks the tax code (check digit, unique). */
export function EnterpriseFormModal({ open, enterprise, parks, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const opening = useOpenCount(open ? 1 : null);
  return (
    <Modal open={open} title={enterprise ? t('enterprises.edit') : t('enterprises.create')} onCancel={onClose} destroyOnHidden footer={null} width={640}>
      {open && <EnterpriseForm key={opening} enterprise={enterprise} parks={parks} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function EnterpriseForm({ enterprise, parks, onClose, onSaved }: Omit<Props, 'open'>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { saving, error, otherIssues, run } = useFormSubmit(form, sameNames(FIELDS));
  const districtCode = Form.useWatch('districtCode', form);
  const required = { required: true, message: t('enterprises.required') };

  const submit = (v: Values) =>
    run(async () => {
      const { districtCode: _d, ...body } = v;
      const saved = await apiRequest<EnterpriseDetail>(enterprise ? enterprisePaths.one(enterprise.id) : enterprisePaths.create, {
        method: enterprise ? 'PUT' : 'POST',
        json: { ...body, parkId: body.parkId ?? null, declaredWorkforce: body.declaredWorkforce ?? null },
      });
      message.success(t('enterprises.saved'));
      onSaved(saved);
    });

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={enterprise ? {
        name: enterprise.name, taxCode: enterprise.taxCode ?? '', sector: enterprise.sector ?? undefined, declaredWorkforce: enterprise.declaredWorkforce,
        contactName: enterprise.contactName ?? undefined, contactPhone: enterprise.contactPhone ?? undefined, parkId: enterprise.parkId,
        districtCode: enterprise.districtCode ?? undefined, communeCode: enterprise.communeCode ?? '', addressDetail: enterprise.addressDetail ?? undefined,
      } : {}}
      onValuesChange={(changed: Partial<Values>) => clearEditedErrors(form, changed)}
      onFinish={(v) => void submit(v)}
      disabled={saving}
      data-testid="enterprise-form"
    >
      <FormErrorAlert error={error} />
      <UnplacedIssuesAlert title={t('enterprises.saved')} issues={otherIssues} />
      <Form.Item name="name" label={t('enterprises.name')} rules={[{ ...required, whitespace: true }]}><Input maxLength={200} /></Form.Item>
      <Form.Item name="taxCode" label={t('enterprises.taxCode')} extra={t('enterprises.taxCodeHint')} rules={[required]}><Input maxLength={20} style={{ width: 220 }} /></Form.Item>
      <Form.Item name="parkId" label={t('enterprises.park')}>
        <Select allowClear options={parks.map((p) => ({ value: p.id, label: p.name }))} />
      </Form.Item>
      <Form.Item name="districtCode" label={t('enterprises.district')} rules={[required]}><DistrictSelect /></Form.Item>
      <Form.Item name="communeCode" label={t('enterprises.commune')} rules={[required]}>
        <CommuneSelect districtCode={districtCode} also={enterprise?.communeCode && enterprise.districtCode ? { code: enterprise.communeCode, name: enterprise.communeName ?? '', districtCode: enterprise.districtCode } : null} />
      </Form.Item>
      <Form.Item name="addressDetail" label={t('enterprises.addressDetail')}><Input maxLength={200} /></Form.Item>
      <Form.Item name="sector" label={t('enterprises.sector')}><Input maxLength={100} /></Form.Item>
      <Form.Item name="declaredWorkforce" label={t('enterprises.declaredWorkforce')}><InputNumber min={0} max={200000} /></Form.Item>
      <Form.Item name="contactName" label={t('enterprises.contactName')}><Input maxLength={100} /></Form.Item>
      <Form.Item name="contactPhone" label={t('enterprises.contactPhone')}><Input maxLength={20} style={{ width: 220 }} /></Form.Item>
      <FormFooter saving={saving} onClose={onClose} submitText={t('enterprises.save')} testId="enterprise-save" />
    </Form>
  );
}

interface StatusValues { status: OperatingStatus; effectiveDate: Dayjs; reason: string }

/** Operating status from a date with a reason (kept as history, audited). */
export function StatusModal({ enterprise, open, onClose, onSaved }: { enterprise: EnterpriseDetail; open: boolean; onClose: () => void; onSaved: (e: EnterpriseDetail) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<StatusValues>();
  const { saving, error, otherIssues, run } = useFormSubmit(form, sameNames(['status', 'effectiveDate', 'reason']));
  const required = { required: true, message: t('enterprises.required') };
  const submit = (v: StatusValues) =>
    run(async () => {
      onSaved(await apiRequest<EnterpriseDetail>(enterprisePaths.status(enterprise.id), {
        method: 'POST', json: { status: v.status, effectiveDate: v.effectiveDate.format('YYYY-MM-DD'), reason: v.reason },
      }));
    });
  return (
    <Modal open={open} title={t('enterprises.changeStatus')} onCancel={onClose} destroyOnHidden footer={null} width={480}>
      <Form<StatusValues>
        form={form} layout="vertical" disabled={saving} onFinish={(v) => void submit(v)} data-testid="enterprise-status-form"
        initialValues={{ status: enterprise.operatingStatus, effectiveDate: dayjs(todayInVietnam()) }}
        onValuesChange={(changed: Partial<StatusValues>) => clearEditedErrors(form, changed)}
      >
        <FormErrorAlert error={error} />
        <UnplacedIssuesAlert title={t('enterprises.changeStatus')} issues={otherIssues} />
        <Form.Item name="status" label={t('enterprises.status')} rules={[required]}>
          <Select options={OPERATING_STATUSES.map((s) => ({ value: s, label: t(`enterprises.statuses.${s}`) }))} />
        </Form.Item>
        <Form.Item name="effectiveDate" label={t('enterprises.effectiveDate')} rules={[required]}><DatePicker format="DD/MM/YYYY" allowClear={false} /></Form.Item>
        <Form.Item name="reason" label={t('enterprises.reason')} rules={[{ ...required, whitespace: true }]}><Input.TextArea rows={3} maxLength={500} showCount /></Form.Item>
        <FormFooter saving={saving} onClose={onClose} submitText={t('enterprises.save')} testId="enterprise-status-save" />
      </Form>
    </Modal>
  );
}
