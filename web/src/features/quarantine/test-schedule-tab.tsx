import { FileExcelOutlined } from '@ant-design/icons';
import { Button, DatePicker, Space, Table, type TableColumnsType, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useDownload } from '../../shared/hooks/use-download.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { FacilityFilterSelect } from './facility-select.tsx';
import {
  type Facility,
  quarantinePaths,
  type ScheduleQuery,
  scheduleQueryFromParams,
  scheduleQueryToParams,
  type TestSchedule,
  type TestScheduleItem,
} from './quarantine-api.ts';
import { localised } from './quarantine-view.ts';
import { todayInVietnam } from '../../shared/i18n/format.ts';
import { muted, RiskTag } from './quarantine-tags.tsx';

interface Props {
  params: URLSearchParams;
  setOwn: (own: Record<string, string>) => void;
  facilities: { data: Facility[]; loading: boolean };
}

const REASON_COLOURS: Record<string, string> = { rule_day: 'blue', screening_cycle: 'purple' };

/** "Lịch xét nghiệm": who is to be sampled on a day, per facility, and the list as .xlsx for the sampling teams. */
export function TestScheduleTab({ params, setOwn, facilities }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const today = todayInVietnam();
  const query = scheduleQueryFromParams(params, today);
  const schedule = useApi<TestSchedule>(quarantinePaths.testSchedule(query));
  const download = useDownload();

  const update = (patch: Partial<ScheduleQuery>) => setOwn(scheduleQueryToParams({ ...query, ...patch }, today));

  const columns: TableColumnsType<TestScheduleItem> = [
    { title: t('quarantine.schedule.person'), dataIndex: 'fullName', fixed: 'left', width: 190 },
    {
      title: t('quarantine.schedule.facility'),
      key: 'facility',
      width: 230,
      render: (_, i) => (
        <>
          {i.facilityName}
          {i.roomLabel && <div style={muted}>{t('quarantine.schedule.room')}: {i.roomLabel}</div>}
        </>
      ),
    },
    { title: t('quarantine.schedule.riskGroup'), dataIndex: 'riskGroup', width: 140, render: (g: TestScheduleItem['riskGroup']) => <RiskTag group={g} /> },
    { title: t('quarantine.schedule.day'), dataIndex: 'day', width: 110, render: (d: number) => t('quarantine.schedule.dayN', { day: fmt.number(d) }) },
    {
      title: t('quarantine.schedule.reasons'),
      dataIndex: 'reasons',
      render: (reasons: TestScheduleItem['reasons']) => (
        <Space size={4} wrap>
          {reasons.map((r) => (
            <Tag key={r.reason} color={REASON_COLOURS[r.reason] ?? 'default'} style={{ marginInlineEnd: 0 }}>
              {localised(r.label, fmt.lang)}
            </Tag>
          ))}
        </Space>
      ),
    },
  ];

  return (
    <div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between', marginBottom: 12 }}>
        <Space wrap>
          <DatePicker
            format="DD/MM/YYYY"
            allowClear={false}
            aria-label={t('quarantine.schedule.date')}
            value={dayjs(query.date)}
            onChange={(d) => update({ date: d ? d.format('YYYY-MM-DD') : today })}
            data-testid="schedule-date"
          />
          <FacilityFilterSelect
            facilities={facilities.data}
            loading={facilities.loading}
            value={query.facilityId}
            onChange={(facilityId) => update({ facilityId })}
            testId="schedule-facility"
          />
        </Space>
        <Button
          icon={<FileExcelOutlined />}
          loading={download.downloading}
          onClick={() => void download.download(quarantinePaths.testScheduleXlsx(query), `lich-xet-nghiem-${query.date}.xlsx`)}
          data-testid="schedule-download"
        >
          {t('quarantine.schedule.download')}
        </Button>
      </div>
      {schedule.error && <ErrorAlert error={schedule.error} onRetry={schedule.reload} />}
      <Table<TestScheduleItem>
        rowKey="orderId"
        size="middle"
        data-testid="schedule-table"
        columns={columns}
        dataSource={schedule.data?.items ?? []}
        loading={schedule.loading}
        scroll={{ x: 900 }}
        pagination={{ defaultPageSize: 50, showSizeChanger: true, showTotal: (total) => t('quarantine.schedule.total', { total: fmt.number(total) }) }}
      />
    </div>
  );
}
