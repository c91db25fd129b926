import { Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../shared/ui/page-header.tsx';
import { CapacityTab } from './capacity-tab.tsx';
import { LabImportTab } from './lab-import-tab.tsx';
import { PlanTab } from './plan-tab.tsx';
import { RetestsTab } from './retests-tab.tsx';
import { RoundsTab } from './rounds-tab.tsx';
import { tabFromParams, TESTING_TABS, type TestingTab } from './testing-api.ts';
import { UnitsTab } from './units-tab.tsx';

const DEFAULT_TAB: TestingTab = 'rounds';

/**
 * Testing (xét nghiệm): sampling rounds (a round's page and its sampling page have their own
 * routes), the day's plan of recurring screening, lab result files, the individual re-tests pools
 * and rapid tests opened, lab capacity and the testing units. The open tab is `?tab=`; each tab
 * keeps its own filters beside it.
 */
export default function TestingPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = tabFromParams(params);

  /** A tab's own URL state, with the tab kept (the default tab leaves it out). */
  const setOwn = (own: Record<string, string>) => setParams(tab === DEFAULT_TAB ? own : { tab, ...own });
  const props = { params, setOwn };

  const content: Record<TestingTab, () => ReactNode> = {
    rounds: () => <RoundsTab {...props} />,
    plan: () => <PlanTab {...props} />,
    lab: () => <LabImportTab />,
    retests: () => <RetestsTab {...props} />,
    capacity: () => <CapacityTab {...props} />,
    units: () => <UnitsTab {...props} />,
  };

  return (
    <div>
      <PageHeader title={t('testing.title')} />
      <Tabs
        activeKey={tab}
        destroyOnHidden
        // A new tab starts from its own defaults: the other tab's filters do not carry over.
        onChange={(key) => setParams(key === DEFAULT_TAB ? {} : { tab: key }, { replace: true })}
        items={TESTING_TABS.map((key) => ({ key, label: <span data-testid={`testing-tab-${key}`}>{t(`testing.tabs.${key}`)}</span>, children: tab === key ? content[key]() : null }))}
      />
    </div>
  );
}
