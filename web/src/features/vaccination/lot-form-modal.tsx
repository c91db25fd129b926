import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { clearEditedErrors, FormErrorAlert, sameNames, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { type Product, vaccinationPaths } from './vaccination-api.ts';

interface FormValues { productCode: string; lotNumber: string; expiryDate: Dayjs; receivedDate: Dayjs; dosesReceived: number }
const FIELDS = ['productCode', 'lotNumber', 'expiryDate', 'receivedDate', 'dosesReceived'] as const;

/** "Nhận lô vắc xin": product, lot number, expiry, doses received (an expired lot is refused by the server). */
export function LotFormModal({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const opening = useOpenCount(open);
  return (
    <Modal open={open} title={t('vaccination.lotForm.title')} onCancel={onClose} destroyOnHidden footer={null} width={480}>
      {open && <LotForm key={opening} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function LotForm({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const products = useApi<Product[]>(vaccinationPaths.products);
  const { saving, error, otherIssues, run } = useFormSubmit(form, sameNames(FIELDS));
  const required = { required: true, message: t('testing.required') };
  const submit = (v: FormValues) =>
    run(async () => {
      await api.post(vaccinationPaths.createLot, {
        productCode: v.productCode, lotNumber: v.lotNumber.trim(), expiryDate: v.expiryDate.format('YYYY-MM-DD'), receivedDate: v.receivedDate.format('YYYY-MM-DD'), dosesReceived: v.dosesReceived,
      });
      message.success(t('vaccination.lotForm.saved', { lot: v.lotNumber.trim() }));
      onSaved();
    });
  return (
    <Form<FormValues> form={form} layout="vertical" initialValues={{ receivedDate: dayjs() }} onValuesChange={(c: Partial<FormValues>) => clearEditedErrors(form, c)}
      onFinish={(v) => void submit(v)} disabled={saving} data-testid="lot-form">
      <FormErrorAlert error={error} />
      <UnplacedIssuesAlert title={t('vaccination.lotForm.rejected')} issues={otherIssues} />
      <Form.Item name="productCode" label={t('vaccination.lotForm.product')} rules={[required]}>
        <Select loading={products.loading} options={(products.data ?? []).filter((p) => p.active).map((p) => ({ value: p.code, label: p.name }))} data-testid="lot-product" />
      </Form.Item>
      <Form.Item name="lotNumber" label={t('vaccination.lotForm.lot')} rules={[{ ...required, whitespace: true }]}>
        <Input maxLength={60} data-testid="lot-number" />
      </Form.Item>
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
        <Form.Item name="expiryDate" label={t('vaccination.lotForm.expiry')} rules={[required]} style={{ flex: '1 1 160px' }}>
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} data-testid="lot-expiry" />
        </Form.Item>
        <Form.Item name="receivedDate" label={t('vaccination.lotForm.received')} rules={[required]} style={{ flex: '1 1 160px' }}>
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
        </Form.Item>
      </div>
      <Form.Item name="dosesReceived" label={t('vaccination.lotForm.doses')} rules={[required]}>
        <InputNumber<number> min={0} max={10_000_000} precision={0} style={{ width: 200 }} data-testid="lot-doses" />
      </Form.Item>
      <FormFooter saving={saving} onClose={onClose} submitText={t('vaccination.lotForm.submit')} testId="lot-submit" />
    </Form>
  );
}
