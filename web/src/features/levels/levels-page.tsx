import { CalculatorOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Modal, Popconfirm, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, errorText } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { todayInVietnam, useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { DistrictFilterSelect } from '../../shared/ui/area-selects.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { PageHeader } from '../../shared/ui/page-header.tsx';
import { LevelExplanation } from './level-explanation.tsx';
import { LevelOverrideModal } from './level-override-modal.tsx';
import { LevelInForce, LevelSummaryCards } from './level-summary-cards.tsx';
import { type Assessment, type AssessSummary, byUrgency, countByLevel, type LevelList, levelsPaths, levelsQueryFromParams, levelsQueryToParams, type LevelsQuery } from './levels-api.ts';

/**
 * Epidemic levels (cấp độ dịch, NQ 128): the province's and each district's level, and a table of
 * communes with their level in force, the raise proposed, the inputs of the three criteria and a
 * "vì sao?" explanation from the stored inputs and rule version. level:manage assesses a day,
 * confirms a raise before its 48 hours run out, or overrides a level with a reason.
 */
export default function LevelsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const query = levelsQueryFromParams(params);
  const communes = useApi<LevelList>(levelsPaths.list({ date: query.date, unitLevel: 'commune', districtCode: query.districtCode }));
  const districts = useApi<LevelList>(levelsPaths.list({ date: query.date, unitLevel: 'district' }));
  const province = useApi<LevelList>(levelsPaths.list({ date: query.date, unitLevel: 'province' }));
  const mayManage = can(me, 'level:manage');
  const [expanded, setExpanded] = useState<number[]>([]);
  const [explaining, setExplaining] = useState<Assessment | null>(null);
  const [overriding, setOverriding] = useState<Assessment | null>(null);
  const [assessing, setAssessing] = useState(false);

  const update = (patch: Partial<LevelsQuery>) => setParams(levelsQueryToParams({ ...query, ...patch }));
  const reload = () => {
    communes.reload();
    districts.reload();
    province.reload();
  };
  const rules = [...(communes.data?.rules ?? []), ...(districts.data?.rules ?? []), ...(province.data?.rules ?? [])];
  const ruleOf = (a: Assessment) => rules.find((r) => r.code === a.ruleCode);

  const assess = async () => {
    setAssessing(true);
    try {
      const s = await api.post<AssessSummary>(levelsPaths.assess, { date: query.date ?? todayInVietnam() });
      message.success(t('levels.assessDone', { communes: fmt.number(s.communes), date: fmt.date(s.date), proposals: fmt.number(s.proposals) }));
      reload();
    } catch (e) {
      message.error(errorText(e, fmt.lang));
    } finally {
      setAssessing(false);
    }
  };

  const confirm = async (a: Assessment) => {
    try {
      const saved = await api.post<Assessment>(levelsPaths.confirm(a.id));
      message.success(t('levels.confirm.done', { name: saved.unitName, level: saved.level }));
      reload();
    } catch (e) {
      message.error(errorText(e, fmt.lang));
    }
  };

  /** Confirm (a pending raise) and override, for level:manage. */
  const actions = (a: Assessment) =>
    mayManage && (
      <Space size={4} onClick={(e) => e.stopPropagation()}>
        {a.proposal && (
          <Popconfirm
            title={t('levels.confirm.title', { name: a.unitName, level: a.proposal.level })}
            description={t('levels.confirm.text')}
            onConfirm={() => confirm(a)}
            okText={t('levels.confirm.button')}
          >
            <Button size="small" type="primary" data-testid={`level-confirm-${a.unitCode}`}>
              {t('levels.confirm.button')}
            </Button>
          </Popconfirm>
        )}
        <Button size="small" onClick={() => setOverriding(a)} data-testid={`level-override-${a.unitCode}`}>
          {t('levels.override.button')}
        </Button>
      </Space>
    );

  const met = (v: boolean | null, unknown: string) =>
    v === null ? <Tag>{unknown}</Tag> : <Tag color={v ? 'green' : 'red'}>{v ? t('levels.met') : t('levels.notMet')}</Tag>;

  const columns: TableColumnsType<Assessment> = [
    { key: 'name', title: t('levels.columns.commune'), dataIndex: 'unitName' },
    { key: 'district', title: t('levels.columns.district'), dataIndex: 'districtName', responsive: ['lg'] },
    { key: 'level', title: t('levels.columns.level'), render: (_, a) => <LevelInForce item={a} /> },
    {
      key: 'rate',
      title: t('levels.columns.rate'),
      align: 'right',
      render: (_, a) => (a.inputs.ratePer100k === null ? '–' : fmt.number(a.inputs.ratePer100k, 1)),
    },
    {
      key: 'cases',
      title: t('levels.columns.cases'),
      align: 'right',
      responsive: ['md'],
      render: (_, a) => `${fmt.number(a.inputs.cases7)} / ${fmt.number(a.inputs.population)}`,
    },
    { key: 'coverage', title: t('levels.columns.coverage'), responsive: ['md'], render: (_, a) => met(a.inputs.coverageMet, t('levels.coverageUnknown')) },
    { key: 'capacity', title: t('levels.columns.capacity'), responsive: ['md'], render: (_, a) => met(a.inputs.capacityMet, t('levels.capacityUnknown')) },
    { key: 'assessedOn', title: t('levels.columns.assessedOn'), responsive: ['lg'], render: (_, a) => fmt.date(a.assessedOn) },
    {
      key: 'actions',
      title: t('levels.columns.actions'),
      fixed: 'right',
      render: (_, a) => (
        <Space size={4}>
          <Button
            size="small"
            type="link"
            aria-expanded={expanded.includes(a.id)}
            onClick={() => setExpanded((e) => (e.includes(a.id) ? e.filter((x) => x !== a.id) : [...e, a.id]))}
            data-testid={`level-why-button-${a.unitCode}`}
          >
            {t('levels.why')}
          </Button>
          {actions(a)}
        </Space>
      ),
    },
  ];

  const error = communes.error ?? districts.error ?? province.error;
  return (
    <div>
      <PageHeader
        title={t('levels.title')}
        extra={
          mayManage &&
          me.scope.kind === 'province' && (
            <Button type="primary" icon={<CalculatorOutlined />} loading={assessing} onClick={() => void assess()} data-testid="levels-assess">
              {t('levels.assess')}
            </Button>
          )
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker
          format="DD/MM/YYYY"
          placeholder={t('levels.datePlaceholder')}
          aria-label={t('levels.date')}
          value={query.date ? dayjs(query.date) : null}
          disabledDate={(d) => d.format('YYYY-MM-DD') > todayInVietnam()}
          onChange={(d) => update({ date: d ? d.format('YYYY-MM-DD') : undefined })}
          data-testid="levels-date"
        />
        {me.scope.kind !== 'commune' && (
          <DistrictFilterSelect value={query.districtCode} onChange={(districtCode) => update({ districtCode })} width={220} />
        )}
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {query.date ? t('levels.asOfDate', { date: fmt.date(query.date) }) : t('levels.asOfToday')} {t('levels.notice')}
      </Typography.Paragraph>
      {error && <ErrorAlert error={error} onRetry={reload} />}
      {communes.data && communes.data.items.length === 0 && !communes.loading && <Alert type="info" showIcon title={t('levels.empty')} style={{ marginBottom: 12 }} />}
      <LevelSummaryCards
        province={province.data?.items[0]}
        districts={districts.data?.items ?? []}
        communeCounts={countByLevel(communes.data?.items ?? [])}
        selectedDistrict={query.districtCode}
        onPickDistrict={(districtCode) => update({ districtCode })}
        onExplain={setExplaining}
        actions={actions}
      />
      <Table<Assessment>
        rowKey="id"
        size="small"
        loading={communes.loading}
        dataSource={byUrgency(communes.data?.items ?? [])}
        columns={columns}
        pagination={{ defaultPageSize: 50, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 500] }}
        expandable={{ expandedRowKeys: expanded, showExpandColumn: false, expandedRowRender: (a) => <LevelExplanation item={a} rule={ruleOf(a)} /> }}
        // A raise waiting for its notice stands out.
        onRow={(a) => ({ style: a.proposal ? { background: '#fff7e6' } : undefined })}
        scroll={{ x: 'max-content' }}
        data-testid="levels-table"
      />
      <Modal open={explaining !== null} onCancel={() => setExplaining(null)} footer={null} width={720} title={explaining?.unitName}>
        {explaining && <LevelExplanation item={explaining} rule={ruleOf(explaining)} />}
      </Modal>
      {mayManage && (
        <LevelOverrideModal
          item={overriding}
          onClose={() => setOverriding(null)}
          onSaved={() => {
            setOverriding(null);
            reload();
          }}
        />
      )}
    </div>
  );
}
