import { describe, expect, it } from 'vitest';
import {
  chainElements,
  defaultLayoutFor,
  KIND_COLOURS,
  kindColour,
  kindsPresent,
  layoutOptions,
  LEVEL_COLOURS,
  levelColour,
  lineageOrder,
  nodeIdOf,
  personIdOfNode,
  TREE_LAYOUT_MAX_NODES,
} from './chain-elements.ts';
import { type Chain, EDGE_KINDS } from './tracing-api.ts';

const chain: Chain = {
  asOf: '2021-05-20',
  truncated: true,
  counts: [1, 2, 1],
  nodes: [
    { id: 10, level: 0, label: 'Nguyễn Văn An', caseCode: 'BN100', communeName: 'X', reviewStatus: null },
    { id: 11, level: 1, label: 'Trần Thị Bình', caseCode: null, communeName: 'X', reviewStatus: 'pending' },
    { id: 12, level: 1, label: 'L. V. C.', caseCode: 'BN120', communeName: 'Y', reviewStatus: 'confirmed' },
    { id: 13, level: 2, label: 'Phạm Dũng', caseCode: null, communeName: 'Y', reviewStatus: 'dismissed' },
    { id: 11, level: 1, label: 'Trần Thị Bình', caseCode: null, communeName: 'X', reviewStatus: 'pending' },
  ],
  edges: [
    { source: 10, target: 11, kind: 'household', date: '2021-05-01', primary: true },
    { source: 10, target: 12, kind: 'workshop_shift', date: '2021-05-02', primary: true },
    { source: 11, target: 13, kind: 'bus_route', date: '2021-05-04', primary: true },
    { source: 12, target: 13, kind: 'venue', date: '2021-05-05', primary: false },
    // Cut off by maxNodes: the target was not sent.
    { source: 13, target: 99, kind: 'manual', date: '2021-05-06', primary: true },
    { source: 10, target: 11, kind: 'household', date: '2021-05-01', primary: true },
  ],
};

describe('chain → Cytoscape elements', () => {
  const elements = chainElements(chain);
  const nodes = elements.filter((e) => e.group === 'nodes');
  const edges = elements.filter((e) => e.group === 'edges');

  it('makes one node per person, coloured by level, F0 and cases labelled with their code', () => {
    // Lineage order: 13 follows its primary source 11.
    expect(nodes.map((n) => n.data.id)).toEqual(['p10', 'p11', 'p13', 'p12']);
    const data = (id: string) => nodes.find((n) => n.data.id === id)?.data;
    expect(data('p10')).toMatchObject({ personId: 10, level: 0, label: 'BN100 · Nguyễn Văn An', colour: LEVEL_COLOURS[0], isCase: true });
    expect(data('p11')).toMatchObject({ label: 'Trần Thị Bình', colour: LEVEL_COLOURS[1], isCase: false, dismissed: false });
    expect(data('p12')).toMatchObject({ label: 'BN120 · L. V. C.', isCase: true });
    expect(data('p13')?.dismissed).toBe(true);
  });

  it('keeps only edges between drawn nodes, once each, coloured by kind and marked primary or not', () => {
    expect(edges.map((e) => [e.data.source, e.data.target, e.data.kind, e.data.primary])).toEqual([
      ['p10', 'p11', 'household', true],
      ['p10', 'p12', 'workshop_shift', true],
      ['p11', 'p13', 'bus_route', true],
      ['p12', 'p13', 'venue', false],
    ]);
    expect(edges[3]?.data.colour).toBe(KIND_COLOURS.venue);
    expect(new Set(elements.map((e) => e.data.id)).size).toBe(elements.length);
  });

  it('orders people depth-first along primary sources, so siblings stay together', () => {
    const tree = {
      nodes: [1, 2, 3, 4, 5, 6, 7].map((id) => ({ id, level: id === 1 ? 0 : id <= 3 ? 1 : 2, label: '', caseCode: null, communeName: '', reviewStatus: null })),
      edges: [
        { source: 1, target: 3, kind: 'room' as const, date: '2021-05-01', primary: true },
        { source: 1, target: 2, kind: 'room' as const, date: '2021-05-01', primary: true },
        { source: 3, target: 4, kind: 'venue' as const, date: '2021-05-02', primary: true },
        { source: 2, target: 5, kind: 'venue' as const, date: '2021-05-02', primary: true },
        { source: 2, target: 4, kind: 'manual' as const, date: '2021-05-02', primary: false },
      ],
    };
    // 6 and 7 lost their source to the node cap: they start their own walks, after the F0's.
    expect(lineageOrder(tree)).toEqual([1, 2, 5, 3, 4, 6, 7]);
    expect(chainElements(tree).filter((e) => e.group === 'nodes').map((e) => e.data.personId)).toEqual([1, 2, 5, 3, 4, 6, 7]);
  });

  it('names node ids so they read back as person ids', () => {
    expect(personIdOfNode(nodeIdOf(42))).toBe(42);
    expect(personIdOfNode('e1-2-room')).toBeNull();
  });
});

describe('colours, legend and layout', () => {
  it('gives every kind its own colour and unknown values a neutral one', () => {
    expect(new Set(EDGE_KINDS.map(kindColour)).size).toBe(EDGE_KINDS.length);
    expect(kindColour('teleport')).toBe('#9e9e9e');
    expect(levelColour(3)).toBe(LEVEL_COLOURS[3]);
    expect(levelColour(5)).not.toBe(LEVEL_COLOURS[3]);
  });

  it('lists the kinds present, in order', () => {
    expect(kindsPresent(chain)).toEqual(['household', 'workshop_shift', 'bus_route', 'venue', 'manual']);
  });

  it('draws a small chain as a tree from its F0s, a large one as rings by level', () => {
    expect(defaultLayoutFor(TREE_LAYOUT_MAX_NODES)).toBe('tree');
    expect(defaultLayoutFor(TREE_LAYOUT_MAX_NODES + 1)).toBe('rings');
    expect(layoutOptions('tree', chain)).toMatchObject({ name: 'breadthfirst', directed: true, roots: ['p10'] });
    const rings = layoutOptions('rings', chain) as { name: string; concentric: (n: { data: (k: string) => unknown }) => number };
    expect(rings.name).toBe('concentric');
    const ring = (level: number) => rings.concentric({ data: () => level });
    // F0 innermost (highest value), each level one ring further out.
    expect(ring(0)).toBeGreaterThan(ring(1));
    expect(ring(1)).toBeGreaterThan(ring(2));
  });
});
