import { Alert, Card, Skeleton, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../shared/hooks/use-api.ts';
import { formatDate, useFormat } from '../../shared/i18n/format.ts';
import { EChart } from '../../shared/ui/echart.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import {
  type AlertsResponse, alertsPath, type EarsAlert, latestRt, rtAxisMax, rtChartSeries, type RtResponse, type RtWindow, rtPath, rtTrend,
} from './rt-chart-data.ts';

echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, DataZoomComponent, CanvasRenderer]);

const LINE = '#1565c0';
const TREND_COLOUR = { growing: 'red', shrinking: 'green', uncertain: 'gold' } as const;

function RtLine({ windows, height }: { windows: RtWindow[]; height: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const option = useMemo(() => {
    const s = rtChartSeries(windows);
    const zoom = s.dates.length > 60;
    return {
      animation: false,
      grid: { left: 40, right: 16, top: 28, bottom: zoom ? 64 : 32 },
      legend: { data: [t('overview.rt.mean'), t('overview.rt.band')], top: 0 },
      tooltip: {
        trigger: 'axis',
        formatter: (params: Array<{ dataIndex: number }>) => {
          const w = windows[params[0]?.dataIndex ?? -1];
          if (!w) return '';
          return `${formatDate(w.dateStart)} – ${formatDate(w.dateEnd)}<br/>${t('overview.rt.mean')}: <b>${fmt.number(w.mean, 2)}</b><br/>`
            + `${t('overview.rt.band')}: ${fmt.number(w.q025, 2)} – ${fmt.number(w.q975, 2)}`;
        },
      },
      xAxis: { type: 'category', boundaryGap: false, data: s.dates, axisLabel: { formatter: (v: string) => formatDate(v).slice(0, 5) } },
      yAxis: { type: 'value', min: 0, max: rtAxisMax(windows), axisLabel: { formatter: (v: number) => fmt.number(v, 1) } },
      dataZoom: zoom ? [{ type: 'slider', height: 20, bottom: 8 }, { type: 'inside' }] : [],
      series: [
        // The band: an invisible area up to q025, then q975 − q025 stacked on it.
        { name: 'q025', type: 'line', data: s.lower, stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, tooltip: { show: false } },
        {
          name: t('overview.rt.band'), type: 'line', data: s.band, stack: 'band', symbol: 'none',
          lineStyle: { opacity: 0 }, areaStyle: { color: LINE, opacity: 0.18 }, itemStyle: { color: 'rgba(21, 101, 192, 0.3)' },
        },
        {
          name: t('overview.rt.mean'), type: 'line', data: s.mean, symbol: 'none', lineStyle: { color: LINE, width: 2 }, itemStyle: { color: LINE },
          markLine: {
            silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#c62828' },
            label: { formatter: t('overview.rt.one'), position: 'insideEndTop' },
            data: [{ yAxis: 1 }],
          },
        },
      ],
    };
  }, [windows, t, fmt]);
  return <EChart option={option} style={{ height, width: '100%' }} className="rt-chart" />;
}

/** Rt of the actor's area on the overview's day, with its latest value and trend. */
export function RtPanel({ asOf, height }: { asOf: string; height: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const rt = useApi<RtResponse>(rtPath(asOf));
  if (rt.error) return <ErrorAlert error={rt.error} onRetry={rt.reload} />;
  if (!rt.data) return <Skeleton active />;
  const last = latestRt(rt.data.windows);
  if (!last) return <Alert type="info" showIcon title={t('overview.rt.none')} />;
  const trend = rtTrend(last);
  return (
    <div data-testid="rt-panel">
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        {t('overview.rt.latest', { date: fmt.date(last.dateEnd), mean: fmt.number(last.mean, 2), low: fmt.number(last.q025, 2), high: fmt.number(last.q975, 2) })}{' '}
        <Tag color={TREND_COLOUR[trend]}>{t(`overview.rt.trend.${trend}`)}</Tag>
      </Typography.Paragraph>
      <RtLine windows={rt.data.windows} height={height} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('overview.rt.method', { mean: fmt.number(rt.data.siMean, 1), sd: fmt.number(rt.data.siSd, 1) })}
      </Typography.Text>
    </div>
  );
}

/** The communes flagged by EARS C2 on the overview's day; nothing at all when there are none. */
export function EarsAlertList({ asOf }: { asOf: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const alerts = useApi<AlertsResponse>(alertsPath(asOf));
  if (alerts.error) return <ErrorAlert error={alerts.error} onRetry={alerts.reload} />;
  const a = alerts.data;
  if (!a || a.alerts.length === 0) return null;
  const columns: TableColumnsType<EarsAlert> = [
    { title: t('overview.alerts.commune'), dataIndex: 'communeName', render: (name: string, r) => <>{name}<br /><Typography.Text type="secondary">{r.districtName}</Typography.Text></> },
    { title: t('overview.alerts.cases'), dataIndex: 'cases', align: 'right', render: (v: number) => <b>{fmt.number(v)}</b> },
    { title: t('overview.alerts.threshold'), dataIndex: 'threshold', align: 'right', render: (v: number) => fmt.number(v, 1) },
  ];
  return (
    <Card size="small" title={t('overview.alerts.title', { date: fmt.date(a.date) })} style={{ marginBottom: 16 }} data-testid="ears-alerts">
      <Table<EarsAlert> rowKey="communeCode" size="small" columns={columns} dataSource={a.alerts} pagination={false} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('overview.alerts.hint', { k: fmt.number(a.multiplier, 1), from: fmt.date(a.baselineFrom), to: fmt.date(a.baselineTo) })}
      </Typography.Text>
    </Card>
  );
}
