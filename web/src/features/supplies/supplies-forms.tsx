import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest, errorText } from '../../shared/api/client.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { CATEGORIES, type Facility, type SupplyItem } from './supplies-api.ts';

export type EntryKind = 'movement' | 'transfer' | 'threshold' | 'item' | 'donation' | 'spending';

type Values = Record<string, string | number | null | undefined | Dayjs>;

const ENDPOINT: Record<EntryKind, { method: 'POST' | 'PUT'; path: string }> = {
  movement: { method: 'POST', path: '/api/supplies/movements' },
  transfer: { method: 'POST', path: '/api/supplies/transfers' },
  threshold: { method: 'PUT', path: '/api/supplies/thresholds' },
  item: { method: 'POST', path: '/api/supplies/items' },
  donation: { method: 'POST', path: '/api/supplies/donations' },
  spending: { method: 'POST', path: '/api/supplies/spending' },
};

/** One form per kind of entry; dates go as YYYY-MM-DD, empty fields are left out. */
export function EntryModal({ kind, items, facilities, onClose }: { kind: EntryKind; items: SupplyItem[]; facilities: Facility[]; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const donationKind = Form.useWatch('kind', form);
  const required = [{ required: true, message: t('support.required') }];
  const facilityOptions = facilities.map((f) => ({ value: f.id, label: f.name }));
  const itemOptions = items.map((i) => ({ value: i.id, label: `${i.name} (${i.unit})` }));
  const facility = (name: string, label: string) => (
    <Form.Item name={name} label={label} rules={required}><Select showSearch optionFilterProp="label" options={facilityOptions} /></Form.Item>
  );
  const item = (req = true) => <Form.Item name="itemId" label={t('supplies.item')} rules={req ? required : []}><Select showSearch optionFilterProp="label" options={itemOptions} allowClear={!req} /></Form.Item>;
  const date = (name: string) => <Form.Item name={name} label={t('supplies.date')}><DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} /></Form.Item>;
  const text = (name: string, label: string, req = false) => <Form.Item name={name} label={label} rules={req ? required : []}><Input maxLength={300} /></Form.Item>;
  const number = (name: string, label: string, min?: number) => <Form.Item name={name} label={label} rules={required}><InputNumber style={{ width: '100%' }} min={min} /></Form.Item>;

  const save = async () => {
    const v = await form.validateFields();
    const json: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined || x === null || x === '') continue;
      json[k] = dayjs.isDayjs(x) ? x.format('YYYY-MM-DD') : x;
    }
    if (kind === 'threshold' && json.minQuantity === undefined) json.minQuantity = null;
    setSaving(true);
    try {
      await apiRequest(ENDPOINT[kind].path, { method: ENDPOINT[kind].method, json });
      message.success(t('support.saved'));
      onClose(true);
    } catch (e) {
      message.error(errorText(e, lang));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open title={t(`supplies.forms.${kind}`)} onCancel={() => onClose(false)} onOk={() => void save()} confirmLoading={saving} okText={t('support.save')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={kind === 'movement' ? { kind: 'receipt' } : kind === 'donation' ? { kind: 'cash' } : kind === 'item' ? { category: 'mask' } : {}}>
        {kind === 'movement' && (
          <>
            {facility('facilityId', t('supplies.facility'))}
            {item()}
            <Form.Item name="kind" label={t('supplies.kind')} rules={required}>
              <Select options={(['receipt', 'issue', 'adjustment'] as const).map((k) => ({ value: k, label: t(`supplies.kinds.${k}`) }))} />
            </Form.Item>
            {number('quantity', t('supplies.quantityHint'))}
            {date('movedOn')}
            {text('reason', t('supplies.reason'))}
            {text('documentNo', t('supplies.documentNo'))}
          </>
        )}
        {kind === 'transfer' && (
          <>
            {facility('fromFacilityId', t('supplies.fromFacility'))}
            {facility('toFacilityId', t('supplies.toFacility'))}
            {item()}
            {number('quantity', t('supplies.quantity'), 1)}
            {date('movedOn')}
            {text('reason', t('supplies.reason'))}
            {text('documentNo', t('supplies.documentNo'))}
          </>
        )}
        {kind === 'threshold' && (
          <>
            {facility('facilityId', t('supplies.facility'))}
            {item()}
            <Form.Item name="minQuantity" label={t('supplies.threshold')}><InputNumber style={{ width: '100%' }} min={0} /></Form.Item>
          </>
        )}
        {kind === 'item' && (
          <>
            {text('code', t('supplies.code'), true)}
            {text('name', t('supplies.item'), true)}
            {text('unit', t('supplies.unit'), true)}
            <Form.Item name="category" label={t('supplies.category')} rules={required}>
              <Select options={CATEGORIES.map((c) => ({ value: c, label: t(`supplies.categories.${c}`) }))} />
            </Form.Item>
          </>
        )}
        {kind === 'donation' && (
          <>
            {text('donor', t('supplies.donor'), true)}
            <Form.Item name="kind" label={t('supplies.kind')} rules={required}>
              <Select options={(['cash', 'goods'] as const).map((k) => ({ value: k, label: t(`supplies.donationKinds.${k}`) }))} />
            </Form.Item>
            {donationKind === 'goods' && item()}
            {donationKind === 'goods' && number('quantity', t('supplies.quantity'), 1)}
            {number('valueVnd', t('supplies.value'), 1)}
            {date('receivedOn')}
            <Form.Item name="facilityId" label={t('supplies.allocation')}><Select allowClear showSearch optionFilterProp="label" options={facilityOptions} /></Form.Item>
            {text('purpose', t('supplies.purpose'))}
          </>
        )}
        {kind === 'spending' && (
          <>
            {text('item', t('supplies.spendingItem'), true)}
            {number('amountVnd', t('supplies.amount'), 1)}
            {date('spentOn')}
            {text('purpose', t('supplies.purpose'))}
            {text('documentNo', t('supplies.documentNo'))}
          </>
        )}
      </Form>
    </Modal>
  );
}
