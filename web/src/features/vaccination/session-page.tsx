import { ArrowLeftOutlined, DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Form, InputNumber, Select, Space, Switch, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useDownload } from '../../shared/hooks/use-download.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { CommuneSelect, DistrictSelect } from '../../shared/ui/area-selects.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { clearEditedErrors, FormErrorAlert, sameNames, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { PageHeader } from '../../shared/ui/page-header.tsx';
import { RemoteSelect } from '../../shared/ui/remote-select.tsx';
import { usePriorityGroupOptions } from './session-create-modal.tsx';
import { type Invitee, type Invitees, type Product, putJson, vaccinationPaths } from './vaccination-api.ts';

interface BuildValues { priorityGroup: string; enterpriseId?: number; districtCode?: string; communeCode?: string; minAge?: number | null; maxAge?: number | null; limit?: number | null }
const BUILD_FIELDS = ['priorityGroup', 'enterpriseId', 'districtCode', 'communeCode', 'minAge', 'maxAge', 'limit'] as const;

/** `/vaccination/sessions/:id`: a session's invited list, built by priority group, enterprise, area and ages; attendance ticked per person. */
export default function SessionPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const list = useApi<Invitees>(vaccinationPaths.invitees(id));
  const groups = usePriorityGroupOptions();
  const products = useApi<Product[]>(vaccinationPaths.products);
  const { downloading, download } = useDownload();
  const [saving, setSaving] = useState<number | null>(null);
  const s = list.data?.session;
  const items = list.data?.items ?? [];
  const attended = items.filter((i) => i.attended).length;

  const setAttended = async (personId: number, value: boolean) => {
    setSaving(personId);
    try {
      await putJson(vaccinationPaths.attendance(id, personId), { attended: value });
      message.success(t('vaccination.session.attendanceSaved'));
      list.reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(null);
    }
  };
  // Name, attendance and the dose link first: on a phone they stay in view, the rest scrolls.
  const columns: TableColumnsType<Invitee> = [
    { title: t('vaccination.session.person'), dataIndex: 'fullName' },
    {
      title: t('vaccination.session.attended'), dataIndex: 'attended', width: 80,
      render: (v: boolean, r) => <Switch checked={v} loading={saving === r.personId} disabled={!can(me, 'vaccination:record')} onChange={(x) => void setAttended(r.personId, x)} data-testid={`attended-${r.personId}`} />,
    },
    ...(can(me, 'vaccination:record') ? [{
      key: 'record', width: 120,
      render: (_: unknown, r: Invitee) => <Link to={`/ghi-mui-tiem?personId=${r.personId}&sessionId=${id}&name=${encodeURIComponent(r.fullName)}`}>{t('vaccination.session.record')}</Link>,
    }] : []),
    { title: t('vaccination.session.dateOfBirth'), dataIndex: 'dateOfBirth', width: 110, render: (v: string | null) => (v && !v.includes('*') ? fmt.date(v) : v ?? '') },
    { title: t('vaccination.session.priority'), dataIndex: 'priorityGroup', render: (g: string | null) => groups.labelOf(g) },
  ];
  return (
    <div>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => void navigate('/vaccination/sessions')} style={{ paddingLeft: 0 }}>{t('vaccination.session.back')}</Button>
      <PageHeader title={s ? t('vaccination.session.title', { date: fmt.date(s.date), site: s.siteName }) : t('vaccination.session.open')} />
      {list.error && <ErrorAlert error={list.error} />}
      {s && (
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }} style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('vaccination.sessionForm.shift')}>{t(`vaccination.sessions.shifts.${s.shift}`, { defaultValue: s.shift })}</Descriptions.Item>
          <Descriptions.Item label={t('vaccination.sessionForm.product')}>{s.productCode ? products.data?.find((p) => p.code === s.productCode)?.name ?? s.productCode : '–'}</Descriptions.Item>
          <Descriptions.Item label={t('vaccination.sessionForm.groups')}>{s.priorityGroups.map((g) => groups.labelOf(g)).join(', ') || '–'}</Descriptions.Item>
          <Descriptions.Item label={t('vaccination.session.attended')} >
            <span data-testid="session-summary">{t('vaccination.session.summary', { attended, invited: items.length, capacity: s.capacity })}</span>
          </Descriptions.Item>
        </Descriptions>
      )}
      {can(me, 'vaccination:write') && <BuildCard sessionId={id} onBuilt={list.reload} />}
      <Space style={{ margin: '12px 0' }} wrap>
        <Button icon={<DownloadOutlined />} loading={downloading} disabled={items.length === 0} onClick={() => void download(vaccinationPaths.inviteesXlsx(id), `danh-sach-moi-tiem-${id}.xlsx`)}>
          {t('vaccination.session.export')}
        </Button>
        {can(me, 'vaccination:record') && <Link to={`/ghi-mui-tiem?sessionId=${id}`}><Button icon={<EditOutlined />}>{t('vaccination.session.record')}</Button></Link>}
      </Space>
      <Table<Invitee> size="small" rowKey="personId" loading={list.loading} dataSource={items} columns={columns} scroll={{ x: 640 }}
        locale={{ emptyText: t('vaccination.session.empty') }} pagination={{ pageSize: 50, showSizeChanger: false }} data-testid="invitees-table" />
    </div>
  );
}

function BuildCard({ sessionId, onBuilt }: { sessionId: number; onBuilt: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<BuildValues>();
  const groups = usePriorityGroupOptions();
  const districtCode = Form.useWatch('districtCode', form);
  const { saving, error, otherIssues, run } = useFormSubmit(form, sameNames(BUILD_FIELDS));
  const submit = (v: BuildValues) =>
    run(async () => {
      const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null && x !== ''));
      const r = await api.post<{ invited: number }>(vaccinationPaths.buildInvitees(sessionId), body);
      message.success(t('vaccination.session.built', { n: r.invited }));
      onBuilt();
    });
  return (
    <Card size="small" title={t('vaccination.session.build')}>
      <Typography.Paragraph type="secondary">{t('vaccination.session.buildHint')}</Typography.Paragraph>
      <Form<BuildValues> form={form} layout="vertical" disabled={saving} onFinish={(v) => void submit(v)} data-testid="build-form"
        onValuesChange={(c: Partial<BuildValues>) => {
          clearEditedErrors(form, c);
          if ('districtCode' in c) form.setFieldValue('communeCode', undefined);
        }}>
        <FormErrorAlert error={error} />
        <UnplacedIssuesAlert title={t('vaccination.sessionForm.rejected')} issues={otherIssues} />
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="priorityGroup" label={t('vaccination.session.group')} rules={[{ required: true, message: t('testing.required') }]} style={{ flex: '1 1 240px' }}>
            <Select loading={groups.loading} options={groups.options} data-testid="build-group" />
          </Form.Item>
          <Form.Item name="enterpriseId" label={t('vaccination.session.enterprise')} style={{ flex: '1 1 240px' }}>
            <RemoteSelect<{ id: number; name: string }> searchPaths={(text) => (text.trim().length >= 2 ? vaccinationPaths.enterprises(text) : null)} idOf={(e) => e.id} labelOf={(e) => e.name}
              placeholder={t('vaccination.session.enterpriseSearch')} notFound={(searching) => (searching ? t('app.noData') : null)} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="districtCode" label={t('vaccination.session.district')} style={{ flex: '1 1 160px' }}>
            <DistrictSelect allowClear />
          </Form.Item>
          <Form.Item name="communeCode" label={t('vaccination.session.commune')} style={{ flex: '1 1 160px' }}>
            <CommuneSelect districtCode={districtCode} allowClear />
          </Form.Item>
          <Form.Item name="minAge" label={t('vaccination.session.minAge')} style={{ flex: '0 1 100px' }}>
            <InputNumber<number> min={0} max={120} precision={0} style={{ width: '100%' }} data-testid="build-min-age" />
          </Form.Item>
          <Form.Item name="maxAge" label={t('vaccination.session.maxAge')} style={{ flex: '0 1 100px' }}>
            <InputNumber<number> min={0} max={120} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="limit" label={t('vaccination.session.limit')} extra={t('vaccination.session.limitHint')} style={{ flex: '0 1 160px' }}>
            <InputNumber<number> min={1} max={5000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="build-submit">{t('vaccination.session.buildSubmit')}</Button>
      </Form>
    </Card>
  );
}
