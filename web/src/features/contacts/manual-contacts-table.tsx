import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Table, type TableColumnsType, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiRequest, errorText } from '../../shared/api/client.ts';
import { formatDate } from '../../shared/i18n/format.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { contactsPaths, type ManualContact } from './contacts-api.ts';

interface Props {
  contacts: ManualContact[];
  loading: boolean;
  canEdit: boolean;
  onChanged: () => void;
}

const dash = (v: string | null) => (v ? v : '–');

/** Contacts recorded by hand (a visit, a meal together), newest first; deleted with a confirmation. */
export function ManualContactsTable({ contacts, loading, canEdit, onChanged }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();

  const remove = async (c: ManualContact) => {
    try {
      await apiRequest(contactsPaths.manualOne(c.id), { method: 'DELETE' });
      message.success(t('contacts.manual.deleted'));
      onChanged();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  };

  const columns: TableColumnsType<ManualContact> = [
    { title: t('contacts.manual.other'), dataIndex: 'otherName' },
    { title: t('contacts.manual.date'), dataIndex: 'date', width: 120, render: (d: string) => formatDate(d) },
    { title: t('contacts.manual.place'), dataIndex: 'place', render: dash },
    { title: t('contacts.manual.note'), dataIndex: 'note', render: dash },
  ];
  if (canEdit) {
    columns.push({
      title: t('contacts.actions'),
      key: 'actions',
      width: 90,
      render: (_, c) => (
        <Popconfirm
          title={t('contacts.manual.deleteConfirm', { name: c.otherName, date: formatDate(c.date) })}
          okText={t('contacts.delete')}
          okButtonProps={{ danger: true }}
          cancelText={t('app.cancel')}
          onConfirm={() => remove(c)}
        >
          <Tooltip title={t('contacts.delete')}>
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('contacts.delete')} data-testid="manual-contact-delete" />
          </Tooltip>
        </Popconfirm>
      ),
    });
  }

  return (
    <Table<ManualContact>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={contacts}
      loading={loading}
      scroll={{ x: 600 }}
      pagination={contacts.length > 10 ? { pageSize: 10, size: 'small' } : false}
      locale={{ emptyText: t('contacts.manual.empty') }}
      data-testid="manual-contacts-table"
    />
  );
}
