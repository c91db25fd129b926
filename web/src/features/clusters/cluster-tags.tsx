import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ClusterStatus } from './clusters-api.ts';

export function ClusterStatusTag({ status }: { status: ClusterStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={status === 'active' ? 'red' : 'green'} style={{ marginInlineEnd: 0 }}>
      {t(`clusters.statuses.${status}`)}
    </Tag>
  );
}
