/**
 * The chain of transmission as Cytoscape elements and styles: pure, so it is tested without a
 * browser. Colours: levels from red (F0) to green (F3); each exposure kind its own hue.
 */
import type cytoscape from 'cytoscape';
import { type Chain, EDGE_KINDS, type EdgeKind } from './tracing-api.ts';

export const LEVEL_COLOURS = ['#c62828', '#ef6c00', '#f9a825', '#43a047'] as const;
const DEEPER_LEVEL_COLOUR = '#90a4ae';

export const KIND_COLOURS: Record<EdgeKind, string> = {
  household: '#8e24aa',
  room: '#6d4c41',
  workshop_shift: '#1565c0',
  bus_route: '#00897b',
  venue: '#d81b60',
  manual: '#546e7a',
};
const UNKNOWN_KIND_COLOUR = '#9e9e9e';

export function levelColour(level: number): string {
  return LEVEL_COLOURS[level] ?? DEEPER_LEVEL_COLOUR;
}

export function kindColour(kind: string): string {
  return (EDGE_KINDS as readonly string[]).includes(kind) ? KIND_COLOURS[kind as EdgeKind] : UNKNOWN_KIND_COLOUR;
}

/** Cytoscape ids are strings; a person id alone could clash with an edge id. */
export const nodeIdOf = (personId: number) => `p${personId}`;

export function personIdOfNode(nodeId: string): number | null {
  const m = /^p(\d+)$/.exec(nodeId);
  return m ? Number(m[1]) : null;
}

/** Above this many nodes a tree is too wide to read: rings by level instead. */
export const TREE_LAYOUT_MAX_NODES = 120;
export type ChainLayout = 'tree' | 'rings';

export function defaultLayoutFor(nodeCount: number): ChainLayout {
  return nodeCount <= TREE_LAYOUT_MAX_NODES ? 'tree' : 'rings';
}

/**
 * People in the order of a depth-first walk along the primary edges from the F0s, so that
 * everyone sits right after their primary source's other contacts. Cytoscape's layouts keep the
 * element order within a level: the rings then read like a tree, siblings side by side.
 */
export function lineageOrder(chain: Pick<Chain, 'nodes' | 'edges'>): number[] {
  const known = new Set(chain.nodes.map((n) => n.id));
  const children = new Map<number, number[]>();
  const hasSource = new Set<number>();
  for (const e of chain.edges) {
    if (!e.primary || !known.has(e.source) || !known.has(e.target) || e.source === e.target) continue;
    const list = children.get(e.source) ?? [];
    list.push(e.target);
    children.set(e.source, list);
    hasSource.add(e.target);
  }
  for (const list of children.values()) list.sort((a, b) => a - b);
  const byLevel = [...chain.nodes].sort((a, b) => a.level - b.level || a.id - b.id);
  const order: number[] = [];
  const seen = new Set<number>();
  const walk = (root: number) => {
    const stack = [root];
    while (stack.length) {
      const id = stack.pop() as number;
      if (seen.has(id)) continue;
      seen.add(id);
      order.push(id);
      const next = children.get(id) ?? [];
      for (let i = next.length - 1; i >= 0; i--) stack.push(next[i] as number);
    }
  };
  // Roots first (F0s, and anyone whose source was cut off), then whatever a cycle left out.
  for (const n of byLevel) if (!hasSource.has(n.id)) walk(n.id);
  for (const n of byLevel) walk(n.id);
  return order;
}

/**
 * Nodes (in lineage order) and edges for Cytoscape. Edges to a node the server left out (the chain was cut at
 * maxNodes) are dropped, and so are duplicates: Cytoscape refuses an element id twice.
 */
export function chainElements(chain: Pick<Chain, 'nodes' | 'edges'>): cytoscape.ElementDefinition[] {
  const ids = new Set<number>();
  const nodes: cytoscape.ElementDefinition[] = [];
  const byId = new Map(chain.nodes.map((n) => [n.id, n]));
  for (const id of lineageOrder(chain)) {
    const n = byId.get(id);
    if (!n || ids.has(n.id)) continue;
    ids.add(n.id);
    nodes.push({
      group: 'nodes',
      data: {
        id: nodeIdOf(n.id),
        personId: n.id,
        level: n.level,
        // An F0 is known by its case code first; a contact who became a case shows both.
        label: n.caseCode ? `${n.caseCode} · ${n.label}` : n.label,
        colour: levelColour(n.level),
        isCase: n.caseCode !== null,
        dismissed: n.reviewStatus === 'dismissed',
      },
    });
  }
  const edges: cytoscape.ElementDefinition[] = [];
  const edgeIds = new Set<string>();
  for (const e of chain.edges) {
    if (!ids.has(e.source) || !ids.has(e.target) || e.source === e.target) continue;
    const id = `e${e.source}-${e.target}-${e.kind}`;
    if (edgeIds.has(id)) continue;
    edgeIds.add(id);
    edges.push({
      group: 'edges',
      data: { id, source: nodeIdOf(e.source), target: nodeIdOf(e.target), kind: e.kind, date: e.date, primary: e.primary, colour: kindColour(e.kind) },
    });
  }
  return [...nodes, ...edges];
}

/** Kinds that occur among the edges, in the contract's order (the legend lists only these). */
export function kindsPresent(chain: Pick<Chain, 'edges'>): EdgeKind[] {
  const seen = new Set<string>(chain.edges.map((e) => e.kind));
  return EDGE_KINDS.filter((k) => seen.has(k));
}

export function layoutOptions(layout: ChainLayout, chain: Pick<Chain, 'nodes'>): cytoscape.LayoutOptions {
  const roots = chain.nodes.filter((n) => n.level === 0).map((n) => nodeIdOf(n.id));
  if (layout === 'tree') {
    return { name: 'breadthfirst', directed: true, roots: roots.length ? roots : undefined, spacingFactor: 1.1, padding: 24, animate: false };
  }
  const maxLevel = Math.max(0, ...chain.nodes.map((n) => n.level));
  return {
    name: 'concentric',
    // F0 in the centre, each level one ring further out.
    concentric: (node) => maxLevel + 1 - Number(node.data('level')),
    levelWidth: () => 1,
    minNodeSpacing: 6,
    padding: 24,
    animate: false,
  };
}

export const CHAIN_STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(colour)',
      label: 'data(label)',
      'font-size': 10,
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'text-wrap': 'ellipsis',
      'text-max-width': '120px',
      color: '#263238',
      'text-outline-color': '#fff',
      'text-outline-width': 2,
      // Labels only once zoomed in enough to read them: a big chain stays a picture.
      'min-zoomed-font-size': 7,
      width: 18,
      height: 18,
    },
  },
  { selector: 'node[level = 0]', style: { width: 30, height: 30, 'font-weight': 'bold', 'font-size': 12 } },
  // A contact who is a case too: ringed in the F0 red.
  { selector: 'node[?isCase][level > 0]', style: { 'border-width': 3, 'border-color': LEVEL_COLOURS[0] } },
  { selector: 'node[?dismissed]', style: { opacity: 0.4 } },
  { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#0b5cad' } },
  {
    selector: 'edge',
    style: {
      width: 2,
      'line-color': 'data(colour)',
      'target-arrow-color': 'data(colour)',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8,
      'curve-style': 'bezier',
      opacity: 0.85,
    },
  },
  { selector: 'edge[!primary]', style: { 'line-style': 'dashed', width: 1.2, opacity: 0.6 } },
];
