import { DeleteOutlined, EditOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Table, type TableColumnsType, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest, errorText } from '../../shared/api/client.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { GROUP_KIND_COLOURS, groupKindLabel, intervalText, isGroupKind } from './contact-rules.ts';
import { contactsPaths, type Membership } from './contacts-api.ts';
import { type DatesMode, MembershipDatesModal } from './membership-dates-modal.tsx';

interface Props {
  memberships: Membership[];
  loading: boolean;
  canEdit: boolean;
  /** After a write: the panel refetches. */
  onChanged: () => void;
}

/** The groups a person lives, works or travels in, each with its interval; ended, corrected or deleted in place. */
export function MembershipsTable({ memberships, loading, canEdit, onChanged }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Membership | null>(null);
  // Kept while the dialog closes, so its title does not change during the animation.
  const [mode, setMode] = useState<DatesMode>('edit');
  const open = (m: Membership, how: DatesMode) => {
    setMode(how);
    setEditing(m);
  };
  const kindLabel = (kind: string) => groupKindLabel(kind, (k) => t(`contacts.kinds.${k}`));

  const remove = async (m: Membership) => {
    try {
      await apiRequest(contactsPaths.membership(m.id), { method: 'DELETE' });
      message.success(t('contacts.groups.deleted', { label: m.groupLabel }));
      onChanged();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  };

  const columns: TableColumnsType<Membership> = [
    {
      title: t('contacts.groups.kind'),
      dataIndex: 'groupKind',
      width: 140,
      render: (kind: string) => (
        <Tag color={isGroupKind(kind) ? GROUP_KIND_COLOURS[kind] : undefined} style={{ marginInlineEnd: 0 }}>
          {kindLabel(kind)}
        </Tag>
      ),
    },
    { title: t('contacts.groups.label'), dataIndex: 'groupLabel' },
    { title: t('contacts.groups.org'), dataIndex: 'orgName', render: (v: string | null) => v ?? '–' },
    {
      title: t('contacts.groups.interval'),
      key: 'interval',
      width: 190,
      render: (_, m) => (
        <span style={{ whiteSpace: 'nowrap', fontWeight: m.validTo ? undefined : 500 }} data-testid="membership-interval">
          {intervalText(m.validFrom, m.validTo, t('contacts.groups.untilNow'))}
        </span>
      ),
    },
  ];
  if (canEdit) {
    columns.push({
      title: t('contacts.actions'),
      key: 'actions',
      width: 170,
      render: (_, m) => (
        <Space size={2}>
          {m.validTo === null && (
            <Button size="small" icon={<StopOutlined />} onClick={() => open(m, 'end')} data-testid="membership-end">
              {t('contacts.groups.end')}
            </Button>
          )}
          <Tooltip title={t('contacts.groups.edit')}>
            <Button
              size="small"
              type="text"
              icon={<EditOutlined />}
              aria-label={t('contacts.groups.edit')}
              onClick={() => open(m, 'edit')}
              data-testid="membership-edit"
            />
          </Tooltip>
          <Popconfirm
            title={t('contacts.groups.deleteConfirm', { label: m.groupLabel })}
            description={<div style={{ maxWidth: 280 }}>{t('contacts.groups.deleteHint')}</div>}
            okText={t('contacts.delete')}
            okButtonProps={{ danger: true }}
            cancelText={t('app.cancel')}
            onConfirm={() => remove(m)}
          >
            <Tooltip title={t('contacts.delete')}>
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('contacts.delete')} data-testid="membership-delete" />
            </Tooltip>
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <>
      <Table<Membership>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={memberships}
        loading={loading}
        scroll={{ x: canEdit ? 780 : 610 }}
        pagination={memberships.length > 10 ? { pageSize: 10, size: 'small' } : false}
        locale={{ emptyText: t('contacts.groups.empty') }}
        data-testid="memberships-table"
      />
      <MembershipDatesModal
        membership={editing}
        mode={mode}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          onChanged();
        }}
      />
    </>
  );
}
