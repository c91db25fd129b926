import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseStatus, Classification } from './cases-api.ts';
import { CLASSIFICATION_COLOURS, STATUS_COLOURS } from './case-rules.ts';

export function StatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid="case-status-tag">
      {t(`cases.statuses.${status}`, { defaultValue: status })}
    </Tag>
  );
}

export function ClassificationTag({ classification }: { classification: Classification }) {
  const { t } = useTranslation();
  return (
    <Tag color={CLASSIFICATION_COLOURS[classification]} variant="outlined">
      {t(`cases.classifications.${classification}`, { defaultValue: classification })}
    </Tag>
  );
}
