import { DownloadOutlined } from '@ant-design/icons';
import { Button, Segmented, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useDownload } from '../../shared/hooks/use-download.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { RemoteSelect } from '../../shared/ui/remote-select.tsx';
import { SearchInput } from '../../shared/ui/search-input.tsx';
import { pagedTableProps, pagingAfterChange } from '../../shared/ui/table-paging.ts';
import { AgencySelect } from './agency-select.tsx';
import { AlertsPanel } from './alerts-panel.tsx';
import {
  directivesPaths, type Meeting, type MeetingSummary, type Paged, STATE_FILTERS, type TaskQuery, taskQueryFromParams, taskQueryToParams, TASK_STATUSES, type TaskStatus,
  type TaskSummary,
} from './directives-api.ts';
import { TasksTable } from './tasks-table.tsx';

interface Props {
  params: URLSearchParams;
  setOwn: (own: Record<string, string>) => void;
}

/** Every task the user may see, filtered by deadline state, status, agency, meeting and text; overdue ones first at a glance. */
export function TasksTab({ params, setOwn }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const { download, downloading } = useDownload();
  const query = taskQueryFromParams(params);
  const list = useApi<Paged<TaskSummary>>(directivesPaths.tasks(query));
  const mayManage = can(me, 'directive:manage');
  // The meeting of a filter from the URL, named in its select.
  const filterMeeting = useApi<Meeting>(query.meetingId ? directivesPaths.meeting(query.meetingId) : null);
  const meetingLabel = (m: Pick<MeetingSummary, 'heldOn' | 'title'>) => `${fmt.date(m.heldOn)} · ${m.title}`;
  const filterMeetingLabel = filterMeeting.data && filterMeeting.data.id === query.meetingId ? meetingLabel(filterMeeting.data) : undefined;

  const update = (next: TaskQuery) => setOwn(taskQueryToParams(next));
  const filter = (patch: Partial<TaskQuery>) => update({ ...query, page: 1, ...patch });
  const filtered = query.state !== 'open' || query.status || query.agencyId || query.meetingId || query.q;

  return (
    <div>
      <AlertsPanel
        state={query.state}
        onState={(state) => filter({ state, status: undefined })}
        onReported={mayManage ? () => filter({ state: 'all', status: 'reported' }) : undefined}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={query.state}
          options={STATE_FILTERS.map((s) => ({ value: s, label: <span data-testid={`tasks-state-${s}`}>{t(`directives.stateFilters.${s}`)}</span> }))}
          onChange={(state) => filter({ state })}
        />
        <Select<TaskStatus>
          allowClear
          placeholder={t('directives.tasks.allStatuses')}
          aria-label={t('directives.tasks.status')}
          value={query.status}
          options={TASK_STATUSES.map((s) => ({ value: s, label: t(`directives.statuses.${s}`) }))}
          onChange={(status?: TaskStatus) => filter({ status })}
          style={{ width: 170 }}
          data-testid="tasks-status"
        />
        <AgencySelect<number>
          includeInactive
          allowClear
          placeholder={t('directives.tasks.allAgencies')}
          aria-label={t('directives.tasks.leadAgency')}
          value={query.agencyId}
          onChange={(agencyId?: number) => filter({ agencyId })}
          style={{ width: 260 }}
          popupMatchSelectWidth={360}
          data-testid="tasks-agency"
        />
        <div style={{ width: 240, display: 'grid' }}>
          <RemoteSelect<MeetingSummary>
            // Mounted again once the meeting's name arrives: the select takes its first label once.
            key={filterMeetingLabel ?? 'unnamed'}
            value={query.meetingId}
            onChange={(meetingId) => filter({ meetingId })}
            searchPaths={(text) => directivesPaths.meetings({ q: text, page: 1, pageSize: 20 })}
            delayMs={(text) => (text ? 300 : 0)}
            idOf={(m) => m.id}
            labelOf={meetingLabel}
            initial={query.meetingId ? { value: query.meetingId, label: filterMeetingLabel ?? t('directives.tasks.meetingNo', { id: query.meetingId }) } : null}
            placeholder={t('directives.tasks.allMeetings')}
            testId="tasks-meeting"
          />
        </div>
        <SearchInput value={query.q} onSearch={(q) => filter({ q })} placeholder={t('directives.tasks.searchPlaceholder')} width={280} testId="tasks-search" />
        {filtered && <Button onClick={() => update({ state: 'open', page: 1, pageSize: query.pageSize })}>{t('app.reset')}</Button>}
        <Button
          icon={<DownloadOutlined />}
          loading={downloading}
          onClick={() => void download(directivesPaths.followUp({ meetingId: query.meetingId, status: query.state === 'all' ? 'all' : 'open' }), 'theo-doi-nhiem-vu.xlsx')}
          data-testid="tasks-follow-up"
        >
          {t('directives.meeting.followUp')}
        </Button>
      </Space>
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <TasksTable
        {...pagedTableProps(list, query, (total) => t('directives.tasks.total', { total: fmt.number(total) }))}
        sort={query.sort}
        onChange={(p, sort) => update({ ...query, sort, ...pagingAfterChange(query, p, sort !== query.sort) })}
      />
    </div>
  );
}
