import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Radio, Row, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest, errorText } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useDownload } from '../../shared/hooks/use-download.ts';
import { todayInVietnam, useFormat } from '../../shared/i18n/format.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { CommuneSelect, DistrictSelect } from '../../shared/ui/area-selects.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { FormErrorAlert, sameNames, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { SearchInput } from '../../shared/ui/search-input.tsx';
import { useAreaFilter } from './area-filter.tsx';
import { communityPaths, type Violation, VIOLATION_KINDS, VIOLATION_STATUSES, type ViolationCounts, type ViolationFilters, type ViolationList } from './community-api.ts';

type Kind = (typeof VIOLATION_KINDS)[number];
type Status = (typeof VIOLATION_STATUSES)[number];
const STATUS_COLOUR: Record<Status, string> = { recorded: 'orange', decided: 'blue', paid: 'green', cancelled: 'default' };

/** Violations of the area with filters, today's and cumulative counts, the XLSX export; commune and district record them. */
export function ViolationsTab() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const { message } = App.useApp();
  const lang = useLanguage();
  const area = useAreaFilter();
  const [kind, setKind] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [q, setQ] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const filters: ViolationFilters = { kind, status, q, districtCode: area.communeCode ? undefined : area.districtCode, communeCode: area.communeCode };
  const list = useApi<ViolationList>(communityPaths.violations({ ...filters, page, pageSize: 20 }));
  const counts = useApi<ViolationCounts>(communityPaths.violationCounts(todayInVietnam()));
  const { downloading, download } = useDownload();
  const [editing, setEditing] = useState<Violation | 'new' | null>(null);
  const write = can(me, 'violation:write');
  const remove = async (v: Violation) => {
    try {
      await apiRequest(communityPaths.violation(v.id), { method: 'DELETE' });
      list.reload();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  };
  const columns: TableColumnsType<Violation> = [
    { title: t('community.violations.date'), dataIndex: 'occurredOn', width: 110, render: (v: string) => fmt.date(v) },
    { title: t('community.violations.kind'), dataIndex: 'kind', render: (k: Kind) => t(`community.violations.kinds.${k}`) },
    { title: t('community.violations.place'), key: 'place', render: (_, v) => [v.placeDetail, v.communeName, v.districtName].filter(Boolean).join(', ') },
    { title: t('community.violations.offender'), dataIndex: 'offenderName' },
    { title: t('community.violations.decisionNo'), dataIndex: 'decisionNo', width: 140 },
    { title: t('community.violations.fine'), dataIndex: 'fineVnd', width: 130, align: 'right', render: (n: number | null) => fmt.number(n) },
    { title: t('community.violations.status'), dataIndex: 'status', width: 160, render: (s: Status) => <Tag color={STATUS_COLOUR[s]}>{t(`community.violations.statuses.${s}`)}</Tag> },
    ...(write ? [{
      title: '', key: 'ops', width: 80, render: (_: unknown, v: Violation) => (
        <Space size={4}>
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(v)} aria-label={t('community.violations.edit')} />
          <Popconfirm title={t('community.violations.deleteConfirm')} onConfirm={() => void remove(v)}><Button size="small" danger icon={<DeleteOutlined />} aria-label={t('community.violations.delete')} /></Popconfirm>
        </Space>
      ),
    }] : []),
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        {area.selects}
        <Select allowClear placeholder={t('community.violations.kind')} value={kind} onChange={(v?: string) => { setKind(v); setPage(1); }} style={{ width: 200 }} options={VIOLATION_KINDS.map((k) => ({ value: k, label: t(`community.violations.kinds.${k}`) }))} />
        <Select allowClear placeholder={t('community.violations.status')} value={status} onChange={(v?: string) => { setStatus(v); setPage(1); }} style={{ width: 170 }} options={VIOLATION_STATUSES.map((s) => ({ value: s, label: t(`community.violations.statuses.${s}`) }))} />
        <SearchInput value={q} onSearch={(v) => { setQ(v); setPage(1); }} placeholder={t('community.violations.search')} width={200} testId="violations-search" />
        <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void download(communityPaths.violationsExport(filters), 'vi-pham.xlsx')}>{t('community.violations.export')}</Button>
        {write && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="violation-add">{t('community.violations.add')}</Button>}
      </Space>
      {counts.data && <Typography.Paragraph type="secondary">{t('community.violations.today', { day: fmt.number(counts.data.total.day), cumulative: fmt.number(counts.data.total.cumulative) })}</Typography.Paragraph>}
      {list.data && <Typography.Paragraph type="secondary">{t('community.violations.fineTotal', { fine: fmt.number(list.data.fineTotal) })}</Typography.Paragraph>}
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<Violation>
        rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.loading} scroll={{ x: 1000 }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('community.total', { total: fmt.number(n) }) }}
        data-testid="violations-table"
      />
      <Modal open={editing !== null} title={editing === 'new' ? t('community.violations.add') : t('community.violations.edit')} onCancel={() => setEditing(null)} footer={null} destroyOnHidden width={640}>
        {editing && <ViolationForm existing={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); list.reload(); counts.reload(); }} />}
      </Modal>
    </>
  );
}

interface Values {
  kind: Kind; occurredOn: string; districtCode?: string; communeCode: string; placeDetail?: string; offenderKind: 'person' | 'organisation'; offenderName: string;
  description?: string; decisionNo?: string; fineVnd?: number | null; status: Status;
}

function ViolationForm({ existing, onClose, onSaved }: { existing: Violation | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const district = Form.useWatch('districtCode', form);
  const { saving, error, run } = useFormSubmit(form, sameNames(['kind', 'occurredOn', 'communeCode', 'placeDetail', 'offenderKind', 'offenderName', 'description', 'decisionNo', 'fineVnd', 'status'] as const));
  const submit = (v: Values) => run(async () => {
    const { districtCode: _d, ...body } = v;
    void _d;
    await apiRequest(existing ? communityPaths.violation(existing.id) : communityPaths.createViolation, {
      method: existing ? 'PUT' : 'POST',
      json: { ...body, placeDetail: v.placeDetail?.trim() || null, description: v.description?.trim() || null, decisionNo: v.decisionNo?.trim() || null, fineVnd: v.fineVnd ?? null },
    });
    onSaved();
  });
  const required = [{ required: true, message: t('community.required') }];
  const initial: Partial<Values> = existing
    ? { ...existing, kind: existing.kind as Kind, status: existing.status as Status, offenderKind: existing.offenderKind as Values['offenderKind'], placeDetail: existing.placeDetail ?? undefined, description: existing.description ?? undefined, decisionNo: existing.decisionNo ?? undefined }
    : { kind: 'no_mask', occurredOn: todayInVietnam(), offenderKind: 'person', status: 'recorded', districtCode: me.scope.kind === 'district' ? me.scope.code : undefined };
  const commune = me.scope.kind === 'commune';
  return (
    <Form layout="vertical" form={form} onFinish={(v) => void submit(v)} disabled={saving} initialValues={commune && !existing ? { ...initial, communeCode: me.scope.code } : initial} data-testid="violation-form">
      <FormErrorAlert error={error} testId="violation-form-error" />
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="kind" label={t('community.violations.kind')} rules={required}><Select options={VIOLATION_KINDS.map((k) => ({ value: k, label: t(`community.violations.kinds.${k}`) }))} /></Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="occurredOn" label={t('community.violations.date')} rules={required} getValueProps={(v?: string) => ({ value: v ? dayjs(v) : undefined })} normalize={(d: dayjs.Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined)}>
            <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        {commune ? <Form.Item name="communeCode" hidden><Input /></Form.Item> : (
          <>
            <Col xs={24} md={12}><Form.Item name="districtCode" label={t('area.district')}><DistrictSelect /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="communeCode" label={t('area.commune')} rules={required}><CommuneSelect districtCode={district ?? existing?.districtCode} /></Form.Item></Col>
          </>
        )}
        <Col xs={24}><Form.Item name="placeDetail" label={t('community.violations.place')}><Input maxLength={300} /></Form.Item></Col>
        <Col xs={24} md={8}>
          <Form.Item name="offenderKind" label={t('community.violations.offenderKind')}>
            <Radio.Group optionType="button" options={(['person', 'organisation'] as const).map((k) => ({ value: k, label: t(`community.violations.offenderKinds.${k}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}><Form.Item name="offenderName" label={t('community.violations.offender')} rules={required}><Input maxLength={200} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="decisionNo" label={t('community.violations.decisionNo')}><Input maxLength={60} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="fineVnd" label={t('community.violations.fine')}><InputNumber min={0} step={500000} style={{ width: '100%' }} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="status" label={t('community.violations.status')}><Select options={VIOLATION_STATUSES.map((s) => ({ value: s, label: t(`community.violations.statuses.${s}`) }))} /></Form.Item></Col>
        <Col xs={24}><Form.Item name="description" label={t('community.violations.description')}><Input.TextArea rows={2} maxLength={1000} /></Form.Item></Col>
      </Row>
      <FormFooter saving={saving} onClose={onClose} submitText={t('community.save')} testId="violation-submit" />
    </Form>
  );
}
