import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { init } from 'echarts/core';
import { type CSSProperties, useEffect, useRef } from 'react';

interface Props {
  /** Charts, components and a renderer must be registered with echarts.use() by the caller. */
  option: EChartsCoreOption;
  style?: CSSProperties;
  className?: string;
}

/** A minimal ECharts host: init once, replace the option on change, follow the container's size. */
export function EChart({ option, style, className }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const instance = init(el);
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={host} style={style} className={className} />;
}
