import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Popconfirm, Result, Skeleton, Space, Table, type TableColumnsType, Tooltip, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, apiRequest, errorText } from '../../shared/api/client.ts';
import { useRouteRecord } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { CaseSelect, type PickedCase } from './case-select.tsx';
import { ClusterFormModal } from './cluster-form-modal.tsx';
import { ClusterStatusTag } from './cluster-tags.tsx';
import { type ClusterCase, type ClusterDetail, clustersPaths } from './clusters-api.ts';

const CASE_STATUSES = ['isolated', 'in_treatment', 'recovered', 'died'] as const;
type CaseStatus = (typeof CASE_STATUSES)[number];

interface Props {
  /**
   * The cluster's chain of transmission, composed by the app (this feature draws no graph itself).
   * `revision` changes whenever the cluster's cases do: key the chain with it to redraw.
   */
  chain?: (clusterId: number, revision: string) => ReactNode;
}

/** One cluster: its figures, its cases (linked to their pages), adding and removing cases, its chain. */
export default function ClusterDetailPage({ chain }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const { message } = App.useApp();
  const { id, valid, detail, record: c } = useRouteRecord<ClusterDetail>(clustersPaths.one);
  const mayWrite = can(me, 'cluster:write');
  const [editing, setEditing] = useState<ClusterDetail | null>(null);
  const [adding, setAdding] = useState<PickedCase[]>([]);
  const [busy, setBusy] = useState(false);

  if (!valid) return <Result status="404" title="404" subTitle={t('notFound.title')} />;

  const addCases = async () => {
    if (adding.length === 0) return;
    setBusy(true);
    try {
      await api.post<ClusterDetail>(clustersPaths.cases(id), { caseIds: adding.map((a) => a.value) });
      message.success(t('clusters.detail.added', { count: adding.length }));
      setAdding([]);
      detail.reload();
    } catch (e) {
      message.error(errorText(e, fmt.lang));
    } finally {
      setBusy(false);
    }
  };

  const removeCase = async (k: ClusterCase) => {
    try {
      await apiRequest<ClusterDetail>(clustersPaths.removeCase(id, k.id), { method: 'DELETE' });
      message.success(t('clusters.detail.removed', { caseCode: k.caseCode }));
      detail.reload();
    } catch (e) {
      message.error(errorText(e, fmt.lang));
    }
  };

  const statusLabel = (s: string) => ((CASE_STATUSES as readonly string[]).includes(s) ? t(`clusters.caseStatuses.${s as CaseStatus}`) : s);
  const columns: TableColumnsType<ClusterCase> = [
    { title: t('clusters.detail.caseCode'), dataIndex: 'caseCode', width: 110, render: (code: string, k) => <Link to={`/cases/${k.id}`}>{code}</Link> },
    {
      title: t('clusters.detail.fullName'),
      dataIndex: 'fullName',
      render: (name: string, k) => (
        <>
          {name}{' '}
          {k.masked && (
            <Tooltip title={t('tracing.masked')}>
              <LockOutlined style={{ color: 'rgba(0,0,0,0.45)' }} />
            </Tooltip>
          )}
        </>
      ),
    },
    { title: t('clusters.detail.confirmationDate'), dataIndex: 'confirmationDate', width: 130, render: (d: string) => fmt.date(d) },
    { title: t('clusters.commune'), dataIndex: 'communeName', width: 180, render: (v: string | null) => v ?? '–' },
    { title: t('clusters.detail.caseStatus'), dataIndex: 'status', width: 130, render: statusLabel },
  ];
  if (mayWrite) {
    columns.push({
      key: 'remove',
      width: 60,
      render: (_, k) => (
        <Popconfirm title={t('clusters.detail.removeConfirm', { caseCode: k.caseCode })} okText={t('clusters.detail.remove')} cancelText={t('app.cancel')} okButtonProps={{ danger: true }} onConfirm={() => removeCase(k)}>
          <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('clusters.detail.remove')} />
        </Popconfirm>
      ),
    });
  }

  return (
    <div>
      <Link to="/clusters">
        <ArrowLeftOutlined /> {t('clusters.detail.back')}
      </Link>
      {detail.error && <div style={{ marginTop: 12 }}><ErrorAlert error={detail.error} onRetry={detail.reload} /></div>}
      {!c && detail.loading && <Skeleton active style={{ marginTop: 16 }} />}
      {c && (
        <>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between', margin: '8px 0 12px' }}>
            <Space wrap>
              <Typography.Title level={3} style={{ margin: 0 }} data-testid="cluster-title">
                {c.name}
              </Typography.Title>
              <ClusterStatusTag status={c.status} />
            </Space>
            {mayWrite && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(c)} data-testid="cluster-edit">
                {t('clusters.edit')}
              </Button>
            )}
          </div>
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, md: 2, xxl: 3 }}
            style={{ marginBottom: 16, background: '#fff' }}
            items={[
              { key: 'placeKind', label: t('clusters.placeKind'), children: t(`clusters.placeKinds.${c.placeKind}`) },
              { key: 'place', label: t('clusters.place'), children: [c.orgUnitName, c.communeName, c.districtName].filter(Boolean).join(', ') || '–' },
              { key: 'cases', label: t('clusters.cases'), children: fmt.number(c.cases.length) },
              { key: 'first', label: t('clusters.firstCase'), children: fmt.date(c.firstCaseDate) },
              { key: 'last', label: t('clusters.lastCase'), children: fmt.date(c.lastCaseDate) },
              { key: 'age', label: t('clusters.age'), children: fmt.number(c.ageDays) },
              { key: 'controlDays', label: t('clusters.controlDays'), children: fmt.number(c.controlDays) },
              { key: 'controlledOn', label: t('clusters.controlledOnLabel'), children: fmt.date(c.controlledOn) },
              { key: 'daysToControl', label: t('clusters.daysToControl'), children: fmt.number(c.daysToControl) },
              { key: 'note', label: t('clusters.note'), children: c.note ?? '–', span: 'filled' },
            ]}
          />

          <Card size="small" title={t('clusters.detail.casesTitle')} style={{ marginBottom: 16 }}>
            {mayWrite && (
              <div style={{ display: 'flex', gap: 8, marginBottom: 12, flexWrap: 'wrap' }}>
                <div style={{ flex: '1 1 320px', minWidth: 0 }}>
                  <CaseSelect value={adding} onChange={setAdding} exclude={c.cases.map((k) => k.id)} testId="cluster-add-cases" />
                </div>
                <Button type="primary" icon={<PlusOutlined />} disabled={adding.length === 0} loading={busy} onClick={() => void addCases()}>
                  {t('clusters.detail.addCases')}
                </Button>
              </div>
            )}
            <Table<ClusterCase> rowKey="id" size="small" columns={columns} dataSource={c.cases} pagination={c.cases.length > 20 ? { pageSize: 20 } : false} scroll={{ x: 640 }} data-testid="cluster-cases" />
          </Card>

          {chain && (
            <Card size="small" title={t('clusters.detail.chainTitle')}>
              {chain(c.id, c.cases.map((k) => k.id).join(','))}
            </Card>
          )}
        </>
      )}
      {mayWrite && (
        <ClusterFormModal
          cluster={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            detail.reload();
          }}
        />
      )}
    </div>
  );
}
