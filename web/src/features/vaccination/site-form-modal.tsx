import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Modal, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api/client.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { CommuneSelect, DistrictSelect } from '../../shared/ui/area-selects.tsx';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { clearEditedErrors, FormErrorAlert, sameNames, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { putJson, type Site, type SiteBody, type StaffMember, vaccinationPaths } from './vaccination-api.ts';

interface FormValues {
  name: string;
  /** Only narrows the communes offered: not sent. */
  districtCode?: string;
  communeCode: string;
  addressDetail?: string;
  capacityPerSession: number;
  vaccinators: number;
  emergencyStaff: number;
  staff: StaffMember[];
  active: boolean;
}
const FIELDS = ['name', 'communeCode', 'addressDetail', 'capacityPerSession', 'vaccinators', 'emergencyStaff', 'staff', 'active'] as const;

/** Adds a vaccination site, or edits one (`site`): place, capacity per session, staff counts and the roster. */
export function SiteFormModal({ site, open, onClose, onSaved }: { site: Site | null; open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const opening = useOpenCount(open);
  return (
    <Modal open={open} title={site ? t('vaccination.siteForm.editTitle', { name: site.name }) : t('vaccination.siteForm.createTitle')} onCancel={onClose} destroyOnHidden footer={null} width={640}>
      {open && <SiteForm key={opening} site={site} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function SiteForm({ site, onClose, onSaved }: { site: Site | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { saving, error, otherIssues, run } = useFormSubmit(form, (f) => sameNames(FIELDS)(f.split('.')[0] ?? f));
  const districtCode = Form.useWatch('districtCode', form);
  const staff = Form.useWatch('staff', form) ?? [];
  const required = { required: true, message: t('testing.required') };
  const submit = (v: FormValues) =>
    run(async () => {
      const body: SiteBody = {
        name: v.name.trim(), communeCode: v.communeCode, addressDetail: v.addressDetail?.trim() || null, capacityPerSession: v.capacityPerSession,
        vaccinators: v.vaccinators, emergencyStaff: v.emergencyStaff, active: v.active,
        staff: (v.staff ?? []).filter((s) => s?.name?.trim()).map((s) => ({ name: s.name.trim(), role: s.role, phone: s.phone?.trim() || null })),
      };
      if (site) await putJson(vaccinationPaths.site(site.id), body);
      else await api.post(vaccinationPaths.createSite, body);
      message.success(t('vaccination.siteForm.saved', { name: body.name }));
      onSaved();
    });
  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={site ? {
        name: site.name, districtCode: site.districtCode ?? undefined, communeCode: site.communeCode ?? undefined, addressDetail: site.addressDetail ?? undefined,
        capacityPerSession: site.capacityPerSession, vaccinators: site.vaccinators, emergencyStaff: site.emergencyStaff, staff: site.staff, active: site.active,
      } : { capacityPerSession: 150, vaccinators: 4, emergencyStaff: 2, staff: [], active: true }}
      onValuesChange={(changed: Partial<FormValues>) => {
        clearEditedErrors(form, changed);
        if ('districtCode' in changed) form.setFieldValue('communeCode', undefined);
      }}
      onFinish={(v) => void submit(v)}
      disabled={saving}
      data-testid="site-form"
    >
      <FormErrorAlert error={error} />
      <UnplacedIssuesAlert title={t('vaccination.siteForm.rejected')} issues={otherIssues} />
      <Form.Item name="name" label={t('vaccination.siteForm.name')} rules={[{ ...required, whitespace: true }]}>
        <Input maxLength={200} data-testid="site-name" />
      </Form.Item>
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
        <Form.Item name="districtCode" label={t('vaccination.siteForm.district')} style={{ flex: '1 1 200px' }}>
          <DistrictSelect data-testid="site-district" />
        </Form.Item>
        <Form.Item name="communeCode" label={t('vaccination.siteForm.commune')} rules={[required]} style={{ flex: '1 1 200px' }}>
          <CommuneSelect districtCode={districtCode} also={site?.communeCode && site.districtCode ? { code: site.communeCode, name: site.communeName ?? site.communeCode, districtCode: site.districtCode } : null} data-testid="site-commune" />
        </Form.Item>
      </div>
      <Form.Item name="addressDetail" label={t('vaccination.siteForm.address')}>
        <Input maxLength={200} />
      </Form.Item>
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
        <Form.Item name="capacityPerSession" label={t('vaccination.siteForm.capacity')} rules={[required]} style={{ flex: '1 1 160px' }}>
          <InputNumber<number> min={1} max={10000} precision={0} style={{ width: '100%' }} data-testid="site-capacity" />
        </Form.Item>
        <Form.Item name="vaccinators" label={t('vaccination.siteForm.vaccinators')} rules={[required]} style={{ flex: '1 1 120px' }}>
          <InputNumber<number> min={0} max={1000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="emergencyStaff" label={t('vaccination.siteForm.emergency')} rules={[required]} style={{ flex: '1 1 120px' }}>
          <InputNumber<number> min={0} max={1000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </div>
      <Typography.Text strong>{t('vaccination.siteForm.staff')}</Typography.Text>
      <Form.List name="staff">
        {(fields, { add, remove }) => (
          <div style={{ marginTop: 8 }}>
            {fields.map((f) => (
              <div key={f.key} style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
                <Form.Item name={[f.name, 'name']} rules={[{ ...required, whitespace: true }]} style={{ flex: '2 1 180px', marginBottom: 8 }}>
                  <Input placeholder={t('vaccination.siteForm.staffName')} maxLength={100} />
                </Form.Item>
                <Form.Item name={[f.name, 'role']} rules={[required]} style={{ flex: '1 1 120px', marginBottom: 8 }}>
                  <Select options={(['vaccinator', 'emergency'] as const).map((r) => ({ value: r, label: t(`vaccination.siteForm.roles.${r}`) }))} placeholder={t('vaccination.siteForm.staffRole')} />
                </Form.Item>
                <Form.Item name={[f.name, 'phone']} style={{ flex: '1 1 120px', marginBottom: 8 }}>
                  <Input placeholder={t('vaccination.siteForm.staffPhone')} maxLength={20} inputMode="tel" />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="remove" />
              </div>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ role: 'vaccinator' })} style={{ marginBottom: 8 }}>{t('vaccination.siteForm.addStaff')}</Button>
            {staff.length > 0 && (
              <Typography.Paragraph type="secondary">
                {t('vaccination.siteForm.staffCount', { vaccinators: staff.filter((s) => s?.role === 'vaccinator').length, emergency: staff.filter((s) => s?.role === 'emergency').length })}
              </Typography.Paragraph>
            )}
          </div>
        )}
      </Form.List>
      <Form.Item name="active" label={t('vaccination.siteForm.active')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <FormFooter saving={saving} onClose={onClose} submitText={t('vaccination.siteForm.submit')} testId="site-submit" />
    </Form>
  );
}
