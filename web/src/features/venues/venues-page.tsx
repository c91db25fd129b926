import { BarChartOutlined, CameraOutlined, EditOutlined, FilePdfOutlined, FileImageOutlined, PlusOutlined, QrcodeOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Modal, Popconfirm, Progress, QRCode, Select, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, errorText } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useDownload } from '../../shared/hooks/use-download.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { CommuneFilterSelect, DistrictFilterSelect } from '../../shared/ui/area-selects.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { PageHeader } from '../../shared/ui/page-header.tsx';
import { SearchInput } from '../../shared/ui/search-input.tsx';
import { pagedTableProps, pagingAfterChange } from '../../shared/ui/table-paging.ts';
import { VenueFormModal } from './venue-form-modal.tsx';
import { type CheckinUrl, type DailyCheckins, type Venue, VENUE_CATEGORIES, type VenueCategory, type VenueList, type VenueQuery, venueQueryFromParams, venueQueryToParams, venuesPaths } from './venues-api.ts';

const muted = { fontSize: 12, color: 'rgba(0,0,0,0.5)' } as const;

/**
 * "Địa điểm QR": the venues that put up a check-in poster, with their check-ins today and in
 * 7 days; venue:manage adds and edits them, prints the poster (PDF, PNG), issues a new code
 * (older posters stop working) and deactivates a venue.
 */
export default function VenuesPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const lang = useLanguage();
  const me = useMe();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const query = venueQueryFromParams(params);
  const list = useApi<VenueList>(venuesPaths.list(query));
  const mayManage = can(me, 'venue:manage');
  const [editing, setEditing] = useState<Venue | 'new' | null>(null);
  const [daily, setDaily] = useState<Venue | null>(null);
  const [showing, setShowing] = useState<Venue | null>(null);
  const { downloading, download } = useDownload();

  const update = (next: VenueQuery) => setParams(venueQueryToParams(next));
  const filter = (patch: Partial<VenueQuery>) => update({ ...query, page: 1, ...patch });
  const act = async (path: string, done: string) => {
    try {
      await api.post<Venue>(path);
      message.success(done);
      list.reload();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  };

  const columns: TableColumnsType<Venue> = [
    {
      title: t('venues.name'), key: 'name', render: (_, v) => (
        <>
          <span style={{ fontWeight: 500 }}>{v.name}</span>
          <div style={muted}>{[v.addressDetail, v.communeName, v.districtName].filter(Boolean).join(', ')}</div>
          {v.ownerName && <div style={muted}>{v.ownerName}</div>}
        </>
      ),
    },
    { title: t('venues.category'), dataIndex: 'category', width: 150, render: (c: VenueCategory) => t(`venues.categories.${c}`) },
    { title: t('venues.today'), dataIndex: 'checkinsToday', width: 100, align: 'right', render: (n: number | null) => fmt.number(n) },
    { title: t('venues.last7Days'), dataIndex: 'checkins7d', width: 100, align: 'right', render: (n: number | null) => fmt.number(n) },
    {
      title: t('venues.state'), key: 'state', width: 120,
      render: (_, v) => (v.active ? <Tag color="green">{t('venues.active')}</Tag> : <Tag>{t('venues.inactive')}</Tag>),
    },
    {
      title: '', key: 'actions', width: 200, fixed: 'right',
      render: (_, v) => (
        <Space size={4} wrap>
          <Tooltip title={t('venues.daily.button')}>
            <Button size="small" icon={<BarChartOutlined />} onClick={() => setDaily(v)} data-testid={`venue-daily-${v.id}`} />
          </Tooltip>
          {v.active && (
            <>
              <Tooltip title={t('venues.link.button')}>
                <Button size="small" icon={<QrcodeOutlined />} onClick={() => setShowing(v)} data-testid={`venue-link-${v.id}`} />
              </Tooltip>
              <Tooltip title={t('venues.posterPdf')}>
                <Button size="small" icon={<FilePdfOutlined />} loading={downloading} onClick={() => void download(venuesPaths.poster(v.id, 'pdf'), `venue-${v.id}-qr.pdf`)} data-testid={`venue-pdf-${v.id}`} />
              </Tooltip>
              <Tooltip title={t('venues.posterPng')}>
                <Button size="small" icon={<FileImageOutlined />} loading={downloading} onClick={() => void download(venuesPaths.poster(v.id, 'png'), `venue-${v.id}-qr.png`)} data-testid={`venue-png-${v.id}`} />
              </Tooltip>
            </>
          )}
          {mayManage && v.active && (
            <>
              <Tooltip title={t('venues.scan.button')}>
                <Link to={`/venues/scan?venue=${v.id}`}><Button size="small" icon={<CameraOutlined />} data-testid={`venue-scan-${v.id}`} /></Link>
              </Tooltip>
              <Tooltip title={t('venues.edit.button')}>
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(v)} data-testid={`venue-edit-${v.id}`} />
              </Tooltip>
              <Popconfirm title={t('venues.reissue.confirm')} onConfirm={() => void act(venuesPaths.reissue(v.id), t('venues.reissue.done', { name: v.name }))}>
                <Tooltip title={t('venues.reissue.button')}>
                  <Button size="small" icon={<ReloadOutlined />} data-testid={`venue-reissue-${v.id}`} />
                </Tooltip>
              </Popconfirm>
              <Popconfirm title={t('venues.deactivate.confirm')} okButtonProps={{ danger: true }} onConfirm={() => void act(venuesPaths.deactivate(v.id), t('venues.deactivate.done', { name: v.name }))}>
                <Tooltip title={t('venues.deactivate.button')}>
                  <Button size="small" danger icon={<StopOutlined />} data-testid={`venue-deactivate-${v.id}`} />
                </Tooltip>
              </Popconfirm>
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div>
      <PageHeader
        title={t('venues.title')}
        extra={mayManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="venue-create">{t('venues.create.button')}</Button>
        )}
      />
      <Typography.Paragraph type="secondary">{t('venues.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <SearchInput value={query.q} onSearch={(q) => filter({ q })} placeholder={t('venues.searchPlaceholder')} width={260} testId="venues-search" />
        <Select<VenueCategory>
          allowClear
          placeholder={t('venues.allCategories')}
          aria-label={t('venues.category')}
          value={query.category}
          options={VENUE_CATEGORIES.map((c) => ({ value: c, label: t(`venues.categories.${c}`) }))}
          onChange={(category?: VenueCategory) => filter({ category })}
          style={{ width: 190 }}
          data-testid="venues-category"
        />
        {me.scope.kind !== 'org' && (
          <>
            <DistrictFilterSelect value={query.districtCode} onChange={(districtCode) => filter({ districtCode, communeCode: undefined })} width={180} />
            <CommuneFilterSelect districtCode={query.districtCode} value={query.communeCode} onChange={(communeCode) => filter({ communeCode })} width={180} />
          </>
        )}
      </Space>
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<Venue>
        rowKey="id"
        size="middle"
        columns={columns}
        scroll={{ x: 900 }}
        rowClassName={(v) => (v.active ? '' : 'row-inactive')}
        {...pagedTableProps(list, query, (total) => t('venues.total', { total: fmt.number(total) }))}
        onChange={(p) => update({ ...query, ...pagingAfterChange(query, p) })}
        data-testid="venues-table"
      />
      <VenueFormModal venue={editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); list.reload(); }} />
      <DailyDrawer venue={daily} onClose={() => setDaily(null)} />
      <LinkModal venue={showing} onClose={() => setShowing(null)} />
    </div>
  );
}

/** Check-ins per day at a venue over the last 14 days, as bars. */
function DailyDrawer({ venue, onClose }: { venue: Venue | null; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const daily = useApi<DailyCheckins>(venue ? venuesPaths.daily(venue.id) : null);
  const max = Math.max(1, ...(daily.data?.days.map((d) => d.count) ?? [0]));
  return (
    <Drawer open={venue !== null} onClose={onClose} title={venue ? t('venues.daily.title', { name: venue.name }) : ''} width={420} destroyOnHidden>
      {daily.error && <ErrorAlert error={daily.error} onRetry={daily.reload} />}
      <Table
        rowKey="date"
        size="small"
        pagination={false}
        loading={daily.loading}
        dataSource={[...(daily.data?.days ?? [])].reverse()}
        columns={[
          { title: t('venues.daily.date'), dataIndex: 'date', width: 110, render: (d: string) => fmt.date(d) },
          { title: t('venues.daily.count'), dataIndex: 'count', width: 70, align: 'right', render: (n: number) => fmt.number(n) },
          { key: 'bar', render: (_, d) => <Progress percent={(d.count / max) * 100} showInfo={false} size="small" /> },
        ]}
        data-testid="venue-daily-table"
      />
    </Drawer>
  );
}

/** The poster's QR code and check-in link on screen (to test it, or to share it in a chat group). */
function LinkModal({ venue, onClose }: { venue: Venue | null; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const link = useApi<CheckinUrl>(venue ? venuesPaths.checkinUrl(venue.id) : null);
  return (
    <Modal open={venue !== null} onCancel={onClose} footer={null} title={venue?.name ?? ''} destroyOnHidden width={400}>
      {link.error && <ErrorAlert error={link.error} onRetry={link.reload} />}
      {link.data && (
        <div style={{ textAlign: 'center' }}>
          <div style={{ display: 'flex', justifyContent: 'center' }}><QRCode value={link.data.url} size={240} errorLevel="M" /></div>
          <Typography.Paragraph copyable={{ text: link.data.url }} style={{ wordBreak: 'break-all', marginTop: 8 }}>
            <a href={link.data.url} target="_blank" rel="noreferrer" data-testid="venue-link-url">{link.data.url}</a>
          </Typography.Paragraph>
          <Typography.Text type="secondary">{t('venues.link.valid', { date: fmt.date(link.data.expiresOn) })}</Typography.Text>
        </div>
      )}
    </Modal>
  );
}
