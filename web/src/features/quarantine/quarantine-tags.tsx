import { Progress, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n/format.ts';
import {
  type AlertLevel,
  FACILITY_STATUSES,
  type FacilityStatus,
  type OrderStatus,
  type ReleaseStatus,
  RISK_GROUPS,
  type RiskGroup,
} from './quarantine-api.ts';
import { type MonitoringKind, MONITORING_KINDS, type TaskStatus, TASK_STATUSES } from './home-api.ts';
import { MONITORING_KIND_COLOURS, TASK_STATUS_COLOURS } from './home-view.ts';
import { ALERT_COLOURS, ALERT_TAG_COLOURS, barPercent, ORDER_STATUS_COLOURS, progressStatus, RELEASE_STATUS_COLOURS, RISK_COLOURS } from './quarantine-view.ts';

const tagStyle = { marginInlineEnd: 0 } as const;

export function RiskTag({ group }: { group: RiskGroup | null }) {
  const { t } = useTranslation();
  if (group === null || !(RISK_GROUPS as readonly string[]).includes(group)) return <>–</>;
  return (
    <Tag color={RISK_COLOURS[group]} style={tagStyle}>
      {t(`quarantine.riskGroups.${group}`)}
    </Tag>
  );
}

export function AlertTag({ alert }: { alert: AlertLevel }) {
  const { t } = useTranslation();
  return (
    <Tag color={ALERT_TAG_COLOURS[alert]} style={tagStyle}>
      {t(`quarantine.alerts.${alert}`)}
    </Tag>
  );
}

export function OrderStatusTag({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={ORDER_STATUS_COLOURS[status]} style={tagStyle}>
      {t(`quarantine.orderStatuses.${status}`)}
    </Tag>
  );
}

export function ReleaseStatusTag({ status }: { status: ReleaseStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={RELEASE_STATUS_COLOURS[status]} style={tagStyle} data-testid={`release-status-${status}`}>
      {t(`quarantine.release.statuses.${status}`)}
    </Tag>
  );
}

export function MonitoringKindTag({ kind }: { kind: MonitoringKind }) {
  const { t } = useTranslation();
  if (!(MONITORING_KINDS as readonly string[]).includes(kind)) return <Tag style={tagStyle}>{kind}</Tag>;
  return (
    <Tag color={MONITORING_KIND_COLOURS[kind]} style={tagStyle}>
      {t(`quarantine.home.kinds.${kind}`)}
    </Tag>
  );
}

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  if (!(TASK_STATUSES as readonly string[]).includes(status)) return <Tag style={tagStyle}>{status}</Tag>;
  return (
    <Tag color={TASK_STATUS_COLOURS[status]} style={tagStyle}>
      {t(`quarantine.tasks.statuses.${status}`)}
    </Tag>
  );
}

const FACILITY_STATUS_COLOURS: Record<FacilityStatus, string> = { open: 'green', full: 'red', closed: 'default', disinfecting: 'gold' };

export function FacilityStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  if (!(FACILITY_STATUSES as readonly string[]).includes(status)) return <Tag style={tagStyle}>{status}</Tag>;
  const s = status as FacilityStatus;
  return (
    <Tag color={FACILITY_STATUS_COLOURS[s]} style={tagStyle}>
      {t(`quarantine.facilityStatuses.${s}`)}
    </Tag>
  );
}

/** "used / capacity" over a bar coloured by the occupancy alert. */
export function OccupancyBar({ used, capacity, alert, width = 160 }: { used: number; capacity: number; alert: AlertLevel; width?: number }) {
  const fmt = useFormat();
  return (
    <div style={{ width }}>
      <div style={{ fontSize: 12 }}>
        {fmt.number(used)} / {fmt.number(capacity)}
      </div>
      <Progress
        percent={barPercent(used, capacity)}
        status={progressStatus(alert)}
        strokeColor={ALERT_COLOURS[alert]}
        size="small"
        showInfo={false}
        aria-label={`${fmt.number(used)} / ${fmt.number(capacity)}`}
      />
    </div>
  );
}

export const muted = { fontSize: 12, color: 'rgba(0,0,0,0.5)' } as const;
