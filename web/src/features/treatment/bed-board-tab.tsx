import { Card, Col, Empty, Row, Skeleton, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { BED_KINDS, type BedBoard, type BedBoardFacility, type BedKind, type BedsByKind, treatmentPaths } from './treatment-api.ts';
import { icuExhausted } from './treatment-view.ts';
import { BedBar, muted, TreatmentFacilityStatusTag } from './treatment-tags.tsx';

const ICU_STYLE = { background: '#fff1f0', border: '1px solid #ffccc7', borderRadius: 6, padding: '4px 8px', margin: '0 -8px' } as const;

/** "Giường bệnh": beds per tier (ICU first to the eye) and per facility. */
export function BedBoardTab() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const board = useApi<BedBoard>(treatmentPaths.beds);

  const bedColumn = (kind: BedKind): TableColumnsType<BedBoardFacility>[number] => ({
    title: t(`treatment.bedKinds.${kind}`),
    key: kind,
    width: 180,
    render: (_, f) => <BedBar counts={f.beds[kind]} />,
  });

  const columns: TableColumnsType<BedBoardFacility> = [
    {
      title: t('treatment.beds.facility'),
      key: 'name',
      fixed: 'left',
      width: 230,
      render: (_, f) => (
        <>
          <div style={{ fontWeight: 500 }}>{f.name}</div>
          {f.districtName && <div style={muted}>{f.districtName}</div>}
        </>
      ),
    },
    { title: t('treatment.beds.tier'), dataIndex: 'tier', width: 100, render: (tier: number | null) => (tier === null ? t('treatment.noTier') : t('treatment.tier', { tier })) },
    { title: t('treatment.beds.status'), dataIndex: 'status', width: 130, render: (s: string) => <TreatmentFacilityStatusTag status={s} /> },
    ...BED_KINDS.map(bedColumn),
  ];

  if (board.error) return <ErrorAlert error={board.error} onRetry={board.reload} />;
  const b = board.data;

  return (
    <div>
      {!b ? (
        <Skeleton active />
      ) : b.tiers.length === 0 ? (
        <Empty description={t('treatment.beds.noTiers')} style={{ marginBottom: 16 }} />
      ) : (
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          {b.tiers.map((tier) => (
            <Col key={tier.tier} xs={24} md={12} xl={8}>
              <TierCard tier={tier.tier} beds={tier.beds} />
            </Col>
          ))}
        </Row>
      )}
      <Table<BedBoardFacility>
        rowKey="facilityId"
        size="middle"
        data-testid="beds-table"
        columns={columns}
        dataSource={b?.facilities ?? []}
        loading={board.loading}
        scroll={{ x: 1020 }}
        pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('treatment.beds.total', { total: fmt.number(total) }) }}
      />
    </div>
  );
}

function TierCard({ tier, beds }: { tier: number; beds: BedsByKind }) {
  const { t } = useTranslation();
  const exhausted = icuExhausted(beds.icu);
  return (
    <Card
      size="small"
      title={t('treatment.tier', { tier })}
      extra={exhausted ? <Tag color="red">{t('treatment.beds.icuFull')}</Tag> : null}
      style={exhausted ? { borderColor: '#ff4d4f' } : undefined}
      data-testid={`tier-${tier}`}
    >
      {BED_KINDS.map((kind) => (
        <div key={kind} style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, marginBottom: 6, ...(kind === 'icu' ? ICU_STYLE : {}) }}>
          <Typography.Text strong={kind === 'icu'} type={kind === 'icu' && exhausted ? 'danger' : undefined}>
            {t(`treatment.bedKinds.${kind}`)}
          </Typography.Text>
          <BedBar counts={beds[kind]} width={170} testId={`tier-${tier}-${kind}`} />
        </div>
      ))}
    </Card>
  );
}
