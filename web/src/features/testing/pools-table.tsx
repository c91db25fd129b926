import { FormOutlined } from '@ant-design/icons';
import { Button, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n/format.ts';
import type { Pool } from './testing-api.ts';
import { PoolStatusTag, ResultTag } from './testing-tags.tsx';

interface Props {
  pools: Pool[];
  mayWrite: boolean;
  onEnterResult: (pool: Pool) => void;
}

/** The pools of a round: how full each is, its result and the members still awaiting an individual re-test. */
export function PoolsTable({ pools, mayWrite, onEnterResult }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const columns: TableColumnsType<Pool> = [
    { title: t('testing.pools.barcode'), dataIndex: 'barcode', fixed: 'left', width: 150 },
    {
      title: t('testing.pools.members'),
      key: 'members',
      width: 120,
      align: 'right',
      render: (_, p) => `${fmt.number(p.members)} / ${fmt.number(p.size)}`,
    },
    { title: t('testing.pools.takenOn'), dataIndex: 'takenOn', width: 115, render: (d: string) => fmt.date(d) },
    { title: t('testing.pools.result'), dataIndex: 'result', width: 130, render: (r: string | null) => <ResultTag result={r} /> },
    { title: t('testing.pools.resultedOn'), dataIndex: 'resultedOn', width: 130, render: (d: string | null) => fmt.date(d) },
    { title: t('testing.pools.status'), dataIndex: 'status', width: 170, render: (s: string) => <PoolStatusTag status={s} /> },
    {
      title: t('testing.pools.awaitingRetest'),
      dataIndex: 'awaitingRetest',
      width: 150,
      align: 'right',
      render: (n: number) => (n > 0 ? <strong>{fmt.number(n)}</strong> : '–'),
    },
  ];
  if (mayWrite) {
    columns.push({
      title: t('testing.pools.actions'),
      key: 'actions',
      fixed: 'right',
      width: 140,
      render: (_, p) =>
        p.result === null ? (
          <Button size="small" icon={<FormOutlined />} onClick={() => onEnterResult(p)} data-testid={`pool-result-${p.id}`}>
            {t('testing.pools.enterResult')}
          </Button>
        ) : null,
    });
  }
  return (
    <Table<Pool>
      rowKey="id"
      size="small"
      data-testid="round-pools"
      columns={columns}
      dataSource={pools}
      scroll={{ x: mayWrite ? 1110 : 970 }}
      locale={{ emptyText: t('testing.pools.none') }}
      pagination={pools.length > 20 ? { defaultPageSize: 20, showSizeChanger: true, showTotal: (total) => t('testing.pools.total', { total: fmt.number(total) }) } : false}
    />
  );
}
