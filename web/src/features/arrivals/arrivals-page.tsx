import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { can, useMe } from '../../shared/session/session.tsx';
import { PageHeader } from '../../shared/ui/page-header.tsx';
import { ArrivalsTab } from './arrivals-tab.tsx';
import { CallsTab } from './calls-tab.tsx';
import { CheckpointsTab } from './checkpoints-tab.tsx';

type Tab = 'list' | 'calls' | 'checkpoints';

/**
 * `/arrivals`: people arriving (logged at checkpoints or reported by communes) with the measure
 * the arrival rule gave each; `/arrivals/calls`: the call list of abnormal health declarations;
 * `/arrivals/checkpoints`: the checkpoints. Each tab only for who may use it.
 */
export default function ArrivalsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { tab: raw } = useParams();
  const tabs: Array<{ key: Tab; label: string; show: boolean }> = [
    { key: 'list', label: t('arrivals.tabs.arrivals'), show: can(me, 'arrival:read') },
    { key: 'calls', label: t('arrivals.tabs.calls'), show: can(me, 'declaration:call') },
    { key: 'checkpoints', label: t('arrivals.tabs.checkpoints'), show: can(me, 'arrival:read') || can(me, 'checkpoint:manage') },
  ];
  const shown = tabs.filter((x) => x.show);
  const tab: Tab = shown.find((x) => x.key === raw)?.key ?? shown[0]?.key ?? 'list';
  return (
    <div>
      <PageHeader title={t('arrivals.title')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => void navigate(k === 'list' ? '/arrivals' : `/arrivals/${k}`)}
        items={shown.map((x) => ({ key: x.key, label: <span data-testid={`arrivals-tab-${x.key}`}>{x.label}</span> }))}
        destroyOnHidden
      />
      {tab === 'list' && <ArrivalsTab />}
      {tab === 'calls' && <CallsTab />}
      {tab === 'checkpoints' && <CheckpointsTab />}
    </div>
  );
}
