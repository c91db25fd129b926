import { CheckCircleOutlined, EditOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Space, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { api, errorText } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { PageHeader } from '../../shared/ui/page-header.tsx';
import { EnterpriseFormModal, StatusModal } from './enterprise-form-modal.tsx';
import { FreshnessTag, StatusTag } from './enterprise-tags.tsx';
import { type EnterpriseDetail, enterprisePaths, type Park } from './enterprises-api.ts';
import { StructureTab } from './structure-tab.tsx';
import { WorkersTab } from './workers-tab.tsx';
import { F0Tab } from './f0-tab.tsx';
import { WorkTodayTab } from './work-today-tab.tsx';

const TABS = ['overview', 'structure', 'workers', 'today', 'f0'] as const;
type TabKey = (typeof TABS)[number];

/** One enterprise: overview with operating status and list freshness, its structure, its workers. */
export default function EnterpriseDetailPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const tab: TabKey = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabKey) : 'overview';
  const detail = useApi<EnterpriseDetail>(Number.isInteger(id) && id > 0 ? enterprisePaths.one(id) : null);
  const parks = useApi<Park[]>(enterprisePaths.parks);
  const [editing, setEditing] = useState(false);
  const [changingStatus, setChangingStatus] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const e = detail.data;
  const mayWrite = can(me, 'enterprise:write') && (me.scope.kind === 'province' || me.role === 'enterprise');
  const mayImport = can(me, 'worker:import') && (me.scope.kind === 'province' || me.role === 'enterprise');

  if (detail.error) return <ErrorAlert error={detail.error} onRetry={detail.reload} />;
  if (!e) return <Card loading />;

  const confirm = async () => {
    setConfirming(true);
    try {
      await api.post(enterprisePaths.confirm(e.id));
      message.success(t('enterprises.confirmDone'));
      detail.reload();
    } catch (err) {
      message.error(errorText(err, fmt.lang));
    } finally {
      setConfirming(false);
    }
  };

  const overview = (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('enterprises.taxCode')}>{e.taxCode ?? '–'}</Descriptions.Item>
        <Descriptions.Item label={t('enterprises.sector')}>{e.sector ?? '–'}</Descriptions.Item>
        <Descriptions.Item label={t('enterprises.park')}>{e.parkName ?? '–'}</Descriptions.Item>
        <Descriptions.Item label={t('enterprises.addressDetail')}>{[e.addressDetail, e.communeName, e.districtName].filter(Boolean).join(', ') || '–'}</Descriptions.Item>
        <Descriptions.Item label={t('enterprises.declaredWorkforce')}>{fmt.number(e.declaredWorkforce)}</Descriptions.Item>
        <Descriptions.Item label={t('enterprises.workers')}>{fmt.number(e.workers)}</Descriptions.Item>
        <Descriptions.Item label={t('enterprises.contactName')}>{e.contactName ?? '–'}</Descriptions.Item>
        <Descriptions.Item label={t('enterprises.contactPhone')}>{e.contactPhone ?? '–'}</Descriptions.Item>
        <Descriptions.Item label={t('enterprises.status')}>
          <StatusTag status={e.operatingStatus} /> {e.statusSince && `${t('enterprises.statusSince')} ${fmt.date(e.statusSince)}`}
        </Descriptions.Item>
        <Descriptions.Item label={t('enterprises.confirmed')}>
          <FreshnessTag enterprise={e} /> {e.listConfirmedAt && fmt.dateTimeMinutes(e.listConfirmedAt)}
        </Descriptions.Item>
      </Descriptions>
      <Card size="small" title={t('enterprises.statusHistory')}>
        <Table
          size="small" rowKey="id" pagination={false} dataSource={e.statusHistory}
          columns={[
            { title: t('enterprises.effectiveDate'), dataIndex: 'effectiveDate', render: (d: string) => fmt.date(d), width: 130 },
            { title: t('enterprises.status'), dataIndex: 'status', render: (s: EnterpriseDetail['operatingStatus']) => <StatusTag status={s} />, width: 220 },
            { title: t('enterprises.reason'), dataIndex: 'reason', render: (r: string | null) => r ?? '–' },
            { title: '', dataIndex: 'createdBy', render: (by: string | null, h) => <Typography.Text type="secondary">{[by, fmt.dateTimeMinutes(h.createdAt)].filter(Boolean).join(' · ')}</Typography.Text> },
          ]}
        />
      </Card>
    </Space>
  );

  return (
    <div>
      <PageHeader
        title={e.name}
        extra={
          <Space wrap>
            {mayWrite && <Button icon={<CheckCircleOutlined />} loading={confirming} onClick={() => void confirm()} data-testid="enterprise-confirm-list">{t('enterprises.confirmList')}</Button>}
            {mayWrite && <Button icon={<SwapOutlined />} onClick={() => setChangingStatus(true)} data-testid="enterprise-change-status">{t('enterprises.changeStatus')}</Button>}
            {mayWrite && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('enterprises.edit')}</Button>}
          </Space>
        }
      />
      {e.stale && (
        <Alert
          type="warning" showIcon style={{ marginBottom: 12 }} data-testid="enterprise-stale-banner"
          title={e.daysSinceConfirmed === null ? t('enterprises.staleBannerNever') : t('enterprises.staleBanner', { days: e.daysSinceConfirmed, limit: e.staleDays })}
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'overview' ? {} : { tab: key })}
        items={[
          { key: 'overview', label: t('enterprises.tabs.overview'), children: overview },
          { key: 'structure', label: t('enterprises.tabs.structure'), children: <StructureTab enterpriseId={e.id} mayWrite={mayWrite} /> },
          { key: 'workers', label: t('enterprises.tabs.workers'), children: <WorkersTab enterpriseId={e.id} mayImport={mayImport} mayWrite={mayWrite} onImported={detail.reload} /> },
          { key: 'today', label: t('enterpriseWork.tabToday'), children: <WorkTodayTab enterpriseId={e.id} /> },
          { key: 'f0', label: t('enterpriseWork.tabF0'), children: <F0Tab enterpriseId={e.id} mayWrite={mayWrite} /> },
        ]}
      />
      {mayWrite && (
        <>
          <EnterpriseFormModal open={editing} enterprise={e} parks={parks.data ?? []} onClose={() => setEditing(false)} onSaved={() => { setEditing(false); detail.reload(); }} />
          <StatusModal enterprise={e} open={changingStatus} onClose={() => setChangingStatus(false)} onSaved={() => { setChangingStatus(false); detail.reload(); }} />
        </>
      )}
    </div>
  );
}
