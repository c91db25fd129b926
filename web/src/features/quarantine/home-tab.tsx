import { CheckCircleOutlined, EditOutlined } from '@ant-design/icons';
import { Button, DatePicker, Segmented, Space, Switch, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../shared/hooks/use-api.ts';
import { todayInVietnam, useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { pagedTableProps, pagingAfterChange } from '../../shared/ui/table-paging.ts';
import {
  HOME_VIEWS,
  type HomeMonitoringItem,
  type HomeMonitoringList,
  type HomeQuery,
  homePaths,
  homeQueryFromParams,
  homeQueryToParams,
  type HomeView,
  type MonitoringKind,
} from './home-api.ts';
import { HomeCheckModal } from './home-check-modal.tsx';
import { abnormalSigns, checkState, defaultCheckDate, missedDaysSummary } from './home-view.ts';
import { MonitoringKindTag, muted } from './quarantine-tags.tsx';
import { TasksList } from './tasks-list.tsx';

interface Props {
  params: URLSearchParams;
  setOwn: (own: Record<string, string>) => void;
}

/**
 * "Theo dõi tại nhà": the people followed at home on a day (home quarantine, F2, after a centralized
 * stay) with their daily check, and the commune health stations' tasks raised by abnormal checks.
 */
export function HomeTab({ params, setOwn }: Props) {
  const { t } = useTranslation();
  const today = todayInVietnam();
  const query = homeQueryFromParams(params, today);
  const update = (patch: Partial<HomeQuery>) => setOwn(homeQueryToParams({ ...query, ...patch }, today));

  return (
    <div>
      <Segmented<HomeView>
        value={query.view}
        options={HOME_VIEWS.map((v) => ({ value: v, label: t(`quarantine.home.views.${v}`) }))}
        onChange={(view) => update({ view, page: 1 })}
        style={{ marginBottom: 12 }}
        data-testid="home-view"
      />
      {query.view === 'people' ? <PeopleList query={query} update={update} /> : <TasksList query={query} update={update} />}
    </div>
  );
}

const countTag = { marginInlineEnd: 0, fontSize: 13, padding: '2px 8px' } as const;

function PeopleList({ query, update }: { query: HomeQuery; update: (patch: Partial<HomeQuery>) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const today = todayInVietnam();
  const list = useApi<HomeMonitoringList>(homePaths.list(query));
  const mayRecord = can(me, 'homecheck:write');
  const [checking, setChecking] = useState<HomeMonitoringItem | null>(null);

  const filter = (patch: Partial<HomeQuery>) => update({ ...patch, page: 1 });
  const temperature = (c: number | null) => (c === null ? '' : ` ${fmt.number(c, 1)} °C`);

  const columns: TableColumnsType<HomeMonitoringItem> = [
    {
      title: t('quarantine.home.person'),
      key: 'person',
      fixed: 'left',
      width: 200,
      render: (_, i) => (
        <>
          {i.fullName}
          {i.address && <div style={muted}>{i.address}</div>}
        </>
      ),
    },
    { title: t('quarantine.home.phone'), dataIndex: 'phone', width: 120, render: (p: string | null) => p ?? '–' },
    { title: t('quarantine.home.kind'), dataIndex: 'kind', width: 220, render: (k: MonitoringKind) => <MonitoringKindTag kind={k} /> },
    {
      title: t('quarantine.home.day'),
      key: 'day',
      width: 150,
      render: (_, i) => (
        <>
          {t('quarantine.home.dayN', { day: fmt.number(i.day) })}
          <div style={muted}>{t('quarantine.home.since', { date: fmt.date(i.since) })}</div>
          {i.until && <div style={muted}>{t('quarantine.home.until', { date: fmt.date(i.until) })}</div>}
        </>
      ),
    },
    {
      title: t('quarantine.home.check'),
      key: 'check',
      width: 200,
      render: (_, i) => {
        const state = checkState(i.today);
        if (state === 'not_checked' || i.today === null) return <Typography.Text type="secondary">{t('quarantine.home.notChecked')}</Typography.Text>;
        if (state === 'normal') {
          return (
            <Typography.Text type="success" data-testid={`home-state-${i.orderId}`}>
              <CheckCircleOutlined /> {t('quarantine.home.normal')}
              {temperature(i.today.temperature)}
            </Typography.Text>
          );
        }
        const signs = abnormalSigns(i.today);
        return (
          <span data-testid={`home-state-${i.orderId}`}>
            <Tag color="red" style={{ marginInlineEnd: 4 }}>
              {t('quarantine.home.abnormal')}
            </Tag>
            {temperature(i.today.temperature)}
            {signs.length > 0 && <div style={muted}>{signs.map((s) => t(`quarantine.home.signs.${s}`)).join(', ')}</div>}
          </span>
        );
      },
    },
    {
      title: t('quarantine.home.missed'),
      key: 'missed',
      width: 110,
      render: (_, i) => {
        const missed = missedDaysSummary(i.missedDays);
        if (!missed.warn) return <Typography.Text type="secondary">0</Typography.Text>;
        return (
          <Tooltip title={missed.dates.join(', ')}>
            <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid={`home-missed-${i.orderId}`}>
              {t('quarantine.home.missedCount', { count: missed.count })}
            </Tag>
          </Tooltip>
        );
      },
    },
  ];
  if (mayRecord) {
    columns.push({
      title: t('quarantine.home.actions'),
      key: 'actions',
      fixed: 'right',
      width: 140,
      render: (_, i) => (
        <Button
          size="small"
          icon={<EditOutlined />}
          // Nothing left to record: the day is checked and no earlier day was missed.
          disabled={defaultCheckDate(i, query.date) === null}
          onClick={() => setChecking(i)}
          data-testid={`home-check-${i.orderId}`}
        >
          {t('quarantine.home.record')}
        </Button>
      ),
    });
  }

  const counts = list.data?.counts;

  return (
    <div>
      <Space wrap size={[16, 8]} style={{ marginBottom: 12 }}>
        <DatePicker
          format="DD/MM/YYYY"
          allowClear={false}
          aria-label={t('quarantine.home.date')}
          value={dayjs(query.date)}
          disabledDate={(d) => d.format('YYYY-MM-DD') > today}
          onChange={(d) => filter({ date: d ? d.format('YYYY-MM-DD') : today })}
          data-testid="home-date"
        />
        <label style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
          <Switch checked={query.missedOnly} onChange={(missedOnly) => filter({ missedOnly })} data-testid="home-missed-only" />
          {t('quarantine.home.missedOnly')}
        </label>
      </Space>

      {counts && (
        <Space wrap size={[8, 8]} style={{ marginBottom: 12, display: 'flex' }} data-testid="home-counts">
          <Tag color="blue" style={countTag}>
            {t('quarantine.home.counts.people')}: <b>{fmt.number(counts.people)}</b>
          </Tag>
          <Tag color="green" style={countTag}>
            {t('quarantine.home.counts.checkedToday')}: <b>{fmt.number(counts.checkedToday)}</b>
          </Tag>
          <Tag color={counts.abnormalToday > 0 ? 'red' : 'default'} style={countTag}>
            {t('quarantine.home.counts.abnormalToday')}: <b>{fmt.number(counts.abnormalToday)}</b>
          </Tag>
          <Tag color={counts.withMissedDays > 0 ? 'orange' : 'default'} style={countTag}>
            {t('quarantine.home.counts.withMissedDays')}: <b>{fmt.number(counts.withMissedDays)}</b>
          </Tag>
        </Space>
      )}
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}

      <Table<HomeMonitoringItem>
        rowKey="orderId"
        size="middle"
        data-testid="home-table"
        columns={columns}
        scroll={{ x: 1140 }}
        onChange={(p) => update(pagingAfterChange(query, p))}
        {...pagedTableProps(list, query, (total) => t('quarantine.home.total', { total: fmt.number(total) }))}
      />

      <HomeCheckModal
        item={checking}
        listDate={query.date}
        onClose={() => setChecking(null)}
        onSaved={() => {
          setChecking(null);
          list.reload();
        }}
      />
    </div>
  );
}
