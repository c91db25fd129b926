import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { CommuneSelect, DistrictFilterSelect, DistrictSelect } from '../../shared/ui/area-selects.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { clearEditedErrors, FormErrorAlert, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { SearchInput } from '../../shared/ui/search-input.tsx';
import { arrivalsPaths, type Checkpoint, type CheckpointList, CHECKPOINT_STATUSES, type CheckpointStatus } from './arrivals-api.ts';
import { CheckpointLocationPicker } from './checkpoint-location-map.tsx';

const muted = { fontSize: 12, color: 'rgba(0,0,0,0.5)' } as const;
const STATUS_COLOUR: Record<CheckpointStatus, string> = { active: 'green', suspended: 'orange', closed: 'default' };

/** The checkpoints of the area with their staff and shifts; `checkpoint:manage` adds and edits them. */
export function CheckpointsTab() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const [q, setQ] = useState<string | undefined>();
  const [districtCode, setDistrictCode] = useState<string | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useApi<CheckpointList>(arrivalsPaths.checkpoints({ ...page, q, districtCode }));
  const [editing, setEditing] = useState<Checkpoint | 'new' | null>(null);
  const mayManage = can(me, 'checkpoint:manage');
  const columns: TableColumnsType<Checkpoint> = [
    {
      title: t('arrivals.checkpoints.name'), key: 'name', render: (_, c) => (
        <>
          <span style={{ fontWeight: 500 }}>{c.name}</span>
          <div style={muted}>{[c.road, c.addressDetail, c.communeName, c.districtName].filter(Boolean).join(', ')}</div>
        </>
      ),
    },
    { title: t('arrivals.checkpoints.status'), dataIndex: 'status', width: 140, render: (s: CheckpointStatus) => <Tag color={STATUS_COLOUR[s]}>{t(`arrivals.checkpoints.statuses.${s}`)}</Tag> },
    { title: t('arrivals.checkpoints.staff'), key: 'staff', render: (_, c) => c.staff.map((s) => [s.name, s.unit].filter(Boolean).join(' – ')).join('; ') },
    { title: t('arrivals.checkpoints.shifts'), key: 'shifts', width: 200, render: (_, c) => c.shifts.map((s) => `${s.name} ${s.start}–${s.end}`).join('; ') },
    { title: '', key: 'ops', width: 60, render: (_, c) => mayManage && <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(c)} aria-label={t('arrivals.checkpoints.edit')} /> },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <SearchInput value={q} onSearch={(v) => { setQ(v); setPage({ ...page, page: 1 }); }} placeholder={t('arrivals.checkpoints.name')} width={220} testId="checkpoints-search" />
        <DistrictFilterSelect value={districtCode} onChange={(d) => { setDistrictCode(d); setPage({ ...page, page: 1 }); }} width={180} />
        {mayManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="checkpoint-add">{t('arrivals.checkpoints.add')}</Button>}
      </Space>
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<Checkpoint>
        rowKey="id"
        size="middle"
        columns={columns}
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, showTotal: (n) => fmt.number(n), onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        data-testid="checkpoints-table"
      />
      <CheckpointModal checkpoint={editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); list.reload(); }} />
    </>
  );
}

interface FormValues {
  name: string; districtCode: string; communeCode?: string; road?: string; addressDetail?: string; lat?: number; lon?: number; status: CheckpointStatus;
  staff?: Array<{ name: string; unit?: string; phone?: string }>; shifts?: Array<{ name: string; start: string; end: string }>;
}

function fieldOf(f: string) {
  const top = f.split('/')[0]!;
  return ['name', 'districtCode', 'communeCode', 'road', 'addressDetail', 'lat', 'lon', 'status'].includes(top) ? top : undefined;
}

function CheckpointModal({ checkpoint, onClose, onSaved }: { checkpoint: Checkpoint | 'new' | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const opening = useOpenCount(checkpoint);
  return (
    <Modal open={checkpoint !== null} title={checkpoint === 'new' ? t('arrivals.checkpoints.add') : t('arrivals.checkpoints.edit')} onCancel={onClose} destroyOnHidden footer={null} width={720}>
      {checkpoint && <CheckpointForm key={opening} checkpoint={checkpoint} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function CheckpointForm({ checkpoint, onClose, onSaved }: { checkpoint: Checkpoint | 'new'; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { saving, error, otherIssues, run } = useFormSubmit(form, fieldOf);
  const districtCode = Form.useWatch('districtCode', form);
  const lat = Form.useWatch('lat', form);
  const lon = Form.useWatch('lon', form);
  const editing = checkpoint === 'new' ? null : checkpoint;
  const required = { required: true, message: t('declaration.required') };
  const submit = async (v: FormValues) => {
    await run(async () => {
      const json = {
        name: v.name, districtCode: v.districtCode, communeCode: v.communeCode ?? null, road: v.road?.trim() || null, addressDetail: v.addressDetail?.trim() || null,
        lat: v.lat ?? null, lon: v.lon ?? null, status: v.status, staff: (v.staff ?? []).map((s) => ({ name: s.name, unit: s.unit ?? null, phone: s.phone ?? null })), shifts: v.shifts ?? [],
      };
      if (editing) await apiRequest(arrivalsPaths.checkpoint(editing.id), { method: 'PUT', json });
      else await apiRequest(arrivalsPaths.checkpointCreate, { method: 'POST', json });
      message.success(t('arrivals.checkpoints.saved'));
      onSaved();
    });
  };
  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={editing ? {
        name: editing.name, districtCode: editing.districtCode ?? undefined, communeCode: editing.communeCode ?? undefined, road: editing.road ?? undefined, addressDetail: editing.addressDetail ?? undefined,
        lat: editing.lat ?? undefined, lon: editing.lon ?? undefined, status: editing.status, staff: editing.staff.map((s) => ({ name: s.name, unit: s.unit ?? undefined, phone: s.phone ?? undefined })), shifts: editing.shifts,
      } : { status: 'active', districtCode: me.scope.kind === 'district' ? me.scope.code : undefined, staff: [], shifts: [{ name: 'Ca 1', start: '06:00', end: '14:00' }, { name: 'Ca 2', start: '14:00', end: '22:00' }, { name: 'Ca 3', start: '22:00', end: '06:00' }] }}
      onValuesChange={(changed: Partial<FormValues>) => {
        clearEditedErrors(form, changed);
        if ('districtCode' in changed) form.setFieldValue('communeCode', undefined);
      }}
      onFinish={(v) => void submit(v)}
      disabled={saving}
      data-testid="checkpoint-form"
    >
      <FormErrorAlert error={error} testId="checkpoint-form-error" />
      <UnplacedIssuesAlert title={t('arrivals.checkpoints.edit')} issues={otherIssues} />
      <Row gutter={12}>
        <Col xs={24} md={16}><Form.Item name="name" label={t('arrivals.checkpoints.name')} rules={[{ ...required, whitespace: true }]}><Input maxLength={200} data-testid="checkpoint-name" /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="status" label={t('arrivals.checkpoints.status')}><Select options={CHECKPOINT_STATUSES.map((s) => ({ value: s, label: t(`arrivals.checkpoints.statuses.${s}`) }))} /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="districtCode" label={t('arrivals.checkpoints.district')} rules={[required]}><DistrictSelect /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="communeCode" label={t('arrivals.checkpoints.commune')}><CommuneSelect districtCode={districtCode} allowClear /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="road" label={t('arrivals.checkpoints.road')}><Input maxLength={200} /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="addressDetail" label={t('arrivals.checkpoints.address')}><Input maxLength={300} /></Form.Item></Col>
        <Col xs={12} md={6}><Form.Item name="lat" label={t('arrivals.checkpoints.lat')}><InputNumber min={8} max={24} step={0.0001} style={{ width: '100%' }} /></Form.Item></Col>
        <Col xs={12} md={6}><Form.Item name="lon" label={t('arrivals.checkpoints.lon')}><InputNumber min={102} max={110} step={0.0001} style={{ width: '100%' }} /></Form.Item></Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('arrivals.mapPick.title')}>
            <CheckpointLocationPicker
              value={lat != null && lon != null ? { lat, lon } : null}
              districtCode={districtCode}
              onChange={(p) => form.setFieldsValue({ lat: p.lat, lon: p.lon })}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.List name="staff">
        {(fields, { add, remove }) => (
          <Form.Item label={t('arrivals.checkpoints.staff')}>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" wrap>
                <Form.Item name={[f.name, 'name']} rules={[{ ...required, whitespace: true }]}><Input placeholder={t('arrivals.checkpoints.staffName')} maxLength={100} /></Form.Item>
                <Form.Item name={[f.name, 'unit']}><Input placeholder={t('arrivals.checkpoints.staffUnit')} maxLength={100} /></Form.Item>
                <Form.Item name={[f.name, 'phone']}><Input placeholder={t('arrivals.phone')} maxLength={20} /></Form.Item>
                <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
              </Space>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ name: '' })}>{t('arrivals.checkpoints.addStaff')}</Button>
          </Form.Item>
        )}
      </Form.List>
      <Form.List name="shifts">
        {(fields, { add, remove }) => (
          <Form.Item label={t('arrivals.checkpoints.shifts')}>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" wrap>
                <Form.Item name={[f.name, 'name']} rules={[required]}><Input placeholder={t('arrivals.checkpoints.shiftName')} maxLength={50} style={{ width: 100 }} /></Form.Item>
                <Form.Item name={[f.name, 'start']} rules={[required, { pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: 'HH:MM' }]}><Input placeholder="06:00" maxLength={5} style={{ width: 80 }} /></Form.Item>
                <Form.Item name={[f.name, 'end']} rules={[required, { pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: 'HH:MM' }]}><Input placeholder="14:00" maxLength={5} style={{ width: 80 }} /></Form.Item>
                <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
              </Space>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ name: '', start: '', end: '' })}>{t('arrivals.checkpoints.addShift')}</Button>
          </Form.Item>
        )}
      </Form.List>
      <FormFooter saving={saving} onClose={onClose} submitText={t('arrivals.checkpoints.add')} testId="checkpoint-submit" />
    </Form>
  );
}
