import { DownloadOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, DatePicker, Select, Space, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useDownload } from '../../shared/hooks/use-download.ts';
import { todayInVietnam, useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { PageHeader } from '../../shared/ui/page-header.tsx';
import { SearchInput } from '../../shared/ui/search-input.tsx';
import { XlsxImportModal } from '../../shared/ui/xlsx-import-modal.tsx';
import { AdverseEventModal, AdverseFollowUpModal, type DoseRef } from './adverse-event-modal.tsx';
import { LotFormModal } from './lot-form-modal.tsx';
import { SessionCreateModal } from './session-create-modal.tsx';
import { SiteFormModal } from './site-form-modal.tsx';
import { type AdverseEvent, type Coverage, type CoverageRow, type Dose, type Lot, OUTCOMES, type Paged, type Session, type Site, vaccinationPaths } from './vaccination-api.ts';

type Tab = 'coverage' | 'doses' | 'sessions' | 'sites' | 'lots' | 'adverse';
const ALL_TABS: Tab[] = ['coverage', 'doses', 'sessions', 'sites', 'lots', 'adverse'];

/**
 * `/vaccination`: coverage by district and commune, dose records (with the XLSX import), sessions,
 * sites and lots with their forms, adverse reactions. A site's vaccinators see their site's lists (no coverage).
 */
export default function VaccinationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const { tab: raw } = useParams();
  const TABS = me.scope.kind === 'org' ? ALL_TABS.filter((x) => x !== 'coverage') : ALL_TABS;
  const tab: Tab = TABS.find((x) => x === raw) ?? TABS[0]!;
  return (
    <div>
      <PageHeader title={t('vaccination.title')} />
      <Tabs activeKey={tab} onChange={(k) => void navigate(`/vaccination/${k}`)} items={TABS.map((k) => ({ key: k, label: t(`vaccination.tabs.${k}`) }))} destroyOnHidden />
      {tab === 'coverage' && <CoverageTab />}
      {tab === 'doses' && <DosesTab />}
      {tab === 'sessions' && <SessionsTab />}
      {tab === 'sites' && <SitesTab />}
      {tab === 'lots' && <LotsTab />}
      {tab === 'adverse' && <AdverseTab />}
    </div>
  );
}

function SessionsTab() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const columns = useSessionColumns();
  return (
    <PagedTab<Session> path={vaccinationPaths.sessions} testId="sessions-table"
      columns={[...columns, { key: 'open', width: 140, render: (_, s) => <Link to={`/vaccination/sessions/${s.id}`}>{t('vaccination.session.open')}</Link> }]}
      toolbar={() => can(me, 'vaccination:write') && (
        <>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="session-add">{t('vaccination.sessionForm.add')}</Button>
          <SessionCreateModal open={creating} onClose={() => setCreating(false)} onCreated={(id) => { setCreating(false); void navigate(`/vaccination/sessions/${id}`); }} />
        </>
      )} />
  );
}
function SitesTab() {
  const { t } = useTranslation();
  const me = useMe();
  const [editing, setEditing] = useState<Site | 'new' | null>(null);
  const manage = can(me, 'vaccination:manage');
  const columns = useSiteColumns();
  return (
    <PagedTab<Site> path={vaccinationPaths.sites} testId="sites-table"
      columns={manage ? [...columns, { key: 'edit', width: 80, render: (_, s) => <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(s)}>{t('vaccination.siteForm.edit')}</Button> }] : columns}
      toolbar={(reload) => manage && (
        <>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="site-add">{t('vaccination.siteForm.add')}</Button>
          <SiteFormModal open={editing !== null} site={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); reload(); }} />
        </>
      )} />
  );
}
function LotsTab() {
  const { t } = useTranslation();
  const me = useMe();
  const [receiving, setReceiving] = useState(false);
  return (
    <PagedTab<Lot> path={vaccinationPaths.lots} columns={useLotColumns()} testId="lots-table"
      toolbar={(reload) => can(me, 'vaccination:manage') && (
        <>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setReceiving(true)} data-testid="lot-add">{t('vaccination.lotForm.add')}</Button>
          <LotFormModal open={receiving} onClose={() => setReceiving(false)} onSaved={() => { setReceiving(false); reload(); }} />
        </>
      )} />
  );
}

function AdverseTab() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const [outcome, setOutcome] = useState<string | undefined>(undefined);
  const [following, setFollowing] = useState<AdverseEvent | null>(null);
  const columns: TableColumnsType<AdverseEvent> = [
    { title: t('vaccination.adverse.onset'), dataIndex: 'onsetDate', width: 110, render: (v: string) => fmt.date(v) },
    { title: t('vaccination.adverse.person'), dataIndex: 'fullName' },
    { title: t('vaccination.adverse.dose'), key: 'dose', render: (_, e) => t('vaccination.record.dose', { n: e.doseNumber, product: e.productCode, date: fmt.date(e.doseDate) }) },
    { title: t('vaccination.adverse.site'), dataIndex: 'siteName' },
    { title: t('vaccination.adverse.severity'), dataIndex: 'severity', width: 90, render: (v: string) => <Tag color={v === 'severe' ? 'red' : v === 'moderate' ? 'orange' : 'default'}>{t(`vaccination.adverse.severities.${v}`, { defaultValue: v })}</Tag> },
    { title: t('vaccination.adverse.symptoms'), dataIndex: 'symptoms' },
    { title: t('vaccination.adverse.outcome'), dataIndex: 'outcome', width: 120, render: (v: string) => <Tag color={v === 'recovered' ? 'green' : v === 'monitoring' ? 'blue' : 'red'}>{t(`vaccination.adverse.outcomes.${v}`, { defaultValue: v })}</Tag> },
    ...(can(me, 'vaccination:record') ? [{ key: 'follow', width: 150, render: (_: unknown, e: AdverseEvent) => <Button size="small" onClick={() => setFollowing(e)}>{t('vaccination.adverse.followUp')}</Button> }] : []),
  ];
  return (
    <PagedTab<AdverseEvent> path={(p) => vaccinationPaths.adverseEvents({ ...p, outcome })} columns={columns} testId="adverse-table"
      toolbar={(reload) => (
        <>
          <Select allowClear style={{ width: 200 }} placeholder={t('vaccination.adverse.allOutcomes')} value={outcome} onChange={setOutcome}
            options={OUTCOMES.map((o) => ({ value: o, label: t(`vaccination.adverse.outcomes.${o}`) }))} />
          <AdverseFollowUpModal event={following} onClose={() => setFollowing(null)} onSaved={() => { setFollowing(null); reload(); }} />
        </>
      )} />
  );
}

function PagedTab<T extends { id: number }>({ path, columns, toolbar, testId }: {
  path: (p: { page: number; pageSize: number }) => string; columns: TableColumnsType<T>; toolbar?: (reload: () => void) => ReactNode; testId?: string;
}) {
  const [page, setPage] = useState(1);
  const list = useApi<Paged<T>>(path({ page, pageSize: 20 }));
  const bar = toolbar?.(list.reload);
  return (
    <>
      {bar && <Space style={{ marginBottom: 12 }} wrap>{bar}</Space>}
      {list.error && <ErrorAlert error={list.error} />}
      <Table<T> size="small" rowKey="id" loading={list.loading} dataSource={list.data?.items ?? []} columns={columns} scroll={{ x: 800 }} data-testid={testId}
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
      {c.error && <ErrorAlert error={c.error} />}
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
  const [reacting, setReacting] = useState<DoseRef | null>(null);
  const list = useApi<Paged<Dose>>(vaccinationPaths.doses({ page, pageSize: 20, q }));
  const columns: TableColumnsType<Dose> = [
    { title: t('vaccination.doses.date'), dataIndex: 'doseDate', width: 110, render: (v: string) => fmt.date(v) },
    { title: t('vaccination.doses.person'), dataIndex: 'fullName' },
    { title: t('vaccination.doses.dateOfBirth'), dataIndex: 'dateOfBirth', width: 110, render: (v: string | null) => (v && !v.includes('*') ? fmt.date(v) : v ?? '') },
    { title: t('vaccination.doses.number'), dataIndex: 'doseNumber', width: 70, align: 'right' },
    { title: t('vaccination.doses.product'), dataIndex: 'productCode', width: 120 },
    { title: t('vaccination.doses.site'), dataIndex: 'siteName' },
    { title: t('vaccination.doses.lot'), dataIndex: 'lotNumber', width: 110 },
    { title: t('vaccination.doses.notes'), key: 'notes', render: (_, d) => <Space size={4}>{d.overrideReason && <Tag color="orange" title={d.overrideReason}>{t('vaccination.doses.early')}</Tag>}{d.adverseEvents > 0 && <Tag color="red">{t('vaccination.doses.adverse')}</Tag>}</Space> },
    ...(can(me, 'vaccination:record') ? [{ key: 'react', width: 140, render: (_: unknown, d: Dose) => <Button size="small" onClick={() => setReacting(d)} data-testid={`adverse-add-${d.id}`}>{t('vaccination.adverse.add')}</Button> }] : []),
  ];
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <SearchInput value={q} placeholder={t('vaccination.doses.search')} onSearch={(v) => { setQ(v || undefined); setPage(1); }} />
        {can(me, 'vaccination:record') && <Link to="/ghi-mui-tiem"><Button type="primary" icon={<PlusOutlined />} data-testid="dose-add">{t('vaccination.record.title')}</Button></Link>}
        {can(me, 'vaccination:write') && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>{t('vaccination.doses.import')}</Button>}
      </Space>
      <AdverseEventModal dose={reacting} onClose={() => setReacting(null)} onSaved={() => { setReacting(null); list.reload(); }} />
      {list.error && <ErrorAlert error={list.error} />}
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
