import { PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Modal, Row, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { CommuneSelect, DistrictSelect } from '../../shared/ui/area-selects.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { FormErrorAlert, sameNames, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { SearchInput } from '../../shared/ui/search-input.tsx';
import { communityPaths, type Paged, type Pharmacy, type Sale } from './community-api.ts';
import { SalesTable } from './sales-table.tsx';
import { PharmacyRegistrations } from './pharmacy-registrations.tsx';

/** Pharmacies of the area (district health registers them) and the sales reported with their follow-up. */
export function PharmaciesTab() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const [q, setQ] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [salesPage, setSalesPage] = useState(1);
  const list = useApi<Paged<Pharmacy>>(communityPaths.pharmacies({ q, page, pageSize: 20 }));
  const sales = useApi<Paged<Sale>>(communityPaths.sales({ page: salesPage, pageSize: 20 }));
  const [adding, setAdding] = useState(false);
  const columns: TableColumnsType<Pharmacy> = [
    { title: t('community.pharmacies.name'), dataIndex: 'name' },
    { title: t('community.pharmacies.licenceNo'), dataIndex: 'licenceNo', width: 180 },
    { title: t('community.pharmacies.owner'), key: 'owner', render: (_, p) => [p.ownerName, p.phone].filter(Boolean).join(' · ') },
    { title: t('community.pharmacies.address'), key: 'address', render: (_, p) => [p.addressDetail, p.communeName].filter(Boolean).join(', ') },
    { title: t('community.pharmacies.reports'), dataIndex: 'reports', width: 110, align: 'right' },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <SearchInput value={q} onSearch={(v) => { setQ(v); setPage(1); }} placeholder={t('community.pharmacies.name')} width={240} testId="pharmacies-search" />
        {can(me, 'pharmacy:manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="pharmacy-add">{t('community.pharmacies.add')}</Button>}
      </Space>
      {can(me, 'pharmacy:manage') && <PharmacyRegistrations onApproved={list.reload} />}
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<Pharmacy>
        rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.loading} scroll={{ x: 800 }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('community.total', { total: fmt.number(n) }) }}
        data-testid="pharmacies-table"
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('community.pharmacies.sales')}</Typography.Title>
      {sales.error && <ErrorAlert error={sales.error} onRetry={sales.reload} />}
      <SalesTable list={sales} page={salesPage} onPage={setSalesPage} showPharmacy />
      <Modal open={adding} title={t('community.pharmacies.add')} onCancel={() => setAdding(false)} footer={null} destroyOnHidden>
        <PharmacyForm onClose={() => setAdding(false)} onSaved={() => { setAdding(false); list.reload(); }} />
      </Modal>
    </>
  );
}

interface Values { name: string; licenceNo: string; ownerName?: string; phone?: string; districtCode?: string; communeCode: string; addressDetail?: string }

function PharmacyForm({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const district = Form.useWatch('districtCode', form);
  const { saving, error, run } = useFormSubmit(form, sameNames(['name', 'licenceNo', 'ownerName', 'phone', 'communeCode', 'addressDetail'] as const));
  const submit = (v: Values) => run(async () => {
    await apiRequest(communityPaths.createPharmacy, { method: 'POST', json: { name: v.name, licenceNo: v.licenceNo, ownerName: v.ownerName?.trim() || null, phone: v.phone?.trim() || null, communeCode: v.communeCode, addressDetail: v.addressDetail?.trim() || null } });
    onSaved();
  });
  const required = [{ required: true, message: t('community.required') }];
  return (
    <Form layout="vertical" form={form} onFinish={(v) => void submit(v)} disabled={saving} initialValues={{ districtCode: me.scope.kind === 'district' ? me.scope.code : undefined }} data-testid="pharmacy-form">
      <FormErrorAlert error={error} testId="pharmacy-form-error" />
      <Form.Item name="name" label={t('community.pharmacies.name')} rules={required}><Input maxLength={200} /></Form.Item>
      <Form.Item name="licenceNo" label={t('community.pharmacies.licenceNo')} rules={required}><Input maxLength={60} /></Form.Item>
      <Row gutter={12}>
        <Col span={12}><Form.Item name="ownerName" label={t('community.pharmacies.owner')}><Input maxLength={120} /></Form.Item></Col>
        <Col span={12}><Form.Item name="phone" label={t('community.pharmacies.phone')}><Input maxLength={20} /></Form.Item></Col>
        <Col span={12}><Form.Item name="districtCode" label={t('area.district')} rules={required}><DistrictSelect /></Form.Item></Col>
        <Col span={12}><Form.Item name="communeCode" label={t('area.commune')} rules={required}><CommuneSelect districtCode={district} /></Form.Item></Col>
      </Row>
      <Form.Item name="addressDetail" label={t('community.pharmacies.address')}><Input maxLength={300} /></Form.Item>
      <FormFooter saving={saving} onClose={onClose} submitText={t('community.save')} testId="pharmacy-submit" />
    </Form>
  );
}
