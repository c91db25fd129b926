import { Card, Empty, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { RiskFormCard } from './risk-form.tsx';
import { RiskHistoryTable } from './risk-history.tsx';
import { periodLabel, type RiskForm, type RiskHistory, riskPaths } from './risk-api.ts';

/**
 * One enterprise's self-assessment: this period's form (started from its last answers under the
 * same version) and every earlier submission. Its own user's page, and CDC's drawer for it.
 */
export function OwnAssessment({ enterpriseId, showForm = true, onSubmitted }: { enterpriseId: number | undefined; showForm?: boolean; onSubmitted?: () => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const fmt = useFormat();
  const form = useApi<RiskForm>(riskPaths.form(enterpriseId));
  const id = enterpriseId ?? form.data?.enterprise?.id;
  const history = useApi<RiskHistory>(id !== undefined ? riskPaths.history(id) : null);
  const [round, setRound] = useState(0);

  if (form.error) return <ErrorAlert error={form.error} onRetry={form.reload} />;
  if (!form.data || (id !== undefined && !history.data && !history.error)) return <Skeleton active />;
  if (!form.data.enterprise) return <Empty description={t('enterpriseRisk.noEnterprise')} />;
  const latest = history.data?.items.find((s) => s.current && s.ruleCode === form.data!.rule.code);

  return (
    <div>
      <Typography.Paragraph type="secondary">
        {form.data.enterprise.name} · {t('enterpriseRisk.form.periodOf', { period: periodLabel(form.data.period, lang), from: fmt.date(form.data.periodFrom), to: fmt.date(form.data.periodTo) })}
      </Typography.Paragraph>
      {showForm && form.data.canSubmit && (
        <RiskFormCard
          key={`${round}:${latest?.id ?? 0}`}
          form={form.data}
          initialAnswers={latest?.answers}
          onSubmitted={() => {
            setRound((r) => r + 1);
            form.reload();
            history.reload();
            onSubmitted?.();
          }}
        />
      )}
      <Card size="small" title={t('enterpriseRisk.history.title')} style={{ marginTop: 16 }}>
        {history.error ? <ErrorAlert error={history.error} onRetry={history.reload} /> : <RiskHistoryTable items={history.data?.items ?? []} loading={history.loading} />}
      </Card>
    </div>
  );
}
