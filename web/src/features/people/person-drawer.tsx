import { EditOutlined } from '@ant-design/icons';
import { Button, Divider, Drawer, Grid, Skeleton } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { dash, PersonDetails } from '../../shared/ui/person-details.tsx';
import { peoplePaths, type PersonView } from './people-api.ts';
import { PersonEditModal } from './person-edit-modal.tsx';
import { PersonTestsSection } from './person-tests-section.tsx';
import { PersonVaccinationSection } from '../vaccination/person-vaccination-section.tsx';

interface Props {
  id: number | null;
  onClose: () => void;
  /** After an edit was saved: the list refreshes. */
  onChanged?: (person: PersonView) => void;
  /** A section below the details, composed by the app from other contexts (e.g. the person's contacts). */
  extra?: ((person: PersonView) => ReactNode) | undefined;
}

/** One person's record, fetched on open (the server audits the read); editable with person:write. */
export function PersonDrawer({ id, onClose, onChanged, extra }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const { data, error, loading, reload } = useApi<PersonView>(id === null ? null : peoplePaths.one(id));
  const p = data && data.id === id ? data : undefined;
  const [editing, setEditing] = useState<PersonView | null>(null);

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      title={p?.fullName ?? t('people.detailTitle')}
      size={screens.sm === false ? '100%' : extra ? 840 : 480}
      data-testid="person-drawer"
      extra={
        p && can(me, 'person:write') ? (
          <Button icon={<EditOutlined />} onClick={() => setEditing(p)} data-testid="person-edit">
            {t('people.edit.button')}
          </Button>
        ) : null
      }
    >
      {error && <ErrorAlert error={error} onRetry={reload} />}
      {loading && !p && <Skeleton active />}
      {p && (
        <>
          <PersonDetails
            person={p}
            moreItems={[
              { key: 'householdId', label: t('people.householdId'), children: dash(p.householdId) },
              { key: 'createdAt', label: t('people.createdAt'), children: fmt.dateTime(p.createdAt) },
              { key: 'updatedAt', label: t('people.updatedAt'), children: fmt.dateTime(p.updatedAt) },
            ]}
          />
          {/* Keyed by person: another person's tests never show, and the section starts collapsed. */}
          {can(me, 'testing:read') && <PersonTestsSection key={p.id} personId={p.id} />}
          {can(me, 'vaccination:read') && <PersonVaccinationSection key={`vx-${p.id}`} personId={p.id} />}
          {extra && (
            <>
              <Divider />
              {extra(p)}
            </>
          )}
        </>
      )}
      <PersonEditModal
        person={editing}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          setEditing(null);
          reload();
          onChanged?.(saved);
        }}
      />
    </Drawer>
  );
}
