import { DownloadOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useDownload } from '../../shared/hooks/use-download.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { DistrictFilterSelect } from '../../shared/ui/area-selects.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { PageHeader } from '../../shared/ui/page-header.tsx';
import { pagedTableProps, pagingAfterChange } from '../../shared/ui/table-paging.ts';
import { BandTag } from './band-tag.tsx';
import { OwnAssessment } from './own-assessment.tsx';
import { RiskMapView } from './risk-map.tsx';
import {
  formatIndex, type MissingList, type MissingRow, type ParkList, periodLabel, type Ranking, type RankingRow, RISK_BANDS, type RiskBand, type RiskMap, type RiskQuery,
  riskPaths, riskQueryFromParams, riskQueryToParams, type RiskTab, shiftPeriod,
} from './risk-api.ts';

/**
 * Enterprise risk self-assessment (QĐ 2194). An enterprise's user fills in the week's form on a
 * phone and sees its history; the health side sees the period's ranking, who has not submitted,
 * the map by band, and may open an enterprise to see its history or record a form for it.
 */
export default function EnterpriseRiskPage() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.role === 'enterprise') {
    return (
      <div>
        <PageHeader title={t('enterpriseRisk.ownTitle')} />
        <OwnAssessment enterpriseId={undefined} />
      </div>
    );
  }
  return <RiskOverview />;
}

function RiskOverview() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const fmt = useFormat();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const query = riskQueryFromParams(params);
  const ranking = useApi<Ranking>(query.tab === 'ranking' ? riskPaths.ranking(query) : riskPaths.ranking({ ...query, page: 1, pageSize: 10 }));
  const missing = useApi<MissingList>(query.tab === 'missing' ? riskPaths.missing(query) : null);
  const map = useApi<RiskMap>(query.tab === 'map' ? riskPaths.map(query) : null);
  const parks = useApi<ParkList>(riskPaths.parks);
  const { downloading, download } = useDownload();
  const [opened, setOpened] = useState<number | null>(null);
  const maySubmit = can(me, 'enterprise_risk:submit');

  const update = (next: RiskQuery) => setParams(riskQueryToParams(next));
  const filter = (patch: Partial<RiskQuery>) => update({ ...query, page: 1, ...patch });
  const period = query.period ?? ranking.data?.period;
  const openEnterprise = (id: number) => setOpened(id);

  const enterpriseCell = (name: string, r: { enterpriseId: number; taxCode: string | null }) => (
    <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }} onClick={() => openEnterprise(r.enterpriseId)}>
      {name}{r.taxCode && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{r.taxCode}</Typography.Text>}
    </Button>
  );

  const rankingTable = (
    <Table<RankingRow>
      size="small"
      rowKey="id"
      scroll={{ x: 900 }}
      data-testid="risk-ranking"
      {...pagedTableProps(ranking, query, (total) => t('enterpriseRisk.ranking.total', { total: fmt.number(total) }))}
      onChange={(p) => update({ ...query, ...pagingAfterChange(query, p) })}
      columns={[
        { title: '#', dataIndex: 'rank', width: 56, align: 'right' },
        { title: t('enterpriseRisk.enterprise'), dataIndex: 'enterpriseName', render: (v: string, r) => enterpriseCell(v, r) },
        { title: t('enterpriseRisk.district'), dataIndex: 'districtName', render: (v: string | null) => v ?? '—' },
        { title: t('enterpriseRisk.park'), dataIndex: 'parkName', render: (v: string | null) => v ?? '—' },
        {
          title: t('enterpriseRisk.index'), dataIndex: 'score', align: 'right',
          render: (v: number, r) => {
            const delta = r.previousScore === null ? null : v - r.previousScore;
            return (
              <Tooltip title={r.previousScore === null ? t('enterpriseRisk.ranking.noPrevious') : t('enterpriseRisk.ranking.previous', { score: formatIndex(r.previousScore, lang) })}>
                <span>{formatIndex(v, lang)}{delta !== null && delta !== 0 && <Typography.Text type={delta > 0 ? 'danger' : 'success'}> {delta > 0 ? '▲' : '▼'}</Typography.Text>}</span>
              </Tooltip>
            );
          },
        },
        { title: t('enterpriseRisk.band'), dataIndex: 'band', render: (b: RiskBand) => <BandTag band={b} /> },
        { title: t('enterpriseRisk.workers'), dataIndex: 'workforce', align: 'right', render: (v: number | null) => fmt.number(v) },
        {
          title: t('enterpriseRisk.submittedAt'), dataIndex: 'submittedAt',
          render: (v: string, r) => <>{fmt.dateTimeMinutes(v)}{r.onBehalf && <Tag style={{ marginInlineStart: 4 }}>{t('enterpriseRisk.onBehalf')}</Tag>}</>,
        },
      ]}
    />
  );

  const missingTable = (
    <>
      {missing.error && <ErrorAlert error={missing.error} onRetry={missing.reload} />}
      <Table<MissingRow>
        size="small"
        rowKey="enterpriseId"
        scroll={{ x: 760 }}
        data-testid="risk-missing"
        {...pagedTableProps(missing, query, (total) => t('enterpriseRisk.missing.total', { total: fmt.number(total) }))}
        onChange={(p) => update({ ...query, ...pagingAfterChange(query, p) })}
        columns={[
          { title: t('enterpriseRisk.enterprise'), dataIndex: 'enterpriseName', render: (v: string, r) => enterpriseCell(v, r) },
          { title: t('enterpriseRisk.district'), dataIndex: 'districtName', render: (v: string | null) => v ?? '—' },
          { title: t('enterpriseRisk.park'), dataIndex: 'parkName', render: (v: string | null) => v ?? '—' },
          {
            title: t('enterpriseRisk.missing.last'), dataIndex: 'lastPeriod',
            render: (v: string | null, r) => (v ? <Space size={4}>{periodLabel(v, lang)} <BandTag band={r.lastBand} /></Space> : t('enterpriseRisk.missing.never')),
          },
          ...(maySubmit ? [{
            title: '', key: 'act', render: (_: unknown, r: MissingRow) => <Button size="small" onClick={() => openEnterprise(r.enterpriseId)}>{t('enterpriseRisk.missing.enterForm')}</Button>,
          }] : []),
        ]}
      />
    </>
  );

  const counts = ranking.data?.counts;
  return (
    <div>
      <PageHeader
        title={t('enterpriseRisk.title')}
        extra={
          <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void download(riskPaths.rankingExport({ ...query, period }), `xep-hang-nguy-co-dn-${period ?? ''}.xlsx`)} data-testid="risk-export">
            {t('enterpriseRisk.export')}
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Space.Compact>
          <Button icon={<LeftOutlined />} disabled={!period} onClick={() => period && filter({ period: shiftPeriod(period, -1) })} aria-label={t('enterpriseRisk.previousPeriod')} />
          <Button style={{ minWidth: 140 }} data-testid="risk-period">{period ? periodLabel(period, lang) : '…'}</Button>
          <Button icon={<RightOutlined />} disabled={!period} onClick={() => period && filter({ period: shiftPeriod(period, 1) })} aria-label={t('enterpriseRisk.nextPeriod')} />
        </Space.Compact>
        <Select<RiskBand>
          allowClear
          placeholder={t('enterpriseRisk.allBands')}
          aria-label={t('enterpriseRisk.band')}
          value={query.band}
          options={RISK_BANDS.map((b) => ({ value: b, label: t(`enterpriseRisk.bands.${b}`) }))}
          onChange={(band?: RiskBand) => filter({ band })}
          style={{ width: 170 }}
          data-testid="risk-band-filter"
        />
        <DistrictFilterSelect value={query.districtCode} onChange={(districtCode) => filter({ districtCode })} width={180} />
        <Select<number>
          allowClear
          placeholder={t('enterpriseRisk.allParks')}
          aria-label={t('enterpriseRisk.park')}
          value={query.parkId}
          loading={parks.loading}
          options={(parks.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          onChange={(parkId?: number) => filter({ parkId })}
          style={{ width: 200 }}
        />
        {(query.period || query.band || query.districtCode || query.parkId) && <Button onClick={() => update({ tab: query.tab, page: 1, pageSize: query.pageSize })}>{t('app.reset')}</Button>}
      </Space>
      {ranking.error && <ErrorAlert error={ranking.error} onRetry={ranking.reload} />}
      {ranking.data && counts && (
        <Space wrap style={{ marginBottom: 12 }} data-testid="risk-counts">
          <Typography.Text>{t('enterpriseRisk.summary', { submitted: fmt.number(ranking.data.enterprises - ranking.data.missing), enterprises: fmt.number(ranking.data.enterprises), from: fmt.date(ranking.data.from), to: fmt.date(ranking.data.to) })}</Typography.Text>
          {RISK_BANDS.map((b) => <Space key={b} size={4}><BandTag band={b} /><span>{fmt.number(counts[b])}</span></Space>)}
        </Space>
      )}
      <Tabs
        activeKey={query.tab}
        destroyOnHidden
        onChange={(tab) => update({ ...query, tab: tab as RiskTab, page: 1 })}
        items={[
          { key: 'ranking', label: t('enterpriseRisk.tabs.ranking'), children: rankingTable },
          { key: 'missing', label: `${t('enterpriseRisk.tabs.missing')}${ranking.data ? ` (${fmt.number(ranking.data.missing)})` : ''}`, children: missingTable },
          { key: 'map', label: t('enterpriseRisk.tabs.map'), children: <RiskMapView map={map} height={screens.md === false ? 380 : 560} /> },
        ]}
      />
      <Drawer
        open={opened !== null}
        onClose={() => setOpened(null)}
        title={t('enterpriseRisk.drawerTitle')}
        size={screens.lg ? 760 : '100%'}
        destroyOnHidden
        data-testid="risk-drawer"
      >
        {opened !== null && (
          <OwnAssessment
            enterpriseId={opened}
            showForm={maySubmit}
            onSubmitted={() => {
              ranking.reload();
              missing.reload();
              map.reload();
            }}
          />
        )}
      </Drawer>
    </div>
  );
}
