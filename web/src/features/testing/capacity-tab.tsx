import { DatePicker, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../shared/hooks/use-api.ts';
import { todayInVietnam, useFormat } from '../../shared/i18n/format.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { CapacityChart } from './capacity-chart.tsx';
import { type CapacityRow, capacityRows } from './capacity.ts';
import {
  capacityQueryFromParams,
  capacityQueryToParams,
  capacityRangeOrDefault,
  type CapacityReport,
  MAX_CAPACITY_DAYS,
  screeningPaths,
} from './screening-api.ts';

const tagStyle = { marginInlineEnd: 0 } as const;

interface Props {
  params: URLSearchParams;
  setOwn: (own: Record<string, string>) => void;
}

/**
 * "Công suất": tubes taken and resulted per day against the labs' daily capacity, the backlog
 * awaiting a result, and each lab's results and turnaround by day. The range is `?from=&to=`
 * (none: the last 14 days).
 */
export function CapacityTab({ params, setOwn }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const today = todayInVietnam();
  const asked = capacityQueryFromParams(params);
  const range = capacityRangeOrDefault(asked, today);
  const report = useApi<CapacityReport>(screeningPaths.capacity(range));
  const data = report.data;

  const pick = (dates: [Dayjs | null, Dayjs | null] | null) => {
    const [from, to] = dates ?? [null, null];
    if (!from || !to) return setOwn({});
    setOwn(capacityQueryToParams({ from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') }));
  };

  // The day's cells span the lab rows of the day.
  const dayCell = (r: CapacityRow) => ({ rowSpan: r.daySpan });
  const columns: TableColumnsType<CapacityRow> = [
    { title: t('testing.capacity.date'), key: 'date', width: 110, onCell: dayCell, render: (_, r) => fmt.date(r.day.date) },
    { title: t('testing.capacity.taken'), key: 'taken', width: 110, align: 'right', onCell: dayCell, render: (_, r) => fmt.number(r.day.taken) },
    {
      title: t('testing.capacity.resulted'),
      key: 'resulted',
      width: 120,
      align: 'right',
      onCell: dayCell,
      render: (_, r) => fmt.number(r.day.resulted),
    },
    {
      title: t('testing.capacity.backlog'),
      key: 'backlog',
      width: 160,
      onCell: dayCell,
      render: (_, r) => (
        <Space size={4} wrap>
          {fmt.number(r.day.backlog)}
          {r.day.overCapacity && (
            <Tag color="red" style={tagStyle}>
              {t('testing.capacity.overCapacity')}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('testing.capacity.lab'),
      key: 'lab',
      width: 220,
      render: (_, r) =>
        r.lab === null ? (
          <Typography.Text type="secondary">{t('testing.capacity.noResults')}</Typography.Text>
        ) : (
          (r.lab.lab ?? <Typography.Text type="secondary">{t('testing.capacity.unknownLab')}</Typography.Text>)
        ),
    },
    { title: t('testing.capacity.labResulted'), key: 'labResulted', width: 110, align: 'right', render: (_, r) => (r.lab ? fmt.number(r.lab.resulted) : '–') },
    {
      title: t('testing.capacity.labCapacity'),
      key: 'labCapacity',
      width: 150,
      render: (_, r) =>
        r.lab ? (
          <Space size={4} wrap>
            {fmt.number(r.lab.capacityPerDay)}
            {r.lab.overCapacity && (
              <Tag color="red" style={tagStyle} data-testid="capacity-lab-over">
                {t('testing.capacity.overCapacity')}
              </Tag>
            )}
          </Space>
        ) : (
          '–'
        ),
    },
    {
      title: t('testing.capacity.turnaround'),
      key: 'turnaround',
      width: 130,
      render: (_, r) => (r.lab ? t('testing.capacity.turnaroundDays', { n: fmt.number(r.lab.avgTurnaroundDays, 1) }) : '–'),
    },
  ];

  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker
          format="DD/MM/YYYY"
          allowClear={false}
          placeholder={[t('testing.capacity.from'), t('testing.capacity.to')]}
          aria-label={t('testing.capacity.range')}
          value={[dayjs(range.from), dayjs(range.to)]}
          // At most 120 days, as the server reports.
          disabledDate={(d, info) => (info.from ? Math.abs(d.diff(info.from, 'day')) >= MAX_CAPACITY_DAYS : false)}
          onChange={pick}
          style={{ width: 290, maxWidth: '100%' }}
          data-testid="capacity-range"
        />
        <Typography.Text type="secondary">{t('testing.capacity.maxDays', { max: MAX_CAPACITY_DAYS })}</Typography.Text>
      </Space>
      {report.error && <ErrorAlert error={report.error} onRetry={report.reload} />}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {data && (data.totalCapacity === null ? t('testing.capacity.noCapacity') : t('testing.capacity.totalCapacity', { n: fmt.number(data.totalCapacity) }))}{' '}
        {t('testing.capacity.tubesHint')}
      </Typography.Paragraph>
      {data && <CapacityChart report={data} height={320} />}
      <Table<CapacityRow>
        rowKey="key"
        size="small"
        bordered
        data-testid="capacity-table"
        columns={columns}
        dataSource={data ? capacityRows(data.days) : []}
        loading={report.loading}
        pagination={false}
        scroll={{ x: 1110 }}
        style={{ marginTop: 16 }}
      />
    </div>
  );
}
