import { Spin } from 'antd';
import { lazy, Suspense } from 'react';
import PeoplePage from '../features/people/people-page.tsx';
import type { PersonView } from '../features/people/people-api.ts';
import { can, useMe } from '../shared/session/session.tsx';

// The contacts panel loads with the first drawer that shows it.
const PersonContactsPanel = lazy(() => import('../features/contacts/person-contacts-panel.tsx').then((m) => ({ default: m.PersonContactsPanel })));

/** The people register with the tracing context's contacts (groups, check-ins, manual contacts) in the person drawer. */
export default function PeopleRoute() {
  const me = useMe();
  const contacts = can(me, 'tracing:read')
    ? (p: PersonView) => (
        <Suspense fallback={<Spin style={{ display: 'block', padding: 24 }} />}>
          <PersonContactsPanel
            personId={p.id}
            canEdit={can(me, 'contact:write')}
            home={{ districtCode: p.districtCode, communeCode: p.communeCode }}
          />
        </Suspense>
      )
    : undefined;
  return <PeoplePage drawerExtra={contacts} />;
}
