import { Spin } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import CaseDetailPage, { type CaseTab } from '../features/cases/case-detail-page.tsx';
import type { CaseDetail } from '../features/cases/cases-api.ts';
import { can, useMe } from '../shared/session/session.tsx';

// The tracing tabs (and Cytoscape with the chain) load only when a tab is opened.
const CaseContactsTab = lazy(() => import('../features/tracing/case-contacts-tab.tsx').then((m) => ({ default: m.CaseContactsTab })));
const CaseChainTab = lazy(() => import('../features/tracing/case-chain-tab.tsx').then((m) => ({ default: m.CaseChainTab })));

function TabFallback({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Spin style={{ display: 'block', padding: 48 }} />}>{children}</Suspense>;
}

/** A case's page with the tracing context's tabs: its contacts and its chain of transmission. */
export default function CaseDetailRoute() {
  const { t } = useTranslation();
  const me = useMe();
  const extraTabs = (c: CaseDetail): CaseTab[] => {
    if (!can(me, 'tracing:read')) return [];
    const f0 = { personId: c.personId, fullName: c.fullName, caseCode: c.caseCode };
    return [
      { key: 'contacts', label: t('tracing.contactsTab'), children: <TabFallback><CaseContactsTab caseId={c.id} f0={f0} /></TabFallback> },
      { key: 'chain', label: t('tracing.chainTab'), children: <TabFallback><CaseChainTab caseId={c.id} /></TabFallback> },
    ];
  };
  return <CaseDetailPage extraTabs={extraTabs} />;
}
