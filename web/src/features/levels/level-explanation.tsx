import { Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n/format.ts';
import { LevelTag } from '../../shared/ui/level-tag.tsx';
import { type Assessment, bandRanges, bandText, type BandRange, LEVELS, type LevelRule } from './levels-api.ts';

const COVERAGE_MEASURES = ['adultsOneDose', 'over50Full', 'populationFull', 'highRiskFull'] as const;
type Measure = (typeof COVERAGE_MEASURES)[number];
const isMeasure = (m: string): m is Measure => (COVERAGE_MEASURES as readonly string[]).includes(m);

/**
 * "Vì sao?": the stored reasons of an assessment (each criterion with its numbers, the roll-up,
 * the timing), the rule version's bands with the configurable ones marked, and any decision.
 */
export function LevelExplanation({ item, rule }: { item: Assessment; rule: LevelRule | undefined }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { inputs } = item;
  const number = (n: number) => fmt.number(n, 2);
  const beds = inputs.capacity?.beds;
  const used = (b: { used: number; total: number }) => `${fmt.number(b.used)}/${fmt.number(b.total)}`;

  return (
    <div data-testid={`level-why-${item.unitCode}`} style={{ maxWidth: 900 }}>
      <Typography.Text strong>{t('levels.explain.title', { level: item.level })}</Typography.Text>
      {rule && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
          {t('levels.explain.rule', { name: rule.name[fmt.lang], document: rule.document, date: fmt.date(rule.effectiveFrom) })}
          {rule.source === 'configured' && <Tag style={{ marginInlineStart: 8 }}>{t('levels.explain.configuredRule')}</Tag>}
        </Typography.Paragraph>
      )}
      {item.unitLevel === 'commune' && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
          {t('levels.explain.window', { from: fmt.date(inputs.window.from), to: fmt.date(inputs.window.to) })}
        </Typography.Paragraph>
      )}
      <ul style={{ paddingInlineStart: 20, margin: '4px 0 8px' }}>
        {inputs.reasons.map((r, i) => (
          <li key={`${r.code}-${i}`} data-testid={`level-reason-${r.code}`}>
            {r[fmt.lang]}
          </li>
        ))}
      </ul>
      {item.decision && (
        <Typography.Paragraph style={{ marginBottom: 8 }} data-testid="level-decision">
          {t('levels.explain.decision', { by: item.decision.by ?? '–', time: fmt.dateTimeMinutes(item.decision.at) })}
          {item.decision.reason ? ` – ${t('levels.explain.decisionReason', { reason: item.decision.reason })}` : ''}
        </Typography.Paragraph>
      )}
      {rule && item.unitLevel === 'commune' && <BandsTable rule={rule} current={inputs.band} number={number} />}
      {rule && item.unitLevel === 'commune' && (
        <Space orientation="vertical" size={0} style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">
            {t('levels.explain.targets', {
              targets: rule.coverageTargets.map((c) => `${isMeasure(c.measure) ? t(`levels.coverageMeasures.${c.measure}`) : c.measure} ≥ ${number(c.minPercent)} %`).join('; '),
            })}
          </Typography.Text>
          <Typography.Text type="secondary">{t('levels.explain.capacity', { percent: number(rule.minFreeBedsPercent) })}</Typography.Text>
          {rule.deathsRaise && (
            <Typography.Text type="secondary">
              {t('levels.explain.deaths', {
                above: number(rule.deathsRaise.above), days: rule.deathsRaise.windowDays,
                configurable: rule.deathsRaise.configurable ? t('levels.explain.deathsConfigurable') : '',
              })}
            </Typography.Text>
          )}
        </Space>
      )}
      {rule && item.unitLevel !== 'commune' && (
        <Space orientation="vertical" size={0}>
          <Typography.Text type="secondary">
            {t('levels.explain.rollUp', { same: number(rule.rollUp.sameLevelPercent), below: number(rule.rollUp.levelBelowPercent), above: rule.rollUp.levelAboveCount })}
          </Typography.Text>
          {inputs.rollUp && (
            <Typography.Text type="secondary">
              {t('levels.explain.byLevel', { counts: LEVELS.map((l) => `${t('levels.level', { level: l })}: ${fmt.number(inputs.rollUp!.byLevel[l])}`).join(', ') })}
            </Typography.Text>
          )}
          {beds && <Typography.Text type="secondary">{t('levels.explain.beds', { normal: used(beds.normal), oxygen: used(beds.oxygen), icu: used(beds.icu) })}</Typography.Text>}
        </Space>
      )}
    </div>
  );
}

function BandsTable({ rule, current, number }: { rule: LevelRule; current: BandRange | null; number: (n: number) => string }) {
  const { t } = useTranslation();
  return (
    <Table<BandRange>
      size="small"
      pagination={false}
      rowKey="level"
      style={{ maxWidth: 520 }}
      title={() => t('levels.explain.bands')}
      dataSource={bandRanges(rule.caseBands)}
      rowClassName={(r) => (current?.level === r.level ? 'ant-table-row-selected' : '')}
      columns={[
        { key: 'level', width: 90, render: (_, r) => <LevelTag level={r.level} /> },
        { key: 'range', render: (_, r) => bandText(r, number) },
        {
          key: 'notes',
          render: (_, r) => (
            <Space size={4}>
              {r.configurable && <Tag color="blue" data-testid={`band-configurable-${r.level}`}>{t('levels.explain.configurable')}</Tag>}
              {current?.level === r.level && <Tag>{t('levels.explain.thisBand')}</Tag>}
            </Space>
          ),
        },
      ]}
      showHeader={false}
    />
  );
}
