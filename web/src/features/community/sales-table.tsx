import { Table, type TableColumnsType, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiState } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import type { Paged, Sale, TaskResult } from './community-api.ts';

/** Sales of fever, cough and throat medicine with the state of the health station's follow-up. */
export function SalesTable({ list, page, onPage, showPharmacy }: { list: ApiState<Paged<Sale>>; page: number; onPage: (page: number) => void; showPharmacy: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const columns: TableColumnsType<Sale> = [
    { title: t('community.pharmacies.soldOn'), dataIndex: 'soldOn', width: 110, render: (v: string) => fmt.date(v) },
    ...(showPharmacy ? [{ title: t('community.pharmacies.name'), dataIndex: 'pharmacyName' }] : []),
    { title: t('community.pharmacies.group'), key: 'group', render: (_, s) => <>{t(`community.pharmacies.groups.${s.medicineGroup as 'fever'}`)}{s.medicineName ? ` · ${s.medicineName}` : ''}</> },
    { title: t('community.pharmacies.buyer'), key: 'buyer', render: (_, s) => <>{s.buyerName}<div style={{ fontSize: 12, color: 'rgba(0,0,0,0.5)' }}>{[s.buyerPhone, s.buyerAddressDetail, s.buyerCommuneName].filter(Boolean).join(' · ')}</div></> },
    {
      title: t('community.pharmacies.followup'), key: 'followup', render: (_, s) => {
        if (!s.followupStatus) return null;
        const data = s.followupData as { tested?: boolean; testResult?: string | null } | null;
        return (
          <>
            <Tag color={s.followupStatus === 'done' ? 'green' : 'orange'}>{t(`community.tasks.statuses.${s.followupStatus as 'open'}`)}</Tag>
            {s.followupResult && <span>{t(`community.tasks.results.${s.followupResult as TaskResult}`)}</span>}
            {data?.testResult && <Tag style={{ marginLeft: 4 }}>{t(`community.tasks.testResults.${data.testResult as 'negative'}`)}</Tag>}
          </>
        );
      },
    },
  ];
  return (
    <Table<Sale>
      rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.loading} scroll={{ x: 700 }}
      pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: onPage, showTotal: (n) => t('community.total', { total: fmt.number(n) }) }}
      data-testid="sales-table"
    />
  );
}
