import { App, Card, Checkbox, Collapse, DatePicker, Descriptions, Empty, Progress, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest, errorText } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { todayInVietnam, useFormat } from '../../shared/i18n/format.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { type Checklist, type F0Case, type F0Contact, type F0View, workPaths } from './work-status-api.ts';

const KIND_COLOR: Record<string, string> = { workshop_shift: 'purple', bus_route: 'orange', room: 'cyan', household: 'geekblue', venue: 'magenta', manual: 'default' };

/** The F0 view: workers who are cases, their traced contacts by how they met, and each event's checklist. */
export function F0Tab({ enterpriseId, mayWrite }: { enterpriseId: number; mayWrite: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  // No date: the server's (the latest confirmation day), then the one picked.
  const [date, setDate] = useState<string | undefined>(undefined);
  const view = useApi<F0View>(workPaths.f0(enterpriseId, date));
  const v = view.data;

  return (
    <div data-testid="enterprise-f0">
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker format="DD/MM/YYYY" allowClear={false} value={dayjs(date ?? v?.to ?? todayInVietnam())} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} />
        {v && <Typography.Text type="secondary">{t('enterpriseWork.f0Window', { from: fmt.date(v.from), to: fmt.date(v.to) })}</Typography.Text>}
      </Space>
      {view.error && <ErrorAlert error={view.error} onRetry={view.reload} />}
      {v && !v.traced && <Typography.Paragraph type="warning">{t('enterpriseWork.notTraced')}</Typography.Paragraph>}
      {v && v.cases.length === 0 && <Empty description={t('enterpriseWork.noF0')} />}
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {v?.cases.map((c) => <F0Card key={c.caseId} enterpriseId={enterpriseId} c={c} mayWrite={mayWrite} />)}
      </Space>
    </div>
  );
}

function F0Card({ enterpriseId, c, mayWrite }: { enterpriseId: number; c: F0Case; mayWrite: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [checklist, setChecklist] = useState<Checklist>(c.checklist);
  const totals = c.groups.reduce((s, g) => ({ f1: s.f1 + g.f1, f2: s.f2 + g.f2 }), { f1: 0, f2: 0 });
  return (
    <Card
      size="small" data-testid="f0-card"
      title={<Space wrap><Tag color="red">F0</Tag><b>{c.caseCode}</b>{c.employeeCode} · {c.fullName}</Space>}
      extra={<Typography.Text type="secondary">{t('enterpriseWork.confirmedOn', { date: fmt.date(c.confirmationDate) })}{c.open ? '' : ` · ${t('enterpriseWork.closed')}`}</Typography.Text>}
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('enterprises.worker.workshop')}>{[c.workshopName, c.shiftName].filter(Boolean).join(' – ') || '–'}</Descriptions.Item>
        <Descriptions.Item label={t('enterprises.worker.busRoute')}>{c.busRouteName ?? '–'}</Descriptions.Item>
        <Descriptions.Item label={t('enterprises.worker.lodging')}>{c.roomLabel ? `${c.lodgingName ?? ''} · ${c.roomLabel}` : '–'}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>{t('enterpriseWork.contacts', { f1: totals.f1, f2: totals.f2 })}</Typography.Title>
      {c.groups.length === 0 ? <Typography.Text type="secondary">{t('enterpriseWork.noContacts')}</Typography.Text> : (
        <Collapse
          size="small" style={{ marginBottom: 12 }}
          items={c.groups.map((g) => ({
            key: g.kind,
            label: <Space><Tag color={KIND_COLOR[g.kind]}>{t(`enterpriseWork.kinds.${g.kind}`)}</Tag>F1: {g.f1} · F2: {g.f2}</Space>,
            children: (
              <Table<F0Contact>
                size="small" rowKey="personId" pagination={g.contacts.length > 10 ? { pageSize: 10, showSizeChanger: false } : false} dataSource={g.contacts}
                columns={[
                  { title: '', dataIndex: 'level', width: 60, render: (l: number) => <Tag color={l === 1 ? 'volcano' : 'gold'}>F{l}</Tag> },
                  { title: t('enterprises.worker.fullName'), dataIndex: 'fullName', render: (n: string, x) => <>{n} {x.workerId && <Tag>{t('enterpriseWork.ourWorker')}</Tag>}</> },
                  { title: t('enterpriseWork.group'), key: 'group', render: (_: unknown, x) => [x.orgName, x.groupLabel].filter(Boolean).join(' · ') || '–' },
                  { title: t('enterpriseWork.exposedOn'), dataIndex: 'date', width: 120, render: (d: string) => fmt.date(d) },
                  { title: t('enterprises.worker.phone'), dataIndex: 'phone', width: 130, render: (p: string | null) => p ?? '–' },
                ]}
              />
            ),
          }))}
        />
      )}
      <ChecklistPanel enterpriseId={enterpriseId} caseId={c.caseId} checklist={checklist} onChange={setChecklist} mayWrite={mayWrite} />
    </Card>
  );
}

function ChecklistPanel({ enterpriseId, caseId, checklist, onChange, mayWrite }: { enterpriseId: number; caseId: number; checklist: Checklist; onChange: (c: Checklist) => void; mayWrite: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const [saving, setSaving] = useState<string | null>(null);
  const save = async (key: string, done: boolean, note: string | null) => {
    setSaving(key);
    try {
      onChange(await apiRequest<Checklist>(workPaths.check(enterpriseId, caseId, key), { method: 'PUT', json: { done, note } }));
    } catch (e) {
      message.error(errorText(e, fmt.lang));
    } finally {
      setSaving(null);
    }
  };
  return (
    <div data-testid="f0-checklist">
      <Space style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>{t('enterpriseWork.checklist')}</Typography.Title>
        <Progress percent={Math.round((checklist.done * 100) / Math.max(1, checklist.total))} size="small" style={{ width: 160 }} format={() => `${checklist.done}/${checklist.total}`} />
      </Space>
      <Table
        size="small" rowKey="key" pagination={false} dataSource={checklist.items}
        columns={[
          {
            title: '', dataIndex: 'done', width: 48,
            render: (d: boolean, i) => <Checkbox checked={d} disabled={!mayWrite || saving === i.key} onChange={(e) => void save(i.key, e.target.checked, i.note)} data-testid={`f0-check-${i.key}`} />,
          },
          { title: t('enterpriseWork.item'), key: 'label', render: (_: unknown, i) => (fmt.lang === 'vi' ? i.label.vi : i.label.en) },
          {
            title: t('enterpriseWork.note'), dataIndex: 'note',
            render: (n: string | null, i) => (
              <Typography.Text editable={mayWrite ? { onChange: (text) => { if (text !== (n ?? '')) void save(i.key, i.done, text || null); } } : false}>{n ?? ''}</Typography.Text>
            ),
          },
          { title: '', key: 'by', width: 220, render: (_: unknown, i) => <Typography.Text type="secondary">{i.updatedAt ? [i.doneOn && fmt.date(i.doneOn), i.updatedBy].filter(Boolean).join(' · ') : ''}</Typography.Text> },
        ]}
      />
    </div>
  );
}
