import { Card, Col, Empty, Grid, Row, Skeleton, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../shared/hooks/use-api.ts';
import { usePolling } from '../../shared/hooks/use-polling.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { DashboardCards } from './dashboard-cards.tsx';
import { DistrictMap } from './district-map.tsx';
import { DistrictTable } from './district-table.tsx';
import { EpidemicCurve } from './epidemic-curve.tsx';
import { EarsAlertList, RtPanel } from './rt-chart.tsx';
import { BOUNDARIES_PATH, type Boundaries, OVERVIEW_PATH, type Overview } from './overview-api.ts';

/** The province's size; the day's figures are the dashboard's. */
const TOTALS = ['population', 'households', 'enterprises', 'workers'] as const;

/** "Tỉnh Bắc Giang" reads "tỉnh Bắc Giang" inside a Vietnamese sentence, "Bắc Giang Province" in English. */
function provinceInSentence(name: string, lang: 'vi' | 'en'): string {
  if (lang === 'vi') return name.replace(/^(Tỉnh|Thành phố)\s/u, (m) => m.toLowerCase());
  const m = /^(Tỉnh|Thành phố)\s+(.+)$/u.exec(name);
  return m ? `${m[2]} ${m[1] === 'Tỉnh' ? 'Province' : 'City'}` : name;
}

export default function OverviewPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const screens = Grid.useBreakpoint();
  const overview = useApi<Overview>(OVERVIEW_PATH);
  // The overview follows the data: refreshed every 20 s while in view.
  usePolling(overview.reload);
  const boundaries = useApi<Boundaries>(BOUNDARIES_PATH);
  const mapHeight = screens.md === false ? 360 : 520;

  if (overview.error) return <ErrorAlert error={overview.error} onRetry={overview.reload} />;
  const o = overview.data;

  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 0 }}>
        {o ? t('overview.title', { name: provinceInSentence(o.province.name, fmt.lang) }) : t('menu.overview')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {o ? `${o.scope.kind !== 'province' ? `${o.scope.name} · ` : ''}${t('overview.asOf', { date: fmt.date(o.asOf) })}` : ' '}
      </Typography.Paragraph>

      <DashboardCards date={undefined} live />

      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {TOTALS.map((key) => (
          <Col key={key} xs={12} sm={8} lg={6} xxl={3}>
            <Card size="small" loading={!o}>
              <Statistic
                title={t(`overview.${key}`)}
                value={o?.totals[key] ?? 0}
                formatter={(v) => fmt.number(Number(v))}
              />
            </Card>
          </Col>
        ))}
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('overview.mapTitle')}>
            {boundaries.error && <ErrorAlert error={boundaries.error} onRetry={boundaries.reload} />}
            {!boundaries.data || !o ? (
              <Skeleton.Node active style={{ width: '100%', height: mapHeight }} />
            ) : boundaries.data.features.length === 0 ? (
              <Empty description={t('overview.noBoundaries')} />
            ) : (
              <DistrictMap boundaries={boundaries.data} districts={o.districts} height={mapHeight} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('overview.curveTitle')} style={{ marginBottom: 16 }}>
            {o ? <EpidemicCurve curve={o.curve} height={screens.md === false ? 260 : 320} /> : <Skeleton active />}
          </Card>
          <Card size="small" title={t('overview.rt.title')} style={{ marginBottom: 16 }}>
            {o ? <RtPanel asOf={o.asOf} height={screens.md === false ? 240 : 280} /> : <Skeleton active />}
          </Card>
          {o && <EarsAlertList asOf={o.asOf} />}
        </Col>
        <Col xs={24}>
          <Card size="small" title={t('overview.districtsTitle')}>
            {o ? <DistrictTable districts={o.districts} /> : <Skeleton active />}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
