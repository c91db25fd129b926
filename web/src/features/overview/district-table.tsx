import { Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n/format.ts';
import type { DistrictFigures } from './overview-api.ts';

export function DistrictTable({ districts }: { districts: DistrictFigures[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const num = (key: keyof Omit<DistrictFigures, 'code' | 'name'>, digits = 0) => ({
    dataIndex: key,
    align: 'right' as const,
    sorter: (a: DistrictFigures, b: DistrictFigures) => a[key] - b[key],
    render: (v: number) => fmt.number(v, digits),
  });
  const columns: TableColumnsType<DistrictFigures> = [
    { title: t('overview.district'), dataIndex: 'name', fixed: 'left', sorter: (a, b) => a.name.localeCompare(b.name, 'vi') },
    { title: t('overview.population'), ...num('population') },
    { title: t('overview.cases'), ...num('cases') },
    { title: t('overview.casesLast7Days'), ...num('casesLast7Days') },
    { title: t('overview.activeCases'), ...num('activeCases') },
    { title: t('overview.casesPer100k'), ...num('casesPer100k', 1), defaultSortOrder: 'descend' },
  ];
  return (
    <Table<DistrictFigures>
      rowKey="code"
      size="small"
      columns={columns}
      dataSource={districts}
      pagination={false}
      scroll={{ x: 640 }}
      data-testid="district-table"
    />
  );
}
