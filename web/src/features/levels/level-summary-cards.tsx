import { Button, Card, Col, Empty, Row, Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n/format.ts';
import { LevelTag } from '../../shared/ui/level-tag.tsx';
import { type Assessment, type Level, LEVEL_COLOURS, LEVELS } from './levels-api.ts';

interface Props {
  province: Assessment | undefined;
  districts: Assessment[];
  /** Communes of the list by level in force. */
  communeCounts: Record<Level, number>;
  selectedDistrict: string | undefined;
  onPickDistrict: (code: string | undefined) => void;
  onExplain: (item: Assessment) => void;
  /** The decision buttons, for level:manage. */
  actions?: (item: Assessment) => ReactNode;
}

/** The level in force, and the raise waiting beside it. */
export function LevelInForce({ item }: { item: Assessment }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Space size={4} wrap>
      <LevelTag level={item.levelInForce} testId={`level-tag-${item.unitCode}`} />
      {item.proposal && (
        <Tooltip title={t('levels.proposal', { level: item.proposal.level, time: fmt.dateTimeMinutes(item.proposal.effectiveFrom) })}>
          <span data-testid={`level-proposal-${item.unitCode}`}>
            → <LevelTag level={item.proposal.level} />
          </span>
        </Tooltip>
      )}
      {(item.status === 'confirmed' || item.status === 'overridden') && <Tag>{t(`levels.statuses.${item.status}`)}</Tag>}
    </Space>
  );
}

/** The province's level and each district's, with how many of the listed communes are at each level. */
export function LevelSummaryCards({ province, districts, communeCounts, selectedDistrict, onPickDistrict, onExplain, actions }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const rate = (a: Assessment) => (a.inputs.ratePer100k === null ? '–' : fmt.number(a.inputs.ratePer100k, 1));

  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      <Col xs={24} lg={8}>
        <Card size="small" title={t('levels.summary.province')} data-testid="level-province-card" style={province?.proposal ? { borderColor: LEVEL_COLOURS[3] } : undefined}>
          {province ? (
            <Space orientation="vertical" size={6} style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text strong>{province.unitName}</Typography.Text>
                <LevelInForce item={province} />
              </Space>
              <Typography.Text type="secondary">
                {t('levels.columns.rate')}: {rate(province)}
              </Typography.Text>
              <Typography.Text type="secondary">{t('levels.summary.communes')}</Typography.Text>
              <Space wrap size={4}>
                {LEVELS.map((l) => (
                  <span key={l}>
                    <LevelTag level={l} /> {fmt.number(communeCounts[l])}
                  </span>
                ))}
              </Space>
              <Space>
                <Button size="small" type="link" onClick={() => onExplain(province)} style={{ paddingInline: 0 }}>
                  {t('levels.why')}
                </Button>
                {actions?.(province)}
              </Space>
            </Space>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('levels.empty')} />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={16}>
        <Card size="small" title={t('levels.summary.districts')} extra={<Typography.Text type="secondary">{t('levels.summary.pick')}</Typography.Text>}>
          <Row gutter={[8, 8]}>
            {districts.map((d) => {
              const selected = d.unitCode === selectedDistrict;
              return (
                <Col key={d.unitCode} xs={24} sm={12} xl={8}>
                  <Card
                    size="small"
                    hoverable
                    onClick={() => onPickDistrict(selected ? undefined : d.unitCode)}
                    style={{ borderColor: selected ? '#1677ff' : d.proposal ? LEVEL_COLOURS[3] : undefined, background: d.proposal ? '#fff7e6' : undefined }}
                    data-testid={`level-district-${d.unitCode}`}
                  >
                    <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                      <Typography.Text strong ellipsis>{d.unitName}</Typography.Text>
                      <LevelInForce item={d} />
                      <Space size={4} onClick={(e) => e.stopPropagation()}>
                        <Button size="small" type="link" onClick={() => onExplain(d)} style={{ paddingInline: 0 }}>
                          {t('levels.why')}
                        </Button>
                        {actions?.(d)}
                      </Space>
                    </Space>
                  </Card>
                </Col>
              );
            })}
          </Row>
        </Card>
      </Col>
    </Row>
  );
}
