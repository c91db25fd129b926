import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, useFormat } from '../../shared/i18n/format.ts';
import { EChart } from '../../shared/ui/echart.tsx';
import { capacityAxisMax, capacitySeries } from './capacity.ts';
import type { CapacityReport } from './screening-api.ts';

// Only the parts used here, to keep the bundle small.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

interface TooltipItem {
  axisValue: string;
  marker: string;
  seriesName: string;
  value: number | { value: number };
}

/** Tubes taken and resulted per day as bars (taken in red past capacity), the backlog as a line, the labs' capacity dashed. */
export function CapacityChart({ report, height }: { report: CapacityReport; height: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();

  const option = useMemo(() => {
    const names = {
      taken: t('testing.capacity.taken'),
      resulted: t('testing.capacity.resulted'),
      backlog: t('testing.capacity.backlog'),
      capacity: t('testing.capacity.capacityLine', { n: fmt.number(report.totalCapacity) }),
    };
    return {
      animation: false,
      legend: { top: 0 },
      grid: { left: 56, right: 24, top: 40, bottom: 32 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: TooltipItem[]) => {
          const first = params[0];
          if (!first) return '';
          const lines = params.map((p) => `${p.marker}${p.seriesName}: <b>${fmt.number(typeof p.value === 'number' ? p.value : p.value.value)}</b>`);
          return [formatDate(first.axisValue), ...lines].join('<br/>');
        },
      },
      xAxis: { type: 'category', data: report.days.map((d) => d.date), axisLabel: { formatter: (v: string) => formatDate(v).slice(0, 5) } },
      yAxis: { type: 'value', minInterval: 1, max: capacityAxisMax(report), axisLabel: { formatter: (v: number) => fmt.number(v) } },
      series: capacitySeries(report, names),
    };
  }, [report, t, fmt]);

  return (
    <div data-testid="capacity-chart">
      <EChart option={option} style={{ height, width: '100%' }} />
    </div>
  );
}
