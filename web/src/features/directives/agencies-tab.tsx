import { EditOutlined, PlusOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Popconfirm, Space, Table, type TableColumnsType, Tag, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorText } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { foldAccents, useDistricts } from '../../shared/hooks/use-units.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { SearchInput } from '../../shared/ui/search-input.tsx';
import { AgencyFormModal } from './agency-form-modal.tsx';
import { type Agency, directivesPaths } from './directives-api.ts';

interface Props {
  params: URLSearchParams;
  setOwn: (own: Record<string, string>) => void;
}

/** The province's departments, district steering committees and other units that take tasks; directive:manage keeps the list. */
export function AgenciesTab({ params, setOwn }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const { message } = App.useApp();
  const mayManage = can(me, 'directive:manage');
  const q = params.get('q')?.trim() || undefined;
  const includeInactive = params.get('inactive') === '1';
  const list = useApi<{ items: Agency[] }>(directivesPaths.agencies({ includeInactive }));
  const districts = useDistricts(me.provinceCode);
  const [editing, setEditing] = useState<Agency | 'new' | null>(null);
  const [toggling, setToggling] = useState<number | null>(null);

  const setState = (next: { q?: string; inactive: boolean }) => {
    const own: Record<string, string> = {};
    if (next.q) own.q = next.q;
    if (next.inactive) own.inactive = '1';
    setOwn(own);
  };
  // About forty rows: filtered here, without accents like every search of the app.
  const rows = useMemo(() => {
    const all = list.data?.items ?? [];
    if (!q) return all;
    const needle = foldAccents(q);
    return all.filter((a) => foldAccents(`${a.name} ${a.shortName}`).includes(needle));
  }, [list.data, q]);
  const districtName = (code: string | null) => (code ? (districts.units.find((u) => u.code === code)?.name ?? code) : '–');

  const setActive = async (a: Agency, active: boolean) => {
    setToggling(a.id);
    try {
      await api.patch<Agency>(directivesPaths.agency(a.id), { active });
      message.success(t(active ? 'directives.agencies.activated' : 'directives.agencies.deactivated', { name: a.name }));
      list.reload();
    } catch (e) {
      message.error(errorText(e, fmt.lang));
    } finally {
      setToggling(null);
    }
  };

  const columns: TableColumnsType<Agency> = [
    {
      title: t('directives.agencies.name'),
      key: 'name',
      render: (_, a) => (
        <>
          <span style={{ fontWeight: 500 }}>{a.name}</span> {!a.active && <Tag>{t('directives.agencies.inactive')}</Tag>}
        </>
      ),
    },
    { title: t('directives.agencies.shortName'), dataIndex: 'shortName', width: 160 },
    { title: t('directives.agencies.kind'), dataIndex: 'agencyKind', width: 170, render: (k: Agency['agencyKind']) => t(`directives.agencyKinds.${k}`, { defaultValue: k }) },
    { title: t('directives.agencies.district'), dataIndex: 'districtCode', width: 160, render: (c: string | null) => districtName(c) },
    { title: t('directives.agencies.users'), dataIndex: 'users', width: 100, align: 'right', render: (n: number) => fmt.number(n) },
  ];
  if (mayManage) {
    columns.push({
      title: '',
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_, a) => (
        <Space size={4}>
          <Tooltip title={t('directives.agencies.edit')}>
            <Button size="small" icon={<EditOutlined />} aria-label={t('directives.agencies.edit')} onClick={() => setEditing(a)} data-testid={`agency-edit-${a.id}`} />
          </Tooltip>
          {a.active ? (
            <Popconfirm title={t('directives.agencies.deactivateConfirm', { name: a.name })} onConfirm={() => void setActive(a, false)}>
              <Tooltip title={t('directives.agencies.deactivate')}>
                <Button size="small" danger icon={<StopOutlined />} loading={toggling === a.id} aria-label={t('directives.agencies.deactivate')} data-testid={`agency-deactivate-${a.id}`} />
              </Tooltip>
            </Popconfirm>
          ) : (
            <Tooltip title={t('directives.agencies.activate')}>
              <Button size="small" icon={<UndoOutlined />} loading={toggling === a.id} aria-label={t('directives.agencies.activate')} onClick={() => void setActive(a, true)} />
            </Tooltip>
          )}
        </Space>
      ),
    });
  }

  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <SearchInput value={q} onSearch={(next) => setState({ q: next, inactive: includeInactive })} placeholder={t('directives.agencies.searchPlaceholder')} width={300} testId="agencies-search" />
        <Checkbox checked={includeInactive} onChange={(e) => setState({ q, inactive: e.target.checked })}>
          {t('directives.agencies.includeInactive')}
        </Checkbox>
        {mayManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="agency-create">
            {t('directives.agencies.create')}
          </Button>
        )}
      </Space>
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<Agency>
        rowKey="id"
        size="middle"
        data-testid="agencies-table"
        columns={columns}
        dataSource={rows}
        loading={list.loading}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (total) => t('directives.agencies.total', { total: fmt.number(total) }) }}
        scroll={{ x: 860 }}
      />
      {mayManage && (
        <AgencyFormModal
          target={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      )}
    </div>
  );
}
