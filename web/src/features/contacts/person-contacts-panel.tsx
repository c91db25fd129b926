import { PlusOutlined } from '@ant-design/icons';
import { Button, Skeleton, Table, type TableColumnsType, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../shared/hooks/use-api.ts';
import { formatDateTimeMinutes } from '../../shared/i18n/format.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { AddManualContactModal } from './add-manual-contact-modal.tsx';
import { AddMembershipModal, type HomeCommune } from './add-membership-modal.tsx';
import { type Checkin, contactsPaths, type PersonContacts } from './contacts-api.ts';
import { ManualContactsTable } from './manual-contacts-table.tsx';
import { MembershipsTable } from './memberships-table.tsx';

interface Props {
  personId: number;
  /** contact:write: add, end, correct and delete; otherwise read only. */
  canEdit: boolean;
  /** The person's commune: where "new group" starts. */
  home?: HomeCommune;
}

function Section({ title, action, children, testId }: { title: string; action?: ReactNode; children: ReactNode; testId: string }) {
  return (
    <section style={{ marginBottom: 24 }} data-testid={testId}>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {action}
      </div>
      {children}
    </section>
  );
}

/**
 * Where a person's tracing edges come from: their groups with intervals, latest QR check-ins
 * and manual contacts (GET /api/people/:id/contacts, an audited read), refetched after each write.
 */
export function PersonContactsPanel(props: Props) {
  // Keyed by person: another person's contacts never show while the next ones load.
  return <ContactsOfPerson key={props.personId} {...props} />;
}

function ContactsOfPerson({ personId, canEdit, home }: Props) {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useApi<PersonContacts>(contactsPaths.ofPerson(personId));
  const [addingGroup, setAddingGroup] = useState(false);
  const [addingContact, setAddingContact] = useState(false);

  const checkinColumns: TableColumnsType<Checkin> = [
    { title: t('contacts.checkins.venue'), dataIndex: 'venueName' },
    { title: t('contacts.checkins.time'), dataIndex: 'checkedInAt', width: 160, render: (iso: string) => formatDateTimeMinutes(iso) },
  ];

  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data) return <Skeleton active />;

  return (
    <div data-testid="person-contacts">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('contacts.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('contacts.hint')}
      </Typography.Paragraph>
      <Section
        title={t('contacts.groups.title')}
        testId="contacts-groups"
        action={canEdit && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAddingGroup(true)} data-testid="membership-add">
            {t('contacts.groups.add')}
          </Button>
        )}
      >
        <MembershipsTable memberships={data.memberships} loading={loading} canEdit={canEdit} onChanged={reload} />
      </Section>
      <Section title={t('contacts.checkins.title')} testId="contacts-checkins">
        <Table<Checkin>
          rowKey={(c) => `${c.venueId}-${c.checkedInAt}`}
          size="small"
          columns={checkinColumns}
          dataSource={data.checkins}
          loading={loading}
          pagination={data.checkins.length > 5 ? { pageSize: 5, size: 'small' } : false}
          locale={{ emptyText: t('contacts.checkins.empty') }}
        />
      </Section>
      <Section
        title={t('contacts.manual.title')}
        testId="contacts-manual"
        action={canEdit && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAddingContact(true)} data-testid="manual-contact-add">
            {t('contacts.manual.add')}
          </Button>
        )}
      >
        <ManualContactsTable contacts={data.manualContacts} loading={loading} canEdit={canEdit} onChanged={reload} />
      </Section>
      {canEdit && (
        <>
          <AddMembershipModal
            open={addingGroup}
            personId={personId}
            home={home}
            onClose={() => setAddingGroup(false)}
            onAdded={() => {
              setAddingGroup(false);
              reload();
            }}
          />
          <AddManualContactModal
            open={addingContact}
            personId={personId}
            onClose={() => setAddingContact(false)}
            onAdded={() => {
              setAddingContact(false);
              reload();
            }}
          />
        </>
      )}
    </div>
  );
}
