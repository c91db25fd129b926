import { Progress, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n/format.ts';
import { type BedCounts, type CareLevel, type F0RiskGroup, FACILITY_STATUSES, type FacilityStatus } from './treatment-api.ts';
import { BED_ALERT_COLOURS, bedAlert, bedPercent, bedProgressStatus, CARE_LEVEL_COLOURS, F0_RISK_COLOURS } from './treatment-view.ts';

const tagStyle = { marginInlineEnd: 0 } as const;
export const muted = { fontSize: 12, color: 'rgba(0,0,0,0.5)' } as const;

export function CareLevelTag({ level }: { level: CareLevel }) {
  const { t } = useTranslation();
  return (
    <Tag color={CARE_LEVEL_COLOURS[level]} style={tagStyle}>
      {t(`treatment.careLevels.${level}`)}
    </Tag>
  );
}

export function F0RiskTag({ group }: { group: F0RiskGroup }) {
  const { t } = useTranslation();
  return (
    <Tag color={F0_RISK_COLOURS[group]} style={tagStyle}>
      {t(`treatment.riskGroups.${group}`)}
    </Tag>
  );
}

const STATUS_COLOURS: Record<FacilityStatus, string> = { open: 'green', full: 'red', closed: 'default', disinfecting: 'gold' };

export function TreatmentFacilityStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  if (!(FACILITY_STATUSES as readonly string[]).includes(status)) return <Tag style={tagStyle}>{status}</Tag>;
  const s = status as FacilityStatus;
  return (
    <Tag color={STATUS_COLOURS[s]} style={tagStyle}>
      {t(`treatment.facilityStatuses.${s}`)}
    </Tag>
  );
}

/** "used / total" beds, with a bar coloured by how full they are ("–" when there are none of the kind). */
export function BedBar({ counts, width = 140, testId }: { counts: BedCounts; width?: number; testId?: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (counts.total === 0 && counts.used === 0) return <span style={muted}>{t('treatment.beds.noBeds')}</span>;
  const alert = bedAlert(counts);
  const text = t('treatment.beds.usedOf', { used: fmt.number(counts.used), total: fmt.number(counts.total) });
  return (
    <div style={{ width }} data-testid={testId}>
      <div style={{ fontSize: 12, display: 'flex', justifyContent: 'space-between', gap: 4 }}>
        <span>{text}</span>
        <span style={muted}>{t('treatment.beds.free', { free: fmt.number(counts.free) })}</span>
      </div>
      <Progress
        percent={bedPercent(counts)}
        status={bedProgressStatus(alert)}
        strokeColor={BED_ALERT_COLOURS[alert]}
        size="small"
        showInfo={false}
        aria-label={text}
      />
    </div>
  );
}
