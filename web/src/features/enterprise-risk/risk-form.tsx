import { Alert, App, Button, Card, Input, InputNumber, Progress, Radio, Space, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiRequest, errorText } from '../../shared/api/client.ts';
import { type FieldIssue, issuesOf } from '../../shared/api/issues.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { BandTag } from './band-tag.tsx';
import { BAND_COLOURS, formatIndex, periodLabel, type RiskForm, type RiskIndicator, type RiskPreview, riskPaths, type Submission } from './risk-api.ts';

const PREVIEW_DELAY_MS = 250;

/** The option the number of workers falls in (the highest `minWorkers` reached). */
function workforceOptionOf(indicator: RiskIndicator, workers: number): string | undefined {
  let best: { code: string; min: number } | undefined;
  for (const o of indicator.options) if (o.minWorkers !== null && workers >= o.minWorkers && (!best || o.minWorkers > best.min)) best = { code: o.code, min: o.minWorkers };
  return best?.code;
}

interface Props {
  form: RiskForm;
  /** Answers to start from (the enterprise's last form under the same version). */
  initialAnswers?: Record<string, string> | undefined;
  onSubmitted: (s: Submission) => void;
}

/**
 * The QĐ 2194 form on a phone: one card per indicator with its options as radio buttons, the
 * number of workers choosing the size option, and the index with its band kept in view. The
 * index comes from the server's preview (the same rule version, rounding and band edges the
 * submission will store), asked again a moment after each answer.
 */
export function RiskFormCard({ form, initialAnswers, onSubmitted }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const fmt = useFormat();
  const { message } = App.useApp();
  const enterprise = form.enterprise!;
  const indicators = form.rule.indicators;
  const sizeIndicator = indicators.find((i) => i.workforce);
  const [workforce, setWorkforce] = useState<number | null>(enterprise.workforce);
  const [answers, setAnswers] = useState<Record<string, string>>(() => {
    const start: Record<string, string> = {};
    for (const i of indicators) {
      const previous = initialAnswers?.[i.code];
      if (previous && i.options.some((o) => o.code === previous)) start[i.code] = previous;
    }
    if (sizeIndicator && enterprise.workforceOption) start[sizeIndicator.code] = enterprise.workforceOption;
    return start;
  });
  const [note, setNote] = useState('');
  const [preview, setPreview] = useState<RiskPreview | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      apiRequest<RiskPreview>(riskPaths.preview, { method: 'POST', json: { answers, workforce }, signal: controller.signal })
        .then(setPreview)
        .catch(() => undefined);
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [answers, workforce]);

  const issueOf = useMemo(() => new Map(issues.map((i) => [i.field.replace(/^answers\//, ''), i.message[lang] || i.message.vi])), [issues, lang]);
  const otherIssues = issues.filter((i) => !i.field.startsWith('answers/'));

  const choose = (code: string, option: string) => {
    setAnswers((a) => ({ ...a, [code]: option }));
    setIssues((list) => list.filter((i) => i.field !== `answers/${code}`));
  };
  const changeWorkforce = (n: number | null) => {
    setWorkforce(n);
    if (sizeIndicator && n !== null) {
      const option = workforceOptionOf(sizeIndicator, n);
      if (option) choose(sizeIndicator.code, option);
    }
  };

  const submit = async () => {
    setSaving(true);
    setError(null);
    setIssues([]);
    try {
      const saved = await apiRequest<Submission>(riskPaths.submissions, { method: 'POST', json: { enterpriseId: enterprise.id, answers, workforce, note: note.trim() || null } });
      message.success(t('enterpriseRisk.form.submitted', { score: formatIndex(saved.score, lang), band: t(`enterpriseRisk.bands.${saved.band}`) }));
      onSubmitted(saved);
    } catch (e) {
      const found = e instanceof ApiError ? issuesOf<FieldIssue>(e.details) : [];
      if (found.length > 0) setIssues(found);
      else setError(e);
    } finally {
      setSaving(false);
    }
  };

  const answered = preview?.answered ?? Object.keys(answers).length;
  return (
    <div data-testid="risk-form" style={{ maxWidth: 720 }}>
      <Card size="small" style={{ position: 'sticky', top: 64, zIndex: 5, marginBottom: 12 }} data-testid="risk-preview">
        <Space wrap align="center" style={{ width: '100%', justifyContent: 'space-between' }}>
          <div>
            <Typography.Text type="secondary">{t('enterpriseRisk.form.index')}</Typography.Text>{' '}
            <Typography.Text strong style={{ fontSize: 20, color: preview?.band ? BAND_COLOURS[preview.band] : undefined }} data-testid="risk-preview-index">
              {preview?.index != null ? formatIndex(preview.index, lang) : '—'}
            </Typography.Text>{' '}
            {preview?.band && <BandTag band={preview.band} testId="risk-preview-band" />}
          </div>
          <Typography.Text type="secondary">
            {t('enterpriseRisk.form.points', { total: fmt.number(preview?.total ?? 0), max: fmt.number(form.rule.maxTotal) })}
          </Typography.Text>
        </Space>
        <Progress percent={Math.round((answered / indicators.length) * 100)} size="small" format={() => `${answered}/${indicators.length}`} />
      </Card>
      {enterprise.currentSubmission && (
        <Alert
          type="info" showIcon style={{ marginBottom: 12 }}
          title={t('enterpriseRisk.form.alreadySubmitted', { period: periodLabel(form.period, lang), score: formatIndex(enterprise.currentSubmission.score, lang) })}
        />
      )}
      {error !== null && <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 12 }} data-testid="risk-form-error" />}
      {otherIssues.length > 0 && <Alert type="error" showIcon title={otherIssues.map((i) => i.message[lang] || i.message.vi).join(' ')} style={{ marginBottom: 12 }} />}
      {indicators.map((indicator, n) => (
        <Card
          key={indicator.code}
          size="small"
          style={{ marginBottom: 12, borderColor: issueOf.has(indicator.code) ? '#ff4d4f' : undefined }}
          title={<span style={{ whiteSpace: 'normal' }}>{n + 1}. {indicator.text[lang]}</span>}
          extra={indicator.unverified && (
            <Tooltip title={t('enterpriseRisk.form.unverifiedHint')}><Tag>{t('enterpriseRisk.form.unverified')}</Tag></Tooltip>
          )}
          data-testid={`risk-indicator-${indicator.code}`}
        >
          {indicator.workforce && (
            <Space style={{ marginBottom: 8 }} wrap>
              <span>{t('enterpriseRisk.form.workers')}</span>
              <InputNumber min={0} max={1_000_000} value={workforce} onChange={(v) => changeWorkforce(typeof v === 'number' ? v : null)} aria-label={t('enterpriseRisk.form.workers')} data-testid="risk-workforce" />
            </Space>
          )}
          <Radio.Group value={answers[indicator.code]} onChange={(e) => choose(indicator.code, e.target.value as string)} style={{ width: '100%' }}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              {indicator.options.map((o) => (
                <Radio key={o.code} value={o.code} style={{ whiteSpace: 'normal', padding: '4px 0' }} data-testid={`risk-option-${indicator.code}-${o.code}`}>
                  {o.label[lang]} <Typography.Text type="secondary">({t('enterpriseRisk.form.optionPoints', { points: o.points * indicator.weight })})</Typography.Text>
                </Radio>
              ))}
            </Space>
          </Radio.Group>
          {issueOf.has(indicator.code) && <Typography.Text type="danger" style={{ display: 'block', marginTop: 4 }}>{issueOf.get(indicator.code)}</Typography.Text>}
        </Card>
      ))}
      <Input.TextArea rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('enterpriseRisk.form.notePlaceholder')} style={{ marginBottom: 12 }} />
      <Button type="primary" size="large" block loading={saving} disabled={!form.canSubmit} onClick={() => void submit()} data-testid="risk-submit">
        {t('enterpriseRisk.form.submit', { period: periodLabel(form.period, lang) })}
      </Button>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
        {t('enterpriseRisk.form.ruleNote', { document: form.rule.document, code: form.rule.code })}
      </Typography.Paragraph>
    </div>
  );
}
