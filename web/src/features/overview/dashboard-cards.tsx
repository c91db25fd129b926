import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../shared/hooks/use-api.ts';
import { usePolling } from '../../shared/hooks/use-polling.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { LevelTag } from '../../shared/ui/level-tag.tsx';
import { allBeds, type Dashboard, dashboardPath, figureLinks } from './dashboard-api.ts';

const RED = { content: { color: '#c62828' } };

/** One figure: a title, the number, a line under it; the whole card opens its list (when it has one). */
function Figure({ to, title, value, note, testId, danger }: { to?: string; title: string; value: ReactNode; note?: ReactNode; testId: string; danger?: boolean }) {
  const card = (
    <Card size="small" hoverable={to !== undefined} style={{ height: '100%' }} data-testid={to ? undefined : testId}>
      <Statistic title={title} formatter={() => value} styles={danger ? RED : undefined} />
      {note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{note}</Typography.Text>}
    </Card>
  );
  return (
    <Col xs={12} sm={8} lg={6} xxl={4}>
      {to ? <Link to={to} data-testid={testId}>{card}</Link> : card}
    </Col>
  );
}

/**
 * The situation room's figures for the day (live: refreshed every 20 s while the page is in view
 * and shows the latest day). Contacts, quarantine, tests and beds are the province's.
 */
export function DashboardCards({ date, live }: { date: string | undefined; live: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const state = useApi<Dashboard>(dashboardPath(date));
  usePolling(state.reload, undefined, live);
  if (state.error) return <ErrorAlert error={state.error} onRetry={state.reload} />;
  const d = state.data;
  if (!d) return <Card size="small" loading style={{ marginBottom: 16 }} />;
  const n = (x: number) => fmt.number(x);
  const links = figureLinks(d);
  const beds = allBeds(d.province.treatment.beds);
  const split = (s: Dashboard['cases']['today']) => t('dashboard.split', { community: n(s.community), quarantine: n(s.inQuarantine), imported: n(s.imported) });
  return (
    <div data-testid="dashboard" style={{ marginBottom: 16 }}>
      <Row gutter={[12, 12]}>
        <Figure to={links.today} testId="fig-today" title={t('dashboard.today')} value={fmt.number(d.cases.today.total)} note={split(d.cases.today)} danger />
        <Figure to={links.week} testId="fig-week" title={t('dashboard.week')} value={fmt.number(d.cases.last7Days.total)} note={split(d.cases.last7Days)} danger />
        <Figure to={links.cumulative} testId="fig-cumulative" title={t('dashboard.cumulative')} value={fmt.number(d.cases.cumulative)} note={t('dashboard.active', { n: n(d.cases.active) })} />
        <Figure to={links.clusters} testId="fig-clusters" title={t('dashboard.clusters')} value={fmt.number(d.clusters.active)}
          note={d.clusters.oldestActiveDays !== null ? t('dashboard.clusterAge', { days: d.clusters.oldestActiveDays, n: n(d.clusters.newOnDay) }) : t('dashboard.clusterNew', { n: n(d.clusters.newOnDay) })} />
        <Figure to={links.level} testId="fig-level" title={t('dashboard.level')} value={d.level ? <LevelTag level={d.level} /> : t('dashboard.notAssessed')} note={d.area.name} />
        <Figure to={links.contacts} testId="fig-contacts" title={t('dashboard.contacts')} value={fmt.number(d.province.contacts.f1 + d.province.contacts.f2)}
          note={t('dashboard.f1f2', { f1: n(d.province.contacts.f1), f2: n(d.province.contacts.f2) })} />
        <Figure to={links.quarantine} testId="fig-quarantine" title={t('dashboard.quarantine')} value={`${n(d.province.quarantine.used)} / ${n(d.province.quarantine.capacity)}`}
          note={t('dashboard.quarantineNote', { percent: d.province.quarantine.percent === null ? '–' : fmt.number(d.province.quarantine.percent, 1), home: n(d.province.quarantine.home) })} />
        <Figure to={links.treatment} testId="fig-beds" title={t('dashboard.beds')} value={`${n(beds.used)} / ${n(beds.total)}`}
          note={t('dashboard.icu', { used: n(d.province.treatment.beds.icu.used), total: n(d.province.treatment.beds.icu.total) })} />
        <Figure to={links.testing} testId="fig-tests" title={t('dashboard.tests')} value={fmt.number(d.province.testing.takenOnDay)}
          note={t('dashboard.testsNote', { positive: n(d.province.testing.positiveOnDay), backlog: n(d.province.testing.backlog) })} />
        {d.province.vaccination ? (
          <Figure to="/vaccination" testId="fig-vaccination" title={t('dashboard.vaccination')}
            value={d.province.vaccination.adultsOneDosePercent === null ? '–' : `${fmt.number(d.province.vaccination.adultsOneDosePercent, 1)} %`}
            note={t('vaccination.dashboardNote', { doses: n(d.province.vaccination.dosesOnDay), total: n(d.province.vaccination.cumulativeDoses) })} />
        ) : <Figure testId="fig-vaccination" title={t('dashboard.vaccination')} value={t('dashboard.noData')} />}
      </Row>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('dashboard.footnote', { date: fmt.date(d.date) })}</Typography.Text>
    </div>
  );
}
