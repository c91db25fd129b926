import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { kindColour, levelColour } from './chain-elements.ts';
import { EDGE_KINDS, type EdgeKind, REVIEW_STATUSES, type ReviewStatus } from './tracing-api.ts';

/** F0, F1, F2, F3: the same words in Vietnamese and English. */
export function LevelTag({ level }: { level: number }) {
  return (
    <Tag color={levelColour(level)} variant="solid" style={{ fontWeight: 600, marginInlineEnd: 0 }}>
      F{level}
    </Tag>
  );
}

export function useKindLabel() {
  const { t } = useTranslation();
  return (kind: string) => ((EDGE_KINDS as readonly string[]).includes(kind) ? t(`tracing.kinds.${kind as EdgeKind}`) : kind);
}

export function KindTag({ kind }: { kind: string }) {
  const label = useKindLabel();
  return (
    <Tag style={{ color: kindColour(kind), borderColor: kindColour(kind), background: '#fff', marginInlineEnd: 0 }}>
      {label(kind)}
    </Tag>
  );
}

const REVIEW_COLOURS: Record<ReviewStatus, string> = { pending: 'gold', confirmed: 'green', dismissed: 'default', added: 'blue' };

export function ReviewTag({ status }: { status: ReviewStatus | null }) {
  const { t } = useTranslation();
  if (status === null || !(REVIEW_STATUSES as readonly string[]).includes(status)) {
    return <Tag style={{ marginInlineEnd: 0 }}>{t('tracing.review.none')}</Tag>;
  }
  return (
    <Tag color={REVIEW_COLOURS[status]} style={{ marginInlineEnd: 0 }}>
      {t(`tracing.review.${status}`)}
    </Tag>
  );
}

/** A second, quieter line in a table cell (district under commune, date under name). */
export function Muted({ children }: { children: ReactNode }) {
  return <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.5)' }}>{children}</div>;
}
