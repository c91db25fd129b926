import { PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Space, Table, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { SearchInput } from '../../shared/ui/search-input.tsx';
import { pagedTableProps, pagingAfterChange } from '../../shared/ui/table-paging.ts';
import {
  directivesPaths, type MeetingQuery, meetingPagePath, meetingQueryFromParams, meetingQueryToParams, type MeetingSummary, type Paged,
} from './directives-api.ts';
import { MeetingFormModal } from './meeting-form-modal.tsx';

interface Props {
  params: URLSearchParams;
  setOwn: (own: Record<string, string>) => void;
}

/** The briefings (giao ban) newest first, with how many of their tasks are still open; directive:manage adds one. */
export function MeetingsTab({ params, setOwn }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const navigate = useNavigate();
  const query = meetingQueryFromParams(params);
  const list = useApi<Paged<MeetingSummary>>(directivesPaths.meetings(query));
  const [creating, setCreating] = useState(false);
  const mayManage = can(me, 'directive:manage');

  const update = (next: MeetingQuery) => setOwn(meetingQueryToParams(next));
  const filter = (patch: Partial<MeetingQuery>) => update({ ...query, page: 1, ...patch });

  const columns: TableColumnsType<MeetingSummary> = [
    { title: t('directives.meetings.heldOn'), dataIndex: 'heldOn', width: 110, render: (d: string) => fmt.date(d) },
    {
      title: t('directives.meetings.title'),
      key: 'title',
      render: (_, m) => (
        <>
          <Link to={meetingPagePath(m.id)} data-testid={`meeting-link-${m.id}`}>
            {m.title}
          </Link>
          {m.noticeNo && <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.5)' }}>{t('directives.meetings.noticeNoShort', { no: m.noticeNo })}</div>}
        </>
      ),
    },
    { title: t('directives.meetings.chair'), dataIndex: 'chair', width: 220 },
    { title: t('directives.meetings.itemsCount'), dataIndex: 'items', width: 90, align: 'right', render: (n: number) => fmt.number(n) },
    { title: t('directives.meetings.tasksCount'), dataIndex: 'tasks', width: 90, align: 'right', render: (n: number) => fmt.number(n) },
    { title: t('directives.meetings.openTasks'), dataIndex: 'openTasks', width: 120, align: 'right', render: (n: number) => fmt.number(n) },
  ];

  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <SearchInput value={query.q} onSearch={(q) => filter({ q })} placeholder={t('directives.meetings.searchPlaceholder')} width={300} testId="meetings-search" />
        <DatePicker.RangePicker
          format="DD/MM/YYYY"
          allowEmpty={[true, true]}
          value={[query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null]}
          onChange={(range) => filter({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
          aria-label={t('directives.meetings.heldOn')}
        />
        {(query.q || query.from || query.to) && <Button onClick={() => update({ page: 1, pageSize: query.pageSize })}>{t('app.reset')}</Button>}
        {mayManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="meeting-create">
            {t('directives.meetings.create')}
          </Button>
        )}
      </Space>
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<MeetingSummary>
        rowKey="id"
        size="middle"
        data-testid="meetings-table"
        columns={columns}
        {...pagedTableProps(list, query, (total) => t('directives.meetings.total', { total: fmt.number(total) }))}
        onChange={(p) => update({ ...query, ...pagingAfterChange(query, p) })}
        scroll={{ x: 900 }}
      />
      {mayManage && (
        <MeetingFormModal
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(m) => {
            setCreating(false);
            navigate(meetingPagePath(m.id));
          }}
        />
      )}
    </div>
  );
}
