import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Enterprise, OperatingStatus } from './enterprises-api.ts';

const STATUS_COLOR: Record<OperatingStatus, string> = { operating: 'green', partial: 'gold', suspended: 'red', on_site: 'blue' };

export function StatusTag({ status }: { status: OperatingStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`enterprises.statuses.${status}`)}</Tag>;
}

/** How fresh the worker list is: stale in red with its age, else green. */
export function FreshnessTag({ enterprise: e }: { enterprise: Pick<Enterprise, 'stale' | 'daysSinceConfirmed'> }) {
  const { t } = useTranslation();
  if (e.daysSinceConfirmed === null) return <Tag color="red" data-testid="freshness-tag">{t('enterprises.neverConfirmed')}</Tag>;
  return (
    <Tag color={e.stale ? 'red' : 'green'} data-testid="freshness-tag">
      {e.stale ? t('enterprises.stale') : t('enterprises.fresh')} · {t('enterprises.daysAgo', { days: e.daysSinceConfirmed })}
    </Tag>
  );
}
