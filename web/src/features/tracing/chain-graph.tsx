import { CameraOutlined, ExpandOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Grid, Segmented, Space, Spin, Tooltip } from 'antd';
import cytoscape from 'cytoscape';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { ChainLegend } from './chain-legend.tsx';
import { ChainPersonDrawer } from './chain-person-drawer.tsx';
import { CHAIN_STYLE, chainElements, type ChainLayout, defaultLayoutFor, kindsPresent, layoutOptions, personIdOfNode } from './chain-elements.ts';
import { type Chain, chainPath, DEFAULT_DEPTH, DEFAULT_MAX_NODES, DEPTHS } from './tracing-api.ts';

interface Props {
  /** A chain endpoint (e.g. /api/cases/5/chain); the depth chosen here and maxNodes are added. */
  src?: string;
  /** Or a chain already at hand (no depth selector then). */
  data?: Chain;
  defaultDepth?: number;
  maxNodes?: number;
  /** Name of the exported image, without extension. */
  fileName?: string;
}

/** Keeps the exported image under what browsers allow for one canvas. */
const MAX_PNG_SIDE = 4096;

/**
 * The chain of transmission F0 → F1 → F2 → F3 drawn with Cytoscape (canvas). The container
 * carries data-nodes / data-edges (what is drawn), which the end-to-end test reads.
 */
export function ChainGraph({ src, data, defaultDepth = DEFAULT_DEPTH, maxNodes = DEFAULT_MAX_NODES, fileName = 'chuoi-lay-nhiem' }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const screens = Grid.useBreakpoint();
  const [depth, setDepth] = useState(defaultDepth);
  const fetched = useApi<Chain>(src && !data ? chainPath(src, depth, maxNodes) : null);
  const chain = data ?? fetched.data;
  const [chosenLayout, setChosenLayout] = useState<ChainLayout>();
  const layout = chosenLayout ?? defaultLayoutFor(chain?.nodes.length ?? 0);
  const [selected, setSelected] = useState<number | null>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const cyRef = useRef<cytoscape.Core | null>(null);
  const [drawn, setDrawn] = useState({ nodes: 0, edges: 0 });

  useEffect(() => {
    const container = containerRef.current;
    if (!chain || !container) return;
    const cy = cytoscape({
      container,
      elements: chainElements(chain),
      style: CHAIN_STYLE,
      layout: layoutOptions(layout, chain),
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
    });
    cy.on('tap', 'node', (e) => setSelected(personIdOfNode((e.target as cytoscape.NodeSingular).id())));
    cyRef.current = cy;
    setDrawn({ nodes: cy.nodes().length, edges: cy.edges().length });
    // Drawn while hidden (a tab not yet shown) the canvas has no size: fit once it gets one.
    let lastWidth = container.clientWidth;
    const observer = new ResizeObserver(() => {
      cy.resize();
      if (lastWidth === 0 && container.clientWidth > 0) cy.fit(undefined, 24);
      lastWidth = container.clientWidth;
    });
    observer.observe(container);
    return () => {
      observer.disconnect();
      cy.destroy();
      cyRef.current = null;
    };
  }, [chain, layout]);

  const exportPng = () => {
    const cy = cyRef.current;
    if (!cy) return;
    const box = cy.elements().boundingBox();
    const scale = Math.min(2, MAX_PNG_SIDE / Math.max(box.w, box.h, 1));
    const uri = cy.png({ full: true, bg: '#ffffff', scale, output: 'base64uri' });
    const a = document.createElement('a');
    a.href = uri;
    a.download = `${fileName}.png`;
    document.body.appendChild(a);
    a.click();
    a.remove();
  };

  const height = screens.md === false ? 420 : 560;
  const onlyRoots = chain !== undefined && chain.nodes.every((n) => n.level === 0);

  return (
    <div>
      <Space wrap style={{ marginBottom: 8 }}>
        {src && !data && (
          <Segmented<number>
            value={depth}
            options={DEPTHS.map((d) => ({ value: d, label: t('tracing.chain.depthOption', { level: d }) }))}
            onChange={(d) => setDepth(d)}
            data-testid="chain-depth"
          />
        )}
        <Segmented<ChainLayout>
          value={layout}
          options={[
            { value: 'tree', label: t('tracing.chain.tree') },
            { value: 'rings', label: t('tracing.chain.rings') },
          ]}
          onChange={setChosenLayout}
        />
        <Tooltip title={t('tracing.chain.fit')}>
          <Button icon={<ExpandOutlined />} onClick={() => cyRef.current?.fit(undefined, 24)} aria-label={t('tracing.chain.fit')} />
        </Tooltip>
        <Button icon={<CameraOutlined />} onClick={exportPng} disabled={!chain} data-testid="chain-png">
          {t('tracing.chain.exportPng')}
        </Button>
        {chain && <span style={{ color: 'rgba(0,0,0,0.55)' }}>{t('tracing.asOf', { date: fmt.date(chain.asOf) })}</span>}
      </Space>

      {fetched.error && <ErrorAlert error={fetched.error} onRetry={fetched.reload} />}
      {chain?.truncated && (
        <Alert type="warning" showIcon title={t('tracing.chain.truncated', { shown: fmt.number(chain.nodes.length) })} style={{ marginBottom: 8 }} data-testid="chain-truncated" />
      )}
      {onlyRoots && <Alert type="info" showIcon title={t('tracing.chain.noContacts')} style={{ marginBottom: 8 }} />}

      <Spin spinning={fetched.loading}>
        <div style={{ position: 'relative' }}>
          {/* Cytoscape owns this element's children: React puts nothing inside. */}
          <div
            ref={containerRef}
            className="chain-graph"
            data-nodes={drawn.nodes}
            data-edges={drawn.edges}
            style={{ height, width: '100%', background: '#fff', border: '1px solid #e8e8e8', borderRadius: 6 }}
          />
          {!chain && !fetched.loading && (
            <Empty style={{ position: 'absolute', inset: 0, paddingTop: height / 3, margin: 0 }} description={t('app.noData')} />
          )}
        </div>
      </Spin>
      {chain && <ChainLegend counts={chain.counts} kinds={kindsPresent(chain)} />}
      <ChainPersonDrawer personId={selected} chain={chain} onClose={() => setSelected(null)} />
    </div>
  );
}
