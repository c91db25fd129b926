import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api/client.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { CommuneSelect, DistrictSelect } from '../../shared/ui/area-selects.tsx';
import { clearEditedErrors, FormErrorAlert, sameNames, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { CAPACITY_RANGE, hasCapacity, isPhone, UNIT_FIELDS, unitCreateBody } from './unit-form.ts';
import { type UnitCreated, UNIT_KINDS, type UnitKind, unitsPaths } from './units-api.ts';

interface FormValues {
  kind: UnitKind;
  name: string;
  /** Only narrows the communes offered: not sent. */
  districtCode?: string;
  communeCode: string;
  address?: string;
  capacityPerDay?: number | null;
  contactName?: string;
  contactPhone?: string;
}

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (unit: UnitCreated) => void;
}

/** "Thêm đơn vị": a lab, hospital, private clinic or sampling team of the province (its accounts are added on the users page). */
export function UnitCreateModal({ open, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const opening = useOpenCount(open);
  return (
    <Modal open={open} title={t('testing.unitCreate.title')} onCancel={onClose} destroyOnHidden footer={null} width={560}>
      {open && <UnitForm key={opening} onClose={onClose} onCreated={onCreated} />}
    </Modal>
  );
}

function UnitForm({ onClose, onCreated }: Omit<Props, 'open'>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { saving, error, otherIssues, run } = useFormSubmit(form, sameNames(UNIT_FIELDS));
  const kind = Form.useWatch('kind', form);
  const districtCode = Form.useWatch('districtCode', form);
  const required = { required: true, message: t('testing.required') };

  const submit = async (v: FormValues) => {
    // 400: a unit of the same kind and name, a commune outside the province, the capacity, the phone.
    await run(async () => {
      const unit = await api.post<UnitCreated>(unitsPaths.createUnit, unitCreateBody(v));
      message.success(t('testing.unitCreate.created', { name: unit.name }));
      onCreated(unit);
    });
  };

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={{ kind: 'hospital' }}
      onValuesChange={(changed: Partial<FormValues>) => {
        clearEditedErrors(form, changed);
        if ('districtCode' in changed) form.setFieldValue('communeCode', undefined);
      }}
      onFinish={(v) => void submit(v)}
      disabled={saving}
      data-testid="unit-form"
    >
      <FormErrorAlert error={error} testId="unit-error" />
      <UnplacedIssuesAlert title={t('testing.unitCreate.rejected')} issues={otherIssues} />
      <Form.Item name="kind" label={t('testing.unitCreate.kind')} rules={[required]}>
        <Select<UnitKind> options={UNIT_KINDS.map((k) => ({ value: k, label: t(`testing.unitKinds.${k}`) }))} data-testid="unit-kind" />
      </Form.Item>
      <Form.Item name="name" label={t('testing.unitCreate.name')} rules={[{ ...required, whitespace: true }]}>
        <Input maxLength={200} data-testid="unit-name" />
      </Form.Item>
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
        <Form.Item name="districtCode" label={t('testing.unitCreate.district')} style={{ flex: '1 1 200px' }}>
          <DistrictSelect data-testid="unit-district" />
        </Form.Item>
        <Form.Item name="communeCode" label={t('testing.unitCreate.commune')} rules={[required]} style={{ flex: '1 1 200px' }}>
          <CommuneSelect districtCode={districtCode} data-testid="unit-commune" />
        </Form.Item>
      </div>
      <Form.Item name="address" label={t('testing.unitCreate.address')}>
        <Input maxLength={300} data-testid="unit-address" />
      </Form.Item>
      {hasCapacity(kind) && (
        <Form.Item name="capacityPerDay" label={t('testing.unitCreate.capacity')} extra={t('testing.unitCreate.capacityHint')}>
          <InputNumber<number> min={CAPACITY_RANGE.min} max={CAPACITY_RANGE.max} precision={0} style={{ width: 200 }} data-testid="unit-capacity" />
        </Form.Item>
      )}
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
        <Form.Item name="contactName" label={t('testing.unitCreate.contactName')} style={{ flex: '1 1 200px' }}>
          <Input maxLength={200} data-testid="unit-contact-name" />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label={t('testing.unitCreate.contactPhone')}
          rules={[{ validator: (_, v: string | undefined) => (!v?.trim() || isPhone(v) ? Promise.resolve() : Promise.reject(new Error(t('testing.unitCreate.phoneInvalid')))) }]}
          style={{ flex: '1 1 200px' }}
        >
          <Input maxLength={20} inputMode="tel" data-testid="unit-contact-phone" />
        </Form.Item>
      </div>
      <FormFooter saving={saving} onClose={onClose} submitText={t('testing.unitCreate.submit')} testId="unit-submit" />
    </Form>
  );
}
