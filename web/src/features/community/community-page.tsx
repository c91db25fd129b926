import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { can, useMe } from '../../shared/session/session.tsx';
import { PageHeader } from '../../shared/ui/page-header.tsx';
import { PharmaciesTab } from './pharmacies-tab.tsx';
import { TasksTab } from './tasks-tab.tsx';
import { TeamsTab } from './teams-tab.tsx';
import { ViolationsTab } from './violations-tab.tsx';

type Tab = 'teams' | 'tasks' | 'pharmacies' | 'violations';

/**
 * `/community`: community COVID teams per village (and villages without one), their tasks and
 * the health station's follow-ups, pharmacies and their sales reports, violations. Each tab only
 * for who may use it.
 */
export default function CommunityPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { tab: raw } = useParams();
  const tabs: Array<{ key: Tab; show: boolean }> = [
    { key: 'teams', show: can(me, 'team:read') },
    { key: 'tasks', show: can(me, 'team:read') },
    { key: 'pharmacies', show: can(me, 'pharmacy:manage') || can(me, 'team:manage') },
    { key: 'violations', show: can(me, 'violation:read') },
  ];
  const shown = tabs.filter((x) => x.show);
  const tab: Tab = shown.find((x) => x.key === raw)?.key ?? shown[0]?.key ?? 'teams';
  return (
    <div>
      <PageHeader title={t('community.title')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => void navigate(`/community/${k}`)}
        items={shown.map((x) => ({ key: x.key, label: <span data-testid={`community-tab-${x.key}`}>{t(`community.tabs.${x.key}`)}</span> }))}
        destroyOnHidden
      />
      {tab === 'teams' && <TeamsTab />}
      {tab === 'tasks' && <TasksTab />}
      {tab === 'pharmacies' && <PharmaciesTab />}
      {tab === 'violations' && <ViolationsTab />}
    </div>
  );
}
