import { EditOutlined, KeyOutlined, LockOutlined, PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Select, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, errorText } from '../../shared/api/client.ts';
import type { Paged, Role } from '../../shared/api/types.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { pagingFromParams, writePaging } from '../../shared/hooks/url-query.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { PageHeader } from '../../shared/ui/page-header.tsx';
import { SearchInput } from '../../shared/ui/search-input.tsx';
import { pagedTableProps, pagingAfterChange } from '../../shared/ui/table-paging.ts';
import { ResetPasswordModal } from './reset-password-modal.tsx';
import { type UserFormTarget, UserFormModal } from './user-form-modal.tsx';
import { ROLES, type User, usersPaths, type UsersQuery } from './users-api.ts';

/** The list's state lives in the URL, so back/forward and reload keep the page and filters. */
function readQuery(params: URLSearchParams): UsersQuery {
  const role = params.get('role');
  return {
    q: params.get('q') || undefined,
    role: ROLES.includes(role as Role) ? (role as Role) : undefined,
    ...pagingFromParams(params),
  };
}

function writeQuery(q: UsersQuery): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.q) out.q = q.q;
  if (q.role) out.role = q.role;
  return writePaging(out, q);
}

export default function UsersPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const query = readQuery(params);
  const list = useApi<Paged<User>>(usersPaths.list(query));
  const [formTarget, setFormTarget] = useState<UserFormTarget | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [toggling, setToggling] = useState<number | null>(null);

  const update = (patch: Partial<UsersQuery>) => setParams(writeQuery({ ...query, ...patch }));

  const setActive = async (u: User, active: boolean) => {
    setToggling(u.id);
    try {
      await api.patch<User>(usersPaths.one(u.id), { active });
      message.success(t(active ? 'users.unlockedDone' : 'users.lockedDone', { username: u.username }));
      list.reload();
    } catch (e) {
      message.error(errorText(e, fmt.lang));
    } finally {
      setToggling(null);
    }
  };

  const columns: TableColumnsType<User> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      fixed: 'left',
      width: 130,
      render: (username: string, u) => (
        <>
          <Typography.Text strong>{username}</Typography.Text>
          {u.id === me.id && <Typography.Text type="secondary"> ({t('users.you')})</Typography.Text>}
        </>
      ),
    },
    { title: t('users.fullName'), dataIndex: 'fullName', width: 180 },
    { title: t('users.role'), dataIndex: 'role', width: 160, render: (r: Role) => t(`roles.${r}`, { defaultValue: r }) },
    {
      title: t('users.scope'),
      key: 'scope',
      width: 190,
      render: (_, u) => (
        <>
          {u.scope.name}
          <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.5)' }}>{t(`users.scopeKinds.${u.scope.kind}`, { defaultValue: u.scope.kind })}</div>
        </>
      ),
    },
    {
      title: t('users.status'),
      key: 'status',
      width: 130,
      render: (_, u) => (
        <Space size={4} wrap>
          {u.active ? <Tag color="green">{t('users.active')}</Tag> : <Tag color="red">{t('users.locked')}</Tag>}
          {u.isDemo && <Tag color="gold">{t('users.demo')}</Tag>}
        </Space>
      ),
    },
    { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', width: 140, render: (v: string | null) => fmt.dateTimeMinutes(v) },
    { title: t('users.createdAt'), dataIndex: 'createdAt', width: 140, render: (v: string) => fmt.dateTimeMinutes(v) },
    {
      title: t('users.actions'),
      key: 'actions',
      fixed: 'right',
      width: 190,
      render: (_, u) => {
        const self = u.id === me.id;
        return (
          <Space size={0}>
            <Tooltip title={t('users.edit')}>
              <Button type="text" icon={<EditOutlined />} aria-label={t('users.edit')} onClick={() => setFormTarget({ mode: 'edit', user: u })} data-testid={`user-edit-${u.username}`} />
            </Tooltip>
            <Tooltip title={t('users.resetPassword')}>
              <Button type="text" icon={<KeyOutlined />} aria-label={t('users.resetPassword')} onClick={() => setResetting(u)} data-testid={`user-password-${u.username}`} />
            </Tooltip>
            {u.active ? (
              <Popconfirm
                title={t('users.lockConfirm', { username: u.username })}
                description={t('users.lockConfirmText')}
                okText={t('users.lock')}
                okButtonProps={{ danger: true }}
                cancelText={t('app.cancel')}
                onConfirm={() => setActive(u, false)}
                disabled={self}
              >
                <Button
                  type="link"
                  size="small"
                  danger
                  icon={<LockOutlined />}
                  disabled={self}
                  title={self ? t('users.cannotLockSelf') : undefined}
                  loading={toggling === u.id}
                  data-testid={`user-lock-${u.username}`}
                >
                  {t('users.lock')}
                </Button>
              </Popconfirm>
            ) : (
              <Popconfirm
                title={t('users.unlockConfirm', { username: u.username })}
                okText={t('users.unlock')}
                cancelText={t('app.cancel')}
                onConfirm={() => setActive(u, true)}
              >
                <Button type="link" size="small" icon={<UnlockOutlined />} loading={toggling === u.id} data-testid={`user-unlock-${u.username}`}>
                  {t('users.unlock')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <div>
      <PageHeader
        title={t('users.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormTarget({ mode: 'create' })} data-testid="user-add">
            {t('users.add')}
          </Button>
        }
      />

      <Space wrap style={{ marginBottom: 12 }}>
        <SearchInput value={query.q} onSearch={(q) => update({ q, page: 1 })} placeholder={t('users.searchPlaceholder')} testId="users-search" />
        <Select<Role>
          allowClear
          placeholder={t('users.allRoles')}
          value={query.role}
          options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          onChange={(role?: Role) => update({ role, page: 1 })}
          style={{ width: 240 }}
          data-testid="users-role-filter"
        />
        {(query.q || query.role) && <Button onClick={() => update({ q: undefined, role: undefined, page: 1 })}>{t('app.reset')}</Button>}
      </Space>

      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}

      <Table<User>
        data-testid="users-table"
        rowKey="id"
        size="middle"
        columns={columns}
        scroll={{ x: 1260 }}
        rowClassName={(u) => (u.active ? '' : 'row-inactive')}
        onChange={(pagination) => update(pagingAfterChange(query, pagination))}
        {...pagedTableProps(list, query, (total) => t('users.total', { total: fmt.number(total) }))}
      />

      <UserFormModal
        target={formTarget}
        onClose={() => setFormTarget(null)}
        onSaved={() => {
          setFormTarget(null);
          list.reload();
        }}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </div>
  );
}
