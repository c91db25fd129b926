import { BarChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, useFormat } from '../../shared/i18n/format.ts';
import { EChart } from '../../shared/ui/echart.tsx';

// Only the parts used here, to keep the bundle small.
echarts.use([BarChart, GridComponent, TooltipComponent, DataZoomComponent, CanvasRenderer]);

interface Props {
  curve: Array<{ date: string; cases: number }>;
  height: number;
}

/** Cases by day as bars; the x axis reads DD/MM, the tooltip the full date. */
export function EpidemicCurve({ curve, height }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();

  const option = useMemo(
    () => ({
      animation: false,
      grid: { left: 48, right: 16, top: 16, bottom: curve.length > 60 ? 64 : 32 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: Array<{ axisValue: string; value: number }>) => {
          const p = params[0];
          return p ? `${formatDate(p.axisValue)}<br/>${t('overview.curveSeries')}: <b>${fmt.number(p.value)}</b>` : '';
        },
      },
      xAxis: {
        type: 'category',
        data: curve.map((c) => c.date),
        axisLabel: { formatter: (v: string) => formatDate(v).slice(0, 5) },
      },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => fmt.number(v) } },
      dataZoom: curve.length > 60 ? [{ type: 'slider', height: 20, bottom: 8 }, { type: 'inside' }] : [],
      series: [{ name: t('overview.curveSeries'), type: 'bar', data: curve.map((c) => c.cases), itemStyle: { color: '#c62828' }, barMaxWidth: 16 }],
    }),
    [curve, t, fmt],
  );

  return <EChart option={option} style={{ height, width: '100%' }} className="epidemic-curve" />;
}
