import { Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../shared/ui/page-header.tsx';
import { AdmissionsTab } from './admissions-tab.tsx';
import { BedBoardTab } from './bed-board-tab.tsx';
import { TREATMENT_TABS, type TreatmentTab, treatmentTabFromParams } from './treatment-api.ts';

const DEFAULT_TAB: TreatmentTab = 'beds';

/** Treatment (điều trị): the bed board of the 3-tier tower and the patients in treatment. The open tab is `?tab=`. */
export default function TreatmentPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = treatmentTabFromParams(params);
  const setOwn = (own: Record<string, string>) => setParams(tab === DEFAULT_TAB ? own : { tab, ...own });

  const content: Record<TreatmentTab, () => ReactNode> = {
    beds: () => <BedBoardTab />,
    admissions: () => <AdmissionsTab params={params} setOwn={setOwn} />,
  };

  return (
    <div>
      <PageHeader title={t('treatment.title')} />
      <Tabs
        activeKey={tab}
        destroyOnHidden
        onChange={(key) => setParams(key === DEFAULT_TAB ? {} : { tab: key }, { replace: true })}
        items={TREATMENT_TABS.map((key) => ({ key, label: <span data-testid={`treatment-tab-${key}`}>{t(`treatment.tabs.${key}`)}</span>, children: tab === key ? content[key]() : null }))}
      />
    </div>
  );
}
