import { Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../shared/ui/page-header.tsx';
import { AgenciesTab } from './agencies-tab.tsx';
import { DIRECTIVE_TABS, type DirectiveTab, tabFromParams } from './directives-api.ts';
import { MeetingsTab } from './meetings-tab.tsx';
import { SearchTab } from './search-tab.tsx';
import { TasksTab } from './tasks-tab.tsx';

const DEFAULT_TAB: DirectiveTab = 'tasks';

/**
 * Chỉ đạo điều hành: the command centre's briefings and their notices of conclusions, the tasks
 * they give to departments and districts with deadlines and progress reports, the agencies, and a
 * search over all of it. The open tab is `?tab=`; each tab keeps its own filters beside it.
 */
export default function DirectivesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = tabFromParams(params);

  const setOwn = (own: Record<string, string>) => setParams(tab === DEFAULT_TAB ? own : { tab, ...own });
  const props = { params, setOwn };
  const content: Record<DirectiveTab, () => ReactNode> = {
    tasks: () => <TasksTab {...props} />,
    meetings: () => <MeetingsTab {...props} />,
    agencies: () => <AgenciesTab {...props} />,
    search: () => <SearchTab {...props} />,
  };

  return (
    <div>
      <PageHeader title={t('directives.title')} />
      <Tabs
        activeKey={tab}
        destroyOnHidden
        onChange={(key) => setParams(key === DEFAULT_TAB ? {} : { tab: key }, { replace: true })}
        items={DIRECTIVE_TABS.map((key) => ({
          key,
          label: <span data-testid={`directives-tab-${key}`}>{t(`directives.tabs.${key}`)}</span>,
          children: tab === key ? content[key]() : null,
        }))}
      />
    </div>
  );
}
