import { Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../shared/hooks/use-api.ts';
import type { Paging } from '../../shared/hooks/url-query.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { pagedTableProps, pagingAfterChange } from '../../shared/ui/table-paging.ts';
import { type MissingList, type MissingPerson, testingPaths } from './testing-api.ts';

interface Props {
  roundId: number;
  paging: Paging;
  onPaging: (paging: Paging) => void;
}

/** "Người chưa lấy mẫu": the round's expected people without a sample yet, for the team to find (each read is audited). */
export function MissingPeopleTable({ roundId, paging, onPaging }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = useApi<MissingList>(testingPaths.missing(roundId, paging.page, paging.pageSize));
  const columns: TableColumnsType<MissingPerson> = [
    { title: t('testing.missing.id'), dataIndex: 'id', width: 100, align: 'right' },
    { title: t('testing.missing.person'), dataIndex: 'fullName', width: 220 },
    { title: t('testing.missing.commune'), dataIndex: 'communeCode', width: 100, render: (c: string | null) => c ?? '–' },
    { title: t('testing.missing.address'), dataIndex: 'address', render: (a: string | null) => a ?? '–' },
  ];
  return (
    <>
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<MissingPerson>
        rowKey="id"
        size="small"
        data-testid="round-missing-list"
        columns={columns}
        scroll={{ x: 700 }}
        onChange={(p) => onPaging(pagingAfterChange(paging, p))}
        {...pagedTableProps(list, paging, (total) => t('testing.missing.total', { total: fmt.number(total) }))}
      />
    </>
  );
}
