import { DeleteOutlined, EditOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Drawer, Form, Input, Modal, Popconfirm, Row, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest, errorText } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { FormErrorAlert, sameNames, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { useAreaFilter } from './area-filter.tsx';
import { communityPaths, type Paged, type Team, TEAM_ROLES, type TeamRow, type VillageList } from './community-api.ts';

/** Teams of the area, the villages of a commune still without one, a team's members. */
export function TeamsTab() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const manage = can(me, 'team:manage');
  const area = useAreaFilter();
  const [page, setPage] = useState(1);
  const list = useApi<Paged<TeamRow>>(communityPaths.teams({ communeCode: area.communeCode, page, pageSize: 20 }));
  const villages = useApi<VillageList>(area.communeCode ? communityPaths.villages(area.communeCode) : null);
  const [editing, setEditing] = useState<{ id: number | null; village?: string } | null>(null);
  const [shown, setShown] = useState<number | null>(null);
  const reload = () => { list.reload(); villages.reload(); };

  const columns: TableColumnsType<TeamRow> = [
    { title: t('community.teams.village'), dataIndex: 'village', render: (v: string, r) => <a onClick={() => setShown(r.id)} data-testid={`team-${r.id}`}>{v}</a> },
    { title: t('community.commune'), dataIndex: 'communeName' },
    { title: t('community.teams.leader'), key: 'leader', render: (_, r) => [r.leaderName, r.leaderPhone].filter(Boolean).join(' · ') },
    { title: t('community.teams.members'), dataIndex: 'members', width: 110, align: 'right' },
    { title: t('community.teams.openTasks'), dataIndex: 'openTasks', width: 120, align: 'right' },
    ...(manage ? [{ title: '', key: 'ops', width: 60, render: (_: unknown, r: TeamRow) => <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ id: r.id })} aria-label={t('community.teams.edit')} /> }] : []),
  ];
  const without = villages.data?.items.filter((v) => v.teamId === null) ?? [];
  return (
    <>
      <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        {area.selects ?? <span />}
        {manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ id: null })} data-testid="team-add">{t('community.teams.add')}</Button>}
      </Space>
      {villages.data ? (
        <Card size="small" style={{ marginBottom: 12 }} title={`${t('community.teams.villages')}: ${villages.data.communeName}`} data-testid="villages-card">
          <Typography.Paragraph>{t('community.teams.withoutTeam', { n: villages.data.withoutTeam, total: villages.data.villages })}</Typography.Paragraph>
          <Space wrap size={[4, 4]}>
            {without.map((v) => (
              <Tag key={v.villageKey} color="orange" style={{ cursor: manage ? 'pointer' : undefined }} onClick={() => manage && setEditing({ id: null, village: v.village })}>
                {v.village} ({fmt.number(v.people)}) {manage && <PlusOutlined />}
              </Tag>
            ))}
          </Space>
        </Card>
      ) : !area.communeCode && <Typography.Paragraph type="secondary">{t('community.teams.chooseCommune')}</Typography.Paragraph>}
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<TeamRow>
        rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.loading} scroll={{ x: 800 }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('community.total', { total: fmt.number(n) }) }}
        data-testid="teams-table"
      />
      <Modal open={editing !== null} title={editing?.id ? t('community.teams.edit') : t('community.teams.add')} onCancel={() => setEditing(null)} footer={null} destroyOnHidden>
        {editing && <TeamForm id={editing.id} village={editing.village} communeCode={area.communeCode} districtCode={area.districtCode} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); reload(); }} />}
      </Modal>
      <TeamDrawer id={shown} manage={manage} onClose={() => setShown(null)} onChanged={reload} />
    </>
  );
}

interface TeamValues { communeCode: string; village: string; name?: string; leaderName?: string; leaderPhone?: string }

function TeamForm({ id, village, communeCode, districtCode, onClose, onSaved }: { id: number | null; village?: string | undefined; communeCode: string | undefined; districtCode: string | undefined; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TeamValues>();
  const existing = useApi<Team>(id ? communityPaths.team(id) : null);
  const { saving, error, run } = useFormSubmit(form, sameNames(['communeCode', 'village', 'name', 'leaderName', 'leaderPhone'] as const));
  const communes = useApi<{ items: Array<{ code: string; name: string }> }>(!communeCode && districtCode ? `/api/places/units?level=commune&parent=${districtCode}&pageSize=500` : null);
  const submit = (v: TeamValues) => run(async () => {
    await apiRequest(id ? communityPaths.team(id) : communityPaths.createTeam, { method: id ? 'PUT' : 'POST', json: { ...v, name: v.name?.trim() || null, leaderName: v.leaderName?.trim() || null, leaderPhone: v.leaderPhone?.trim() || null } });
    onSaved();
  });
  if (id && !existing.data) return existing.error ? <ErrorAlert error={existing.error} /> : null;
  const e = existing.data;
  return (
    <Form layout="vertical" form={form} onFinish={(v) => void submit(v)} disabled={saving} data-testid="team-form"
      initialValues={e ? { communeCode: e.communeCode, village: e.village, name: e.name, leaderName: e.leaderName ?? undefined, leaderPhone: e.leaderPhone ?? undefined } : { communeCode, village }}>
      <FormErrorAlert error={error} testId="team-form-error" />
      {communeCode || e ? <Form.Item name="communeCode" hidden><Input /></Form.Item> : (
        <Form.Item name="communeCode" label={t('community.commune')} rules={[{ required: true, message: t('community.required') }]}>
          <Select showSearch optionFilterProp="label" options={(communes.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))} placeholder={districtCode ? undefined : t('area.chooseDistrictFirst')} />
        </Form.Item>
      )}
      <Form.Item name="village" label={t('community.teams.village')} rules={[{ required: true, message: t('community.required') }]}><Input maxLength={120} /></Form.Item>
      <Form.Item name="name" label={t('community.teams.name')}><Input maxLength={200} /></Form.Item>
      <Row gutter={12}>
        <Col span={12}><Form.Item name="leaderName" label={t('community.teams.leader')}><Input maxLength={120} /></Form.Item></Col>
        <Col span={12}><Form.Item name="leaderPhone" label={t('community.teams.leaderPhone')}><Input maxLength={20} /></Form.Item></Col>
      </Row>
      <FormFooter saving={saving} onClose={onClose} submitText={t('community.save')} testId="team-submit" />
    </Form>
  );
}

interface MemberValues { fullName: string; phone?: string; teamRole: string }

function TeamDrawer({ id, manage, onClose, onChanged }: { id: number | null; manage: boolean; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const lang = useLanguage();
  const team = useApi<Team>(id ? communityPaths.team(id) : null);
  const [form] = Form.useForm<MemberValues>();
  const { saving, error, run } = useFormSubmit(form, sameNames(['fullName', 'phone', 'teamRole'] as const));
  const add = (v: MemberValues) => run(async () => {
    await apiRequest(communityPaths.members(id!), { method: 'POST', json: { fullName: v.fullName, phone: v.phone?.trim() || null, teamRole: v.teamRole } });
    form.resetFields();
    team.reload();
    onChanged();
  });
  const act = async (path: string, method: 'POST' | 'DELETE') => {
    try {
      await apiRequest(path, { method, ...(method === 'POST' ? { json: {} } : {}) });
      message.success(t('community.saved'));
      team.reload();
      onChanged();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  };
  const d = team.data;
  return (
    <Drawer open={id !== null} onClose={onClose} title={d ? <><TeamOutlined /> {d.name}</> : ''} width={480} destroyOnHidden>
      {team.error && <ErrorAlert error={team.error} onRetry={team.reload} />}
      {d && (
        <>
          <Typography.Paragraph>{d.village} · {d.communeName}</Typography.Paragraph>
          <Table rowKey="id" size="small" pagination={false} dataSource={d.members} data-testid="members-table" columns={[
            { title: t('community.teams.memberName'), dataIndex: 'fullName' },
            { title: t('community.teams.phone'), dataIndex: 'phone' },
            { title: t('community.teams.teamRole'), dataIndex: 'teamRole', render: (r: string) => t(`community.teams.roles.${r as 'member'}`) },
            ...(manage ? [{ title: '', key: 'ops', width: 40, render: (_: unknown, m: Team['members'][number]) => <Button size="small" danger icon={<DeleteOutlined />} onClick={() => void act(communityPaths.member(d.id, m.id), 'DELETE')} aria-label={t('community.teams.remove')} /> }] : []),
          ]} />
          {manage && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>{t('community.teams.addMember')}</Typography.Title>
              <Form layout="vertical" form={form} onFinish={(v) => void add(v)} disabled={saving} initialValues={{ teamRole: 'member' }} data-testid="member-form">
                <FormErrorAlert error={error} testId="member-form-error" />
                <Form.Item name="fullName" label={t('community.teams.memberName')} rules={[{ required: true, message: t('community.required') }]}><Input maxLength={120} /></Form.Item>
                <Row gutter={12}>
                  <Col span={12}><Form.Item name="phone" label={t('community.teams.phone')}><Input maxLength={20} /></Form.Item></Col>
                  <Col span={12}><Form.Item name="teamRole" label={t('community.teams.teamRole')}><Select options={TEAM_ROLES.map((r) => ({ value: r, label: t(`community.teams.roles.${r}`) }))} /></Form.Item></Col>
                </Row>
                <Button type="primary" htmlType="submit" loading={saving} icon={<PlusOutlined />}>{t('community.teams.addMember')}</Button>
              </Form>
              <Popconfirm title={t('community.teams.disbandConfirm')} onConfirm={() => void act(communityPaths.deactivate(d.id), 'POST').then(onClose)}>
                <Button danger style={{ marginTop: 24 }}>{t('community.teams.disband')}</Button>
              </Popconfirm>
            </>
          )}
        </>
      )}
    </Drawer>
  );
}
