import { App, DatePicker, Form, Input, Modal, Segmented } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest, errorText } from '../../shared/api/client.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { type EligibleLine, supportPaths } from './support-api.ts';

/** Records the decision (number, date, issuer) of an F0's or F1's episode. */
export function DecisionModal({ line, onClose }: { line: EligibleLine; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ decisionNo: string; decisionDate: Dayjs; issuedBy?: string }>();
  const [saving, setSaving] = useState(false);
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await apiRequest(supportPaths.decisions, {
        method: 'PUT',
        json: { episodeKind: line.episodeKind, episodeId: line.episodeId, personId: line.personId, decisionNo: v.decisionNo, decisionDate: v.decisionDate.format('YYYY-MM-DD'), issuedBy: v.issuedBy || null },
      });
      message.success(t('support.saved'));
      onClose(true);
    } catch (e) {
      message.error(errorText(e, lang));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={`${t('support.recordDecision')}: ${line.fullName}`} onCancel={() => onClose(false)} onOk={() => void save()} confirmLoading={saving} okText={t('support.save')}>
      <Form form={form} layout="vertical" initialValues={{ decisionNo: line.decision?.no, decisionDate: dayjs(line.decision?.date ?? line.from), issuedBy: line.decision?.issuedBy }}>
        <Form.Item name="decisionNo" label={t('support.decisionNo')} rules={[{ required: true, message: t('support.required') }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="decisionDate" label={t('support.decisionDate')} rules={[{ required: true, message: t('support.required') }]}><DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="issuedBy" label={t('support.issuedBy')}><Input maxLength={200} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** Bank details (bank, account number, holder) or cash. */
export function PaymentDetailsModal({ line, onClose }: { line: EligibleLine; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();
  const [method, setMethod] = useState<'bank' | 'cash'>(line.payment?.method ?? 'bank');
  const [form] = Form.useForm<{ bankName?: string; accountNo?: string; holderName?: string }>();
  const [saving, setSaving] = useState(false);
  const save = async () => {
    const v = method === 'bank' ? await form.validateFields() : {};
    setSaving(true);
    try {
      await apiRequest(supportPaths.payment(line.personId), { method: 'PUT', json: { method, ...v } });
      message.success(t('support.saved'));
      onClose(true);
    } catch (e) {
      message.error(errorText(e, lang));
    } finally {
      setSaving(false);
    }
  };
  const required = [{ required: true, message: t('support.required') }];
  return (
    <Modal open title={`${t('support.paymentDetails')}: ${line.fullName}`} onCancel={() => onClose(false)} onOk={() => void save()} confirmLoading={saving} okText={t('support.save')}>
      <Segmented value={method} onChange={(v) => setMethod(v as 'bank' | 'cash')} options={[{ value: 'bank', label: t('support.bank') }, { value: 'cash', label: t('support.cash') }]} style={{ marginBottom: 16 }} />
      {method === 'bank' && (
        <Form form={form} layout="vertical" initialValues={{ bankName: line.payment?.bankName, accountNo: line.payment?.accountNo, holderName: line.payment?.holderName ?? line.fullName.toLocaleUpperCase('vi-VN') }}>
          <Form.Item name="bankName" label={t('support.bankName')} rules={required}><Input maxLength={200} /></Form.Item>
          <Form.Item name="accountNo" label={t('support.accountNo')} rules={required}><Input maxLength={40} /></Form.Item>
          <Form.Item name="holderName" label={t('support.holderName')} rules={required}><Input maxLength={200} /></Form.Item>
        </Form>
      )}
    </Modal>
  );
}
