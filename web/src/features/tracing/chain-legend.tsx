import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n/format.ts';
import { KIND_COLOURS, levelColour } from './chain-elements.ts';
import { EDGE_KINDS, type EdgeKind } from './tracing-api.ts';
import { useKindLabel } from './tracing-tags.tsx';

interface Props {
  /** People per level, F0 first. */
  counts: readonly number[];
  kinds: readonly EdgeKind[];
}

const item = { display: 'inline-flex', alignItems: 'center', gap: 6, marginInlineEnd: 14, whiteSpace: 'nowrap' } as const;

function Line({ colour, dashed }: { colour: string; dashed?: boolean }) {
  return (
    <svg width="28" height="8" aria-hidden>
      <line x1="1" y1="4" x2="27" y2="4" stroke={colour} strokeWidth="2.5" strokeDasharray={dashed ? '5 3' : undefined} />
    </svg>
  );
}

/** What the colours and lines of the chain mean; kinds absent from this chain are greyed. */
export function ChainLegend({ counts, kinds }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const kindLabel = useKindLabel();
  return (
    <div className="chain-legend" style={{ fontSize: 12, lineHeight: '22px', marginTop: 8 }}>
      <div>
        {counts.map((n, level) => (
          <span key={level} style={item}>
            <span style={{ width: 12, height: 12, borderRadius: '50%', background: levelColour(level), display: 'inline-block' }} />
            F{level}: {fmt.number(n)}
          </span>
        ))}
      </div>
      <div>
        {EDGE_KINDS.map((k) => (
          <span key={k} style={{ ...item, opacity: kinds.includes(k) ? 1 : 0.35 }}>
            <Line colour={KIND_COLOURS[k]} />
            {kindLabel(k)}
          </span>
        ))}
      </div>
      <div>
        <span style={item}>
          <Line colour="#555" />
          {t('tracing.chain.primaryEdge')}
        </span>
        <span style={item}>
          <Line colour="#555" dashed />
          {t('tracing.chain.otherEdge')}
        </span>
        <span style={item}>
          <span style={{ width: 12, height: 12, borderRadius: '50%', background: levelColour(1), border: `2px solid ${levelColour(0)}`, display: 'inline-block' }} />
          {t('tracing.chain.alsoCase')}
        </span>
      </div>
    </div>
  );
}
