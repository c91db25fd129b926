import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Form, Input, Popconfirm, Row, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiRequest, errorText } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { CommuneSelect, DistrictSelect } from '../../shared/ui/area-selects.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { enterprisePaths, parseRoomLines, type Structure } from './enterprises-api.ts';

/** Workshops, shifts, bus routes and dormitories: the groups tracing follows, as the enterprise keeps them. */
export function StructureTab({ enterpriseId, mayWrite }: { enterpriseId: number; mayWrite: boolean }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();
  const structure = useApi<Structure>(enterprisePaths.structure(enterpriseId));
  const s = structure.data;

  const send = async (path: string, method: 'POST' | 'DELETE', json?: unknown) => {
    try {
      const r = await apiRequest<{ deactivated?: boolean }>(path, { method, ...(json ? { json } : {}) });
      message.success(method === 'DELETE' ? (r.deactivated ? t('enterprises.structure.deactivated') : t('enterprises.structure.removed')) : t('enterprises.saved'));
      structure.reload();
      return true;
    } catch (e) {
      message.error(errorText(e, lang));
      return false;
    }
  };
  const inactive = (active: boolean) => (active ? null : <Tag>{t('enterprises.structure.inactive')}</Tag>);
  const remove = (path: string) => (
    <Popconfirm title={t('enterprises.structure.remove')} onConfirm={() => void send(path, 'DELETE')}>
      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('enterprises.structure.remove')} />
    </Popconfirm>
  );

  if (structure.error) return <ErrorAlert error={structure.error} onRetry={structure.reload} />;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('enterprises.structure.workshops')} loading={!s}>
          <Table size="small" rowKey="id" pagination={false} dataSource={s?.workshops ?? []} locale={{ emptyText: t('enterprises.structure.empty') }}
            columns={[
              { dataIndex: 'name', render: (n: string, w) => <>{n} {inactive(w.active)}</> },
              ...(mayWrite ? [{ key: 'x', width: 48, render: (_: unknown, w: Structure['workshops'][number]) => remove(enterprisePaths.workshops(enterpriseId, w.id)) }] : []),
            ]} showHeader={false}
          />
          {mayWrite && (
            <AddForm fields={[{ name: 'name', label: t('enterprises.name'), width: 220 }]} onAdd={(v) => send(enterprisePaths.workshops(enterpriseId), 'POST', { name: v.name })} testId="add-workshop" />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('enterprises.structure.shifts')} loading={!s}>
          <Table size="small" rowKey="id" pagination={false} dataSource={s?.shifts ?? []} locale={{ emptyText: t('enterprises.structure.empty') }} showHeader={false}
            columns={[
              { dataIndex: 'name', render: (n: string, x) => <>{n} {inactive(x.active)}</> },
              { key: 'time', render: (_: unknown, x) => `${x.startTime}–${x.endTime}` },
              ...(mayWrite ? [{ key: 'x', width: 48, render: (_: unknown, x: Structure['shifts'][number]) => remove(enterprisePaths.shifts(enterpriseId, x.id)) }] : []),
            ]}
          />
          {mayWrite && (
            <AddForm
              fields={[{ name: 'name', label: t('enterprises.name'), width: 140 }, { name: 'startTime', label: t('enterprises.structure.startTime'), width: 90, placeholder: '06:00' }, { name: 'endTime', label: t('enterprises.structure.endTime'), width: 90, placeholder: '14:00' }]}
              onAdd={(v) => send(enterprisePaths.shifts(enterpriseId), 'POST', v)} testId="add-shift"
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('enterprises.structure.busRoutes')} loading={!s}>
          <Table size="small" rowKey="id" pagination={false} dataSource={s?.busRoutes ?? []} locale={{ emptyText: t('enterprises.structure.empty') }}
            columns={[
              { title: t('enterprises.name'), dataIndex: 'name', render: (n: string, r) => <>{n} {inactive(r.active)}</> },
              { title: t('enterprises.structure.vehiclePlate'), dataIndex: 'vehiclePlate' },
              { title: t('enterprises.structure.driverName'), dataIndex: 'driverName', render: (d: string | null, r) => [d, r.driverPhone].filter(Boolean).join(' · ') || '–' },
              { title: t('enterprises.structure.stops'), dataIndex: 'stops', render: (stops: string[]) => stops.join(' → ') || '–' },
            ]}
          />
          {mayWrite && (
            <AddForm
              fields={[
                { name: 'name', label: t('enterprises.name'), width: 150 }, { name: 'vehiclePlate', label: t('enterprises.structure.vehiclePlate'), width: 110, placeholder: '98B-123.45' },
                { name: 'driverName', label: t('enterprises.structure.driverName'), width: 150 }, { name: 'stops', label: t('enterprises.structure.stops'), width: 220, placeholder: t('enterprises.structure.stopsHint'), area: true },
              ]}
              onAdd={(v) => send(enterprisePaths.busRoutes(enterpriseId), 'POST', {
                name: v.name, vehiclePlate: v.vehiclePlate || null, driverName: v.driverName || null, stops: (v.stops ?? '').split('\n').map((x) => x.trim()).filter(Boolean),
              })}
              testId="add-bus-route"
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('enterprises.structure.dormitories')} loading={!s}>
          <Table size="small" rowKey="id" pagination={false} dataSource={s?.dormitories ?? []} locale={{ emptyText: t('enterprises.structure.empty') }}
            columns={[
              { title: t('enterprises.name'), dataIndex: 'name' },
              { title: t('enterprises.commune'), dataIndex: 'communeName' },
              { title: t('enterprises.structure.rooms'), dataIndex: 'rooms', render: (rooms: Structure['dormitories'][number]['rooms']) => rooms.map((r) => (r.capacity ? `${r.label} (${r.capacity})` : r.label)).join(', ') },
            ]}
          />
          {mayWrite && <DormitoryForm onAdd={(v) => send(enterprisePaths.dormitories(enterpriseId), 'POST', v)} />}
        </Card>
      </Col>
    </Row>
  );
}

interface FieldSpec { name: string; label: string; width: number; placeholder?: string; area?: boolean }

function AddForm({ fields, onAdd, testId }: { fields: FieldSpec[]; onAdd: (v: Record<string, string>) => Promise<boolean>; testId: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Record<string, string>>();
  return (
    <Form form={form} layout="inline" style={{ marginTop: 12, rowGap: 8 }} data-testid={testId}
      onFinish={(v) => void onAdd(v).then((ok) => ok && form.resetFields())}>
      {fields.map((f, i) => (
        <Form.Item key={f.name} name={f.name} rules={i === 0 ? [{ required: true, whitespace: true, message: t('enterprises.required') }] : []}>
          {f.area ? <Input.TextArea rows={2} placeholder={f.placeholder ?? f.label} style={{ width: f.width }} /> : <Input placeholder={f.placeholder ?? f.label} aria-label={f.label} style={{ width: f.width }} />}
        </Form.Item>
      ))}
      <Button htmlType="submit" icon={<PlusOutlined />}>{t('enterprises.structure.add')}</Button>
    </Form>
  );
}

function DormitoryForm({ onAdd }: { onAdd: (v: object) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string; districtCode?: string; communeCode: string; addressDetail?: string; rooms: string }>();
  const districtCode = Form.useWatch('districtCode', form);
  const required = { required: true, message: t('enterprises.required') };
  return (
    <Form form={form} layout="vertical" style={{ marginTop: 12 }} data-testid="add-dormitory"
      onFinish={(v) => void onAdd({ name: v.name, communeCode: v.communeCode, addressDetail: v.addressDetail || null, rooms: parseRoomLines(v.rooms ?? '') }).then((ok) => ok && form.resetFields())}>
      <Space wrap align="start">
        <Form.Item name="name" rules={[{ ...required, whitespace: true }]}><Input placeholder={t('enterprises.name')} style={{ width: 180 }} /></Form.Item>
        <Form.Item name="districtCode" rules={[required]}><DistrictSelect placeholder={t('enterprises.district')} style={{ width: 160 }} /></Form.Item>
        <Form.Item name="communeCode" rules={[required]}><CommuneSelect districtCode={districtCode} placeholder={t('enterprises.commune')} style={{ width: 160 }} /></Form.Item>
      </Space>
      <Form.Item name="addressDetail"><Input placeholder={t('enterprises.addressDetail')} /></Form.Item>
      <Form.Item name="rooms" extra={t('enterprises.structure.roomsHint')}><Input.TextArea rows={3} placeholder={'P101, 6\nP102, 6'} /></Form.Item>
      <Button htmlType="submit" icon={<PlusOutlined />}>{t('enterprises.structure.add')}</Button>
    </Form>
  );
}
