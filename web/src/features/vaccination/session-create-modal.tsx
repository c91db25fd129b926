import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { clearEditedErrors, FormErrorAlert, sameNames, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { type Paged, type PriorityGroup, type Product, SHIFTS, type Site, vaccinationPaths } from './vaccination-api.ts';

interface FormValues { siteId: number; date: Dayjs; shift: string; capacity?: number | null; productCode?: string; priorityGroups: string[]; note?: string }
const FIELDS = ['siteId', 'date', 'shift', 'capacity', 'productCode', 'priorityGroups', 'note'] as const;

/** "Tạo buổi tiêm": a session at a site on a date, with the priority groups it calls; then its invited list is built. */
export function SessionCreateModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: number) => void }) {
  const { t } = useTranslation();
  const opening = useOpenCount(open);
  return (
    <Modal open={open} title={t('vaccination.sessionForm.title')} onCancel={onClose} destroyOnHidden footer={null} width={560}>
      {open && <SessionForm key={opening} onClose={onClose} onCreated={onCreated} />}
    </Modal>
  );
}

/** The priority groups of the province, as options in the UI language. */
export function usePriorityGroupOptions() {
  const lang = useLanguage();
  const groups = useApi<PriorityGroup[]>(vaccinationPaths.priorityGroups);
  const options = (groups.data ?? []).filter((g) => g.active).map((g) => ({ value: g.code, label: g.name[lang] }));
  return { loading: groups.loading, options, labelOf: (code: string | null) => options.find((o) => o.value === code)?.label ?? code ?? '' };
}

function SessionForm({ onClose, onCreated }: { onClose: () => void; onCreated: (id: number) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const sites = useApi<Paged<Site>>(vaccinationPaths.sites({ page: 1, pageSize: 500 }));
  const products = useApi<Product[]>(vaccinationPaths.products);
  const groups = usePriorityGroupOptions();
  const { saving, error, otherIssues, run } = useFormSubmit(form, sameNames(FIELDS));
  const required = { required: true, message: t('testing.required') };
  const submit = (v: FormValues) =>
    run(async () => {
      const r = await api.post<{ id: number }>(vaccinationPaths.createSession, {
        siteId: v.siteId, date: v.date.format('YYYY-MM-DD'), shift: v.shift, ...(v.capacity ? { capacity: v.capacity } : {}), productCode: v.productCode ?? null,
        priorityGroups: v.priorityGroups ?? [], note: v.note?.trim() || null,
      });
      message.success(t('vaccination.sessionForm.saved'));
      onCreated(r.id);
    });
  return (
    <Form<FormValues> form={form} layout="vertical" initialValues={{ date: dayjs(), shift: 'morning', priorityGroups: [] }} onValuesChange={(c: Partial<FormValues>) => clearEditedErrors(form, c)}
      onFinish={(v) => void submit(v)} disabled={saving} data-testid="session-form">
      <FormErrorAlert error={error} />
      <UnplacedIssuesAlert title={t('vaccination.sessionForm.rejected')} issues={otherIssues} />
      <Form.Item name="siteId" label={t('vaccination.sessionForm.site')} rules={[required]}>
        <Select showSearch optionFilterProp="label" loading={sites.loading} options={(sites.data?.items ?? []).filter((s) => s.active).map((s) => ({ value: s.id, label: `${s.name} (${s.communeName ?? ''})` }))} data-testid="session-site" />
      </Form.Item>
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
        <Form.Item name="date" label={t('vaccination.sessionForm.date')} rules={[required]} style={{ flex: '1 1 150px' }}>
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="shift" label={t('vaccination.sessionForm.shift')} rules={[required]} style={{ flex: '1 1 120px' }}>
          <Select options={SHIFTS.map((s) => ({ value: s, label: t(`vaccination.sessions.shifts.${s}`) }))} />
        </Form.Item>
        <Form.Item name="capacity" label={t('vaccination.sessionForm.capacity')} extra={t('vaccination.sessionForm.capacityHint')} style={{ flex: '1 1 150px' }}>
          <InputNumber<number> min={1} max={10000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </div>
      <Form.Item name="productCode" label={t('vaccination.sessionForm.product')}>
        <Select allowClear options={(products.data ?? []).filter((p) => p.active).map((p) => ({ value: p.code, label: p.name }))} />
      </Form.Item>
      <Form.Item name="priorityGroups" label={t('vaccination.sessionForm.groups')}>
        <Select mode="multiple" loading={groups.loading} options={groups.options} optionFilterProp="label" />
      </Form.Item>
      <Form.Item name="note" label={t('vaccination.sessionForm.note')}>
        <Input.TextArea maxLength={500} rows={2} />
      </Form.Item>
      <FormFooter saving={saving} onClose={onClose} submitText={t('vaccination.sessionForm.submit')} testId="session-submit" />
    </Form>
  );
}
