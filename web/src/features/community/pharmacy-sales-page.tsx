import { App, Button, Card, Col, DatePicker, Form, Input, Radio, Row, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { todayInVietnam } from '../../shared/i18n/format.ts';
import { useMe } from '../../shared/session/session.tsx';
import { CommuneSelect, DistrictSelect } from '../../shared/ui/area-selects.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { FormErrorAlert, sameNames, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { communityPaths, MEDICINE_GROUPS, type Paged, type Sale } from './community-api.ts';
import { SalesTable } from './sales-table.tsx';

interface Values { soldOn: string; medicineGroup: string; medicineName?: string; buyerName: string; buyerPhone?: string; districtCode?: string; buyerCommuneCode: string; buyerAddressDetail?: string }

/** `/nha-thuoc`: a pharmacy reports each sale of fever, cough or throat medicine; the buyer's commune health station follows up. */
export default function PharmacySalesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const [page, setPage] = useState(1);
  const list = useApi<Paged<Sale>>(communityPaths.sales({ page, pageSize: 20 }));
  const [form] = Form.useForm<Values>();
  const { saving, error, run } = useFormSubmit(form, sameNames(['soldOn', 'medicineGroup', 'medicineName', 'buyerName', 'buyerPhone', 'buyerCommuneCode', 'buyerAddressDetail'] as const));
  const district = Form.useWatch('districtCode', form);
  const submit = (v: Values) => run(async () => {
    await apiRequest(communityPaths.createSale, {
      method: 'POST',
      json: { soldOn: v.soldOn, medicineGroup: v.medicineGroup, medicineName: v.medicineName?.trim() || null, buyerName: v.buyerName, buyerPhone: v.buyerPhone?.trim() || null, buyerCommuneCode: v.buyerCommuneCode, buyerAddressDetail: v.buyerAddressDetail?.trim() || null },
    });
    message.success(t('community.pharmacies.reported'));
    form.resetFields(['buyerName', 'buyerPhone', 'buyerAddressDetail', 'medicineName']);
    list.reload();
  });
  const required = [{ required: true, message: t('community.required') }];
  return (
    <div style={{ maxWidth: 900 }}>
      <Typography.Title level={4}>{t('community.pharmacies.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{me.fullName}</Typography.Paragraph>
      <Card title={t('community.pharmacies.report')} style={{ marginBottom: 16 }}>
        <Form layout="vertical" form={form} onFinish={(v) => void submit(v)} disabled={saving} initialValues={{ soldOn: todayInVietnam(), medicineGroup: 'fever' }} data-testid="sale-form">
          <FormErrorAlert error={error} testId="sale-form-error" />
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item name="soldOn" label={t('community.pharmacies.soldOn')} rules={required} getValueProps={(v?: string) => ({ value: v ? dayjs(v) : undefined })} normalize={(d: dayjs.Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined)}>
                <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="medicineGroup" label={t('community.pharmacies.group')} rules={required}>
                <Radio.Group optionType="button" buttonStyle="solid" options={MEDICINE_GROUPS.map((g) => ({ value: g, label: t(`community.pharmacies.groups.${g}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}><Form.Item name="medicineName" label={t('community.pharmacies.medicineName')}><Input maxLength={200} /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="buyerName" label={t('community.pharmacies.buyerName')} rules={required}><Input maxLength={120} /></Form.Item></Col>
            <Col xs={24} md={8}><Form.Item name="buyerPhone" label={t('community.pharmacies.buyerPhone')}><Input maxLength={20} inputMode="tel" /></Form.Item></Col>
            <Col xs={24} md={8}><Form.Item name="districtCode" label={t('area.district')} rules={required}><DistrictSelect /></Form.Item></Col>
            <Col xs={24} md={8}><Form.Item name="buyerCommuneCode" label={t('community.pharmacies.buyerCommune')} rules={required}><CommuneSelect districtCode={district} /></Form.Item></Col>
            <Col xs={24}><Form.Item name="buyerAddressDetail" label={t('community.pharmacies.buyerAddress')}><Input maxLength={300} /></Form.Item></Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="sale-submit">{t('community.pharmacies.report')}</Button>
        </Form>
      </Card>
      <Typography.Title level={5}>{t('community.pharmacies.mine')}</Typography.Title>
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <SalesTable list={list} page={page} onPage={setPage} showPharmacy={false} />
    </div>
  );
}
