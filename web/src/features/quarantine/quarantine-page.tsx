import { Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useApi } from '../../shared/hooks/use-api.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { PageHeader } from '../../shared/ui/page-header.tsx';
import { FacilitiesTab } from './facilities-tab.tsx';
import { HomeTab } from './home-tab.tsx';
import { OrdersTab } from './orders-tab.tsx';
import { type Facility, quarantinePaths, QUARANTINE_TABS, type QuarantineTab, tabFromParams } from './quarantine-api.ts';
import { ReleaseTab } from './release-tab.tsx';
import { RulesTab } from './rules-tab.tsx';
import { TestScheduleTab } from './test-schedule-tab.tsx';

const DEFAULT_TAB: QuarantineTab = 'facilities';

/**
 * Quarantine (cách ly): facilities and their capacity, orders and room placement, the day's test
 * schedule, releases, the follow-up of people at home and the dated rule versions. The open tab is `?tab=`; each tab keeps its own filters beside it.
 */
export default function QuarantinePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = tabFromParams(params);
  // The quarantine facilities of the user's area: the filter of the other tabs, and names for placement.
  const usesFacilities = tab !== 'facilities' && tab !== 'home' && tab !== 'rules';
  const quarantineFacilities = useApi<Facility[]>(usesFacilities ? quarantinePaths.facilities({ kind: 'quarantine' }) : null);
  const facilities = { data: quarantineFacilities.data ?? [], loading: quarantineFacilities.loading, reload: quarantineFacilities.reload };

  /** A tab's own URL state, with the tab kept (the default tab leaves it out). */
  const setOwn = (own: Record<string, string>) => setParams(tab === DEFAULT_TAB ? own : { tab, ...own });
  const props = { params, setOwn };

  const content: Record<QuarantineTab, () => ReactNode> = {
    facilities: () => <FacilitiesTab {...props} />,
    orders: () => <OrdersTab {...props} facilities={facilities} />,
    schedule: () => <TestScheduleTab {...props} facilities={facilities} />,
    release: () => <ReleaseTab {...props} facilities={facilities} />,
    home: () => <HomeTab {...props} />,
    rules: () => <RulesTab />,
  };

  return (
    <div>
      <PageHeader title={t('quarantine.title')} />
      {quarantineFacilities.error && <ErrorAlert error={quarantineFacilities.error} onRetry={quarantineFacilities.reload} />}
      <Tabs
        activeKey={tab}
        destroyOnHidden
        // A new tab starts from its own defaults: the other tab's filters do not carry over.
        onChange={(key) => setParams(key === DEFAULT_TAB ? {} : { tab: key }, { replace: true })}
        items={QUARANTINE_TABS.map((key) => ({ key, label: <span data-testid={`quarantine-tab-${key}`}>{t(`quarantine.tabs.${key}`)}</span>, children: tab === key ? content[key]() : null }))}
      />
    </div>
  );
}
