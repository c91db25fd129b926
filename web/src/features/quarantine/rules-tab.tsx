import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../shared/hooks/use-api.ts';
import { todayInVietnam, useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { type F0ReleaseRuleVersion, quarantinePaths, type QuarantineRuleVersion, type RuleSource, type RuleVersions } from './quarantine-api.ts';
import { muted } from './quarantine-tags.tsx';
import { localised } from './quarantine-view.ts';
import { RulesF0Modal } from './rules-f0-modal.tsx';
import { RulesQuarantineModal } from './rules-quarantine-modal.tsx';
import { sameTerms, sortedByEffectiveDate, termsText, type TermsWords, type VersionState, versionInForce, versionState } from './rules-view.ts';

const SOURCE_COLOURS: Record<RuleSource, string> = { built_in: 'default', configured: 'blue' };
const STATE_COLOURS: Record<Exclude<VersionState, 'superseded'>, string> = { in_force: 'green', upcoming: 'gold' };
const tagStyle = { marginInlineEnd: 0 } as const;

/**
 * "Quy định": the dated rule versions (quarantine terms, F0 release), built-in and the province's
 * own, with the one in force today; users with rule:manage add new versions (never edit one).
 */
export function RulesTab() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const mayManage = can(me, 'rule:manage');
  const list = useApi<RuleVersions>(quarantinePaths.rules);
  const [adding, setAdding] = useState<'quarantine' | 'f0' | null>(null);
  const today = todayInVietnam();

  // Ties on the date are broken on the server's order, so the in-force version is found before sorting.
  const quarantineInForce = versionInForce(list.data?.quarantine ?? [], today);
  const f0InForce = versionInForce(list.data?.f0Release ?? [], today);

  const words: TermsWords = {
    stay: (n) => t('quarantine.rules.stay', { n }),
    tests: (days) => t('quarantine.rules.tests', { days }),
    home: (n) => t('quarantine.rules.home', { n }),
  };

  const dateColumn = (inForce: object | null) => ({
    title: t('quarantine.rules.effectiveFrom'),
    key: 'effectiveFrom',
    width: 140,
    render: (_: unknown, v: { code: string; effectiveFrom: string }) => {
      const state = versionState(v, inForce, today);
      return (
        <>
          {fmt.date(v.effectiveFrom)}
          {state !== 'superseded' && (
            <div>
              <Tag color={STATE_COLOURS[state]} style={tagStyle} data-testid={`rule-${state}-${v.code}`}>
                {t(`quarantine.rules.states.${state}`)}
              </Tag>
            </div>
          )}
        </>
      );
    },
  });
  const documentColumn = {
    title: t('quarantine.rules.document'),
    key: 'document',
    width: 200,
    render: (_: unknown, v: { code: string; document: string }) => (
      <>
        {v.document}
        <div style={muted}>{v.code}</div>
      </>
    ),
  };
  const nameColumn = {
    title: t('quarantine.rules.name'),
    key: 'name',
    width: 240,
    render: (_: unknown, v: { name: { vi: string; en: string } }) => localised(v.name, fmt.lang),
  };
  const sourceColumn = {
    title: t('quarantine.rules.source'),
    dataIndex: 'source',
    width: 140,
    render: (s: RuleSource) => (
      <Tag color={SOURCE_COLOURS[s]} style={tagStyle}>
        {t(`quarantine.rules.sources.${s}`)}
      </Tag>
    ),
  };

  const line = (label: string, text: string): ReactNode => (
    <div key={label}>
      <Typography.Text type="secondary">{label}: </Typography.Text>
      {text}
    </div>
  );

  const quarantineColumns: TableColumnsType<QuarantineRuleVersion> = [
    dateColumn(quarantineInForce),
    documentColumn,
    nameColumn,
    {
      title: t('quarantine.rules.terms'),
      key: 'terms',
      width: 380,
      render: (_, v) => [
        line(t('quarantine.rules.groups.f1'), termsText(v.f1, words)),
        line(
          t('quarantine.rules.groups.vaccinated'),
          sameTerms(v.f1VaccinatedOrRecovered, v.f1) ? t('quarantine.rules.sameAsF1') : termsText(v.f1VaccinatedOrRecovered, words),
        ),
        line(t('quarantine.rules.groups.returning'), termsText(v.returningCitizen, words)),
      ],
    },
    {
      title: t('quarantine.rules.screening'),
      key: 'screening',
      width: 180,
      render: (_, v) => t('quarantine.rules.screeningText', v.screeningIntervalDays),
    },
    sourceColumn,
  ];

  const f0Columns: TableColumnsType<F0ReleaseRuleVersion> = [
    dateColumn(f0InForce),
    documentColumn,
    nameColumn,
    {
      title: t('quarantine.rules.release'),
      key: 'release',
      width: 320,
      render: (_, v) => (
        <>
          <div>{t('quarantine.rules.rapidTest', { n: v.daysWithNegativeRapidTest })}</div>
          <div>{t('quarantine.rules.withoutTest', { n: v.daysWithoutTest })}</div>
          <div>{t('quarantine.rules.persistentSymptoms', { n: v.daysWithPersistentSymptoms })}</div>
        </>
      ),
    },
    sourceColumn,
  ];

  const heading = (title: string, button: ReactNode) => (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', margin: '16px 0 8px' }}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {mayManage && <div style={{ marginInlineStart: 'auto' }}>{button}</div>}
    </div>
  );

  return (
    <div>
      <Alert type="info" showIcon title={t('quarantine.rules.intro')} data-testid="rules-intro" />
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}

      {heading(
        t('quarantine.rules.quarantineTitle'),
        <Button icon={<PlusOutlined />} onClick={() => setAdding('quarantine')} data-testid="rules-add-quarantine">
          {t('quarantine.rules.addQuarantine')}
        </Button>,
      )}
      <Table<QuarantineRuleVersion>
        rowKey="code"
        size="middle"
        data-testid="rules-quarantine-table"
        columns={quarantineColumns}
        dataSource={sortedByEffectiveDate(list.data?.quarantine ?? [])}
        loading={list.loading}
        pagination={false}
        scroll={{ x: 1280 }}
      />

      {heading(
        t('quarantine.rules.f0Title'),
        <Button icon={<PlusOutlined />} onClick={() => setAdding('f0')} data-testid="rules-add-f0">
          {t('quarantine.rules.addF0')}
        </Button>,
      )}
      <Table<F0ReleaseRuleVersion>
        rowKey="code"
        size="middle"
        data-testid="rules-f0-table"
        columns={f0Columns}
        dataSource={sortedByEffectiveDate(list.data?.f0Release ?? [])}
        loading={list.loading}
        pagination={false}
        scroll={{ x: 1040 }}
      />

      <RulesQuarantineModal
        open={adding === 'quarantine'}
        onClose={() => setAdding(null)}
        onSaved={() => {
          setAdding(null);
          list.reload();
        }}
      />
      <RulesF0Modal
        open={adding === 'f0'}
        onClose={() => setAdding(null)}
        onSaved={() => {
          setAdding(null);
          list.reload();
        }}
      />
    </div>
  );
}
