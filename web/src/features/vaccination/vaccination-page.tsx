import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, DatePicker, Space, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useDownload } from '../../shared/hooks/use-download.ts';
import { todayInVietnam, useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { PageHeader } from '../../shared/ui/page-header.tsx';
import { SearchInput } from '../../shared/ui/search-input.tsx';
import { XlsxImportModal } from '../../shared/ui/xlsx-import-modal.tsx';
import { type Coverage, type CoverageRow, type Dose, type Lot, type Paged, type Session, type Site, vaccinationPaths } from './vaccination-api.ts';

type Tab = 'coverage' | 'doses' | 'sessions' | 'sites' | 'lots';
const TABS: Tab[] = ['coverage', 'doses', 'sessions', 'sites', 'lots'];

/** `/vaccination`: coverage by district and commune, dose records (with the XLSX import), sessions, sites and lots. */
export default function VaccinationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { tab: raw } = useParams();
  const tab: Tab = TABS.find((x) => x === raw) ?? 'coverage';
  return (
    <div>
      <PageHeader title={t('vaccination.title')} />
      <Tabs activeKey={tab} onChange={(k) => void navigate(`/vaccination/${k}`)} items={TABS.map((k) => ({ key: k, label: t(`vaccination.tabs.${k}`) }))} destroyOnHidden />
      {tab === 'coverage' && <CoverageTab />}
      {tab === 'doses' && <DosesTab />}
      {tab === 'sessions' && <SessionsTab />}
      {tab === 'sites' && <SitesTab />}
      {tab === 'lots' && <LotsTab />}
    </div>
  );
}

function SessionsTab() {
  return <PagedTab<Session> path={vaccinationPaths.sessions} columns={useSessionColumns()} />;
}
function SitesTab() {
  return <PagedTab<Site> path={vaccinationPaths.sites} columns={useSiteColumns()} />;
}
function LotsTab() {
  return <PagedTab<Lot> path={vaccinationPaths.lots} columns={useLotColumns()} />;
}

function PagedTab<T extends { id: number }>({ path, columns }: { path: (p: { page: number; pageSize: number }) => string; columns: TableColumnsType<T> }) {
  const [page, setPage] = useState(1);
  const list = useApi<Paged<T>>(path({ page, pageSize: 20 }));
  return (
    <>
      <ErrorAlert error={list.error} />
      <Table<T> size="small" rowKey="id" loading={list.loading} dataSource={list.data?.items ?? []} columns={columns} scroll={{ x: 800 }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, showSizeChanger: false, onChange: setPage }} />
    </>
  );
}

function usePercent() {
  const fmt = useFormat();
  return (v: number | null) => (v === null ? '–' : `${fmt.number(v, 1)} %`);
}

function CoverageTab() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const pct = usePercent();
  const [date, setDate] = useState(todayInVietnam());
  const c = useApi<Coverage>(vaccinationPaths.coverage(date));
  const { downloading, download } = useDownload();
  type Row = CoverageRow & { key: string; name: string; children?: Row[] };
  const rows: Row[] = (c.data?.districts ?? []).map((d) => ({
    ...d, key: d.districtCode,
    children: (c.data?.communes ?? []).filter((x) => x.districtCode === d.districtCode).map((x) => ({ ...x, key: x.communeCode })),
  }));
  const n = (v: number) => fmt.number(v);
  const columns: TableColumnsType<Row> = [
    { title: t('vaccination.coverage.area'), dataIndex: 'name', fixed: 'left', width: 220 },
    { title: t('vaccination.coverage.population'), dataIndex: 'population', align: 'right', render: n },
    { title: t('vaccination.coverage.adults'), dataIndex: 'adults', align: 'right', render: n },
    { title: t('vaccination.coverage.adultsOneDose'), key: 'a1', align: 'right', render: (_, r) => `${n(r.adultsOneDose)} (${pct(r.adultsOneDosePercent)})` },
    { title: t('vaccination.coverage.over50Full'), key: 'o50', align: 'right', render: (_, r) => `${n(r.over50Full)}/${n(r.over50)} (${pct(r.over50FullPercent)})` },
    { title: t('vaccination.coverage.over65Full'), key: 'o65', align: 'right', render: (_, r) => `${n(r.over65Full)}/${n(r.over65)} (${pct(r.over65FullPercent)})` },
    { title: t('vaccination.coverage.populationFull'), key: 'pf', align: 'right', render: (_, r) => `${n(r.populationFull)} (${pct(r.populationFullPercent)})` },
  ];
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <DatePicker value={dayjs(date)} format="DD/MM/YYYY" allowClear={false} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} />
        <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void download(vaccinationPaths.coverageXlsx(date), `do-bao-phu-${date}.xlsx`)}>{t('vaccination.exportXlsx')}</Button>
        {c.data && (
          <Typography.Text>
            {t('vaccination.coverage.summary', { adults: pct(c.data.total.adultsOneDosePercent), over50: pct(c.data.total.over50FullPercent), over65: pct(c.data.total.over65FullPercent) })}
          </Typography.Text>
        )}
      </Space>
      <ErrorAlert error={c.error} />
      <Table<Row> size="small" rowKey="key" loading={c.loading} dataSource={rows} columns={columns} pagination={false} scroll={{ x: 1000 }} />
    </>
  );
}

function DosesTab() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState<string | undefined>(undefined);
  const [importing, setImporting] = useState(false);
  const list = useApi<Paged<Dose>>(vaccinationPaths.doses({ page, pageSize: 20, q }));
  const columns: TableColumnsType<Dose> = [
    { title: t('vaccination.doses.date'), dataIndex: 'doseDate', width: 110, render: (v: string) => fmt.date(v) },
    { title: t('vaccination.doses.person'), dataIndex: 'fullName' },
    { title: t('vaccination.doses.dateOfBirth'), dataIndex: 'dateOfBirth', width: 110, render: (v: string | null) => (v && !v.includes('*') ? fmt.date(v) : v ?? '') },
    { title: t('vaccination.doses.number'), dataIndex: 'doseNumber', width: 70, align: 'right' },
    { title: t('vaccination.doses.product'), dataIndex: 'productCode', width: 120 },
    { title: t('vaccination.doses.site'), dataIndex: 'siteName' },
    { title: t('vaccination.doses.lot'), dataIndex: 'lotNumber', width: 110 },
    { title: t('vaccination.doses.notes'), key: 'notes', render: (_, d) => <Space size={4}>{d.overrideReason && <Tag color="orange">{t('vaccination.doses.early')}</Tag>}{d.adverseEvents > 0 && <Tag color="red">{t('vaccination.doses.adverse')}</Tag>}</Space> },
  ];
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <SearchInput value={q} placeholder={t('vaccination.doses.search')} onSearch={(v) => { setQ(v || undefined); setPage(1); }} />
        {can(me, 'vaccination:write') && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>{t('vaccination.doses.import')}</Button>}
      </Space>
      <ErrorAlert error={list.error} />
      <Table<Dose> size="small" rowKey="id" loading={list.loading} dataSource={list.data?.items ?? []} columns={columns} scroll={{ x: 900 }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, showSizeChanger: false, onChange: setPage }} />
      <XlsxImportModal
        open={importing} onClose={() => setImporting(false)} onImported={() => { setImporting(false); list.reload(); }}
        importUrl={vaccinationPaths.importDoses} templateUrl={vaccinationPaths.template} issuesBlockImport
        texts={{
          title: t('vaccination.import.title'), hint: t('vaccination.import.hint'), template: t('vaccination.import.template'),
          checkedOk: (total) => t('vaccination.import.checkedOk', { total }), confirm: (total) => t('vaccination.import.confirm', { total }), done: (created) => t('vaccination.import.done', { created }),
        }}
        fieldLabel={(f) => t(`vaccination.import.fields.${f}`, { defaultValue: f })}
      />
    </>
  );
}

function useSessionColumns(): TableColumnsType<Session> {
  const { t } = useTranslation();
  const fmt = useFormat();
  return [
    { title: t('vaccination.sessions.date'), dataIndex: 'date', width: 110, render: (v: string) => fmt.date(v) },
    { title: t('vaccination.sessions.site'), dataIndex: 'siteName' },
    { title: t('vaccination.sessions.shift'), dataIndex: 'shift', width: 110, render: (s: string) => t(`vaccination.sessions.shifts.${s}`, { defaultValue: s }) },
    { title: t('vaccination.sessions.capacity'), dataIndex: 'capacity', width: 90, align: 'right' },
    { title: t('vaccination.sessions.invited'), dataIndex: 'invited', width: 90, align: 'right' },
    { title: t('vaccination.sessions.doses'), dataIndex: 'doses', width: 90, align: 'right' },
  ];
}

function useSiteColumns(): TableColumnsType<Site> {
  const { t } = useTranslation();
  return [
    { title: t('vaccination.sites.name'), dataIndex: 'name' },
    { title: t('vaccination.sites.area'), key: 'area', render: (_, s) => [s.communeName, s.districtName].filter(Boolean).join(', ') },
    { title: t('vaccination.sites.capacity'), dataIndex: 'capacityPerSession', width: 100, align: 'right' },
    { title: t('vaccination.sites.vaccinators'), dataIndex: 'vaccinators', width: 100, align: 'right' },
    { title: t('vaccination.sites.emergency'), dataIndex: 'emergencyStaff', width: 100, align: 'right' },
    { title: t('vaccination.sites.doses'), dataIndex: 'doses', width: 100, align: 'right' },
  ];
}

function useLotColumns(): TableColumnsType<Lot> {
  const { t } = useTranslation();
  const fmt = useFormat();
  return [
    { title: t('vaccination.lots.product'), dataIndex: 'productName' },
    { title: t('vaccination.lots.lot'), dataIndex: 'lotNumber' },
    { title: t('vaccination.lots.expiry'), dataIndex: 'expiryDate', width: 120, render: (v: string, l) => <span>{fmt.date(v)} {l.expired && <Tag color="red">{t('vaccination.lots.expired')}</Tag>}</span> },
    { title: t('vaccination.lots.received'), dataIndex: 'dosesReceived', width: 110, align: 'right', render: (v: number) => fmt.number(v) },
    { title: t('vaccination.lots.used'), dataIndex: 'dosesUsed', width: 110, align: 'right', render: (v: number) => fmt.number(v) },
    { title: t('vaccination.lots.left'), dataIndex: 'dosesLeft', width: 110, align: 'right', render: (v: number) => fmt.number(v) },
  ];
}
