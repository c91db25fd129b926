import { Card, Col, Row, Statistic, Table, type TableColumnsType, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n/format.ts';
import { type CaseCounts, type DistrictCases, type ReportFigures, summaryItems } from './reports-api.ts';

const COUNT_COLUMNS: Array<keyof CaseCounts> = ['newCases', 'newInQuarantine', 'newCommunity', 'newImported', 'cumulative', 'active'];

/** The day's headline figures, then the cases by district (the report's first table). */
export function FiguresPanel({ figures }: { figures: ReportFigures }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const columns: TableColumnsType<DistrictCases> = [
    { title: t('reports.columns.district'), dataIndex: 'name', key: 'name' },
    ...COUNT_COLUMNS.map((k) => ({
      title: t(`reports.columns.${k}`), dataIndex: k, key: k, align: 'right' as const,
      render: (v: number) => fmt.number(v),
    })),
  ];
  const totals = figures.situation.totals;
  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="report-summary">
        {summaryItems(figures).map((s) => (
          <Col key={s.key} xs={12} sm={8} lg={6} xxl={4}>
            <Card size="small">
              <Statistic
                title={t(`reports.summary.${s.key}`)}
                value={s.value}
                formatter={(v) => fmt.number(Number(v))}
                suffix={s.of !== undefined ? t('reports.ofTotal', { total: fmt.number(s.of) }) : undefined}
                styles={s.alert ? { content: { color: '#c62828' } } : undefined}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('reports.districtsTitle')} style={{ marginBottom: 16 }}>
        <Table<DistrictCases>
          rowKey="code"
          size="small"
          columns={columns}
          dataSource={figures.situation.districts}
          pagination={false}
          scroll={{ x: 720 }}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}><strong>{t('reports.total')}</strong></Table.Summary.Cell>
              {COUNT_COLUMNS.map((k, i) => (
                <Table.Summary.Cell key={k} index={i + 1} align="right"><strong>{fmt.number(totals[k])}</strong></Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          )}
        />
        {!figures.vaccination.available && <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t('reports.vaccinationNone')}</Typography.Paragraph>}
        {figures.vaccination.available && (
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
            {t('vaccination.reportLine', {
              doses: fmt.number(figures.vaccination.dosesOnDay ?? 0), total: fmt.number(figures.vaccination.cumulativeDoses ?? 0),
              adults: figures.vaccination.adultsOneDosePercent == null ? '–' : `${fmt.number(figures.vaccination.adultsOneDosePercent, 1)} %`,
            })}
          </Typography.Paragraph>
        )}
      </Card>
    </>
  );
}
