import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n/format.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { BandTag } from './band-tag.tsx';
import { formatIndex, periodLabel, type Submission } from './risk-api.ts';

/** An enterprise's submissions, newest first; a superseded one is kept and marked. */
export function RiskHistoryTable({ items, loading }: { items: Submission[]; loading: boolean }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const fmt = useFormat();
  return (
    <Table<Submission>
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={items}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      scroll={{ x: 560 }}
      data-testid="risk-history"
      locale={{ emptyText: t('enterpriseRisk.history.empty') }}
      columns={[
        { title: t('enterpriseRisk.period'), dataIndex: 'period', render: (p: string) => periodLabel(p, lang) },
        {
          title: t('enterpriseRisk.index'), dataIndex: 'score', align: 'right',
          render: (s: number, r) => <Typography.Text delete={!r.current}>{formatIndex(s, lang)}</Typography.Text>,
        },
        { title: t('enterpriseRisk.band'), dataIndex: 'band', render: (_: unknown, r) => <BandTag band={r.band} /> },
        { title: t('enterpriseRisk.submittedAt'), dataIndex: 'submittedAt', render: (v: string) => fmt.dateTimeMinutes(v) },
        {
          title: t('enterpriseRisk.submittedBy'), dataIndex: 'submittedBy',
          render: (v: string | null, r) => <>{v ?? '—'}{r.onBehalf && <Tag style={{ marginInlineStart: 4 }}>{t('enterpriseRisk.onBehalf')}</Tag>}</>,
        },
        { title: '', key: 'state', render: (_: unknown, r) => (r.current ? null : <Tag>{t('enterpriseRisk.history.superseded')}</Tag>) },
      ]}
    />
  );
}
