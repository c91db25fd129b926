import { PlusOutlined } from '@ant-design/icons';
import { Button, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { RegistrationsSection } from './registrations-section.tsx';
import { useUnitKindText } from './testing-tags.tsx';
import { UnitCreateModal } from './unit-create-modal.tsx';
import { type TestingUnit, UNIT_KINDS, type UnitKind, type UnitsQuery, unitsPaths, unitsQueryFromParams, unitsQueryToParams } from './units-api.ts';

const muted = { fontSize: 12, color: 'rgba(0,0,0,0.5)' } as const;

interface Props {
  params: URLSearchParams;
  setOwn: (own: Record<string, string>) => void;
}

/**
 * "Đơn vị xét nghiệm": the province's labs, hospitals, private clinics and sampling teams; province
 * admins add units here and decide the requests units send through the public form.
 */
export function UnitsTab({ params, setOwn }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const query = unitsQueryFromParams(params);
  const units = useApi<TestingUnit[]>(unitsPaths.units(query.kind));
  const mayManage = can(me, 'user:manage');
  const [creating, setCreating] = useState(false);
  const unitKindText = useUnitKindText();

  const update = (patch: Partial<UnitsQuery>) => setOwn(unitsQueryToParams({ ...query, ...patch }));

  const columns: TableColumnsType<TestingUnit> = [
    {
      title: t('testing.units.name'),
      key: 'name',
      fixed: 'left',
      width: 260,
      render: (_, u) => (
        <>
          {u.name}
          <div style={muted}>#{u.id}</div>
        </>
      ),
    },
    { title: t('testing.units.kind'), dataIndex: 'kind', width: 170, render: (k: string) => unitKindText(k) },
    { title: t('testing.units.commune'), key: 'commune', width: 180, render: (_, u) => u.communeName ?? u.communeCode ?? '–' },
    { title: t('testing.units.address'), dataIndex: 'address', width: 240, render: (a: string | null) => a ?? '–' },
    { title: t('testing.units.capacity'), dataIndex: 'capacityPerDay', width: 150, align: 'right', render: (n: number | null) => fmt.number(n) },
    { title: t('testing.units.users'), dataIndex: 'users', width: 110, align: 'right', render: (n: number) => fmt.number(n) },
  ];

  return (
    <div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between', marginBottom: 12 }}>
        <Space wrap>
          <Select<UnitKind>
            allowClear
            placeholder={t('testing.units.allKinds')}
            aria-label={t('testing.units.kind')}
            value={query.kind}
            options={UNIT_KINDS.map((k) => ({ value: k, label: t(`testing.unitKinds.${k}`) }))}
            onChange={(kind?: UnitKind) => update({ kind })}
            style={{ width: 200 }}
            data-testid="units-kind"
          />
        </Space>
        {mayManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="unit-create">
            {t('testing.units.create')}
          </Button>
        )}
      </div>
      {mayManage && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('testing.units.usersHint', { role: t('roles.lab_staff') })} <Link to="/users">{t('testing.units.usersLink')}</Link>
        </Typography.Paragraph>
      )}
      {units.error && <ErrorAlert error={units.error} onRetry={units.reload} />}
      <Table<TestingUnit>
        rowKey="id"
        size="middle"
        data-testid="units-table"
        columns={columns}
        dataSource={units.data ?? []}
        loading={units.loading}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('testing.units.total', { total: fmt.number(total) }) }}
        scroll={{ x: 1110 }}
      />
      {mayManage && (
        <>
          <RegistrationsSection status={query.registrations} onStatus={(registrations) => update({ registrations })} onUnitCreated={units.reload} />
          <UnitCreateModal
            open={creating}
            onClose={() => setCreating(false)}
            onCreated={() => {
              setCreating(false);
              units.reload();
            }}
          />
        </>
      )}
    </div>
  );
}
