import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  POOL_STATUSES,
  type PoolStatus,
  RESULT_KEYS,
  type ResultKey,
  RETEST_REASONS,
  RETEST_STATUSES,
  type RetestReason,
  type RetestStatus,
  ROUND_STATUSES,
  type RoundStatus,
  TARGET_KINDS,
} from './testing-api.ts';
import { POOL_STATUS_COLOURS, RESULT_COLOURS, RETEST_STATUS_COLOURS, ROUND_STATUS_COLOURS } from './testing-view.ts';
import { REGISTRATION_STATUS_COLOURS } from './unit-form.ts';
import { REGISTRATION_STATUSES, type RegistrationStatus, UNIT_KINDS, type UnitKind } from './units-api.ts';

const tagStyle = { marginInlineEnd: 0 } as const;

const isOneOf = <T extends string>(value: string, allowed: readonly T[]): value is T => (allowed as readonly string[]).includes(value);

export function RoundStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  if (!isOneOf<RoundStatus>(status, ROUND_STATUSES)) return <Tag style={tagStyle}>{status}</Tag>;
  return (
    <Tag color={ROUND_STATUS_COLOURS[status]} style={tagStyle} data-testid={`round-status-${status}`}>
      {t(`testing.roundStatuses.${status}`)}
    </Tag>
  );
}

export function PoolStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  if (!isOneOf<PoolStatus>(status, POOL_STATUSES)) return <Tag style={tagStyle}>{status}</Tag>;
  return (
    <Tag color={POOL_STATUS_COLOURS[status]} style={tagStyle}>
      {t(`testing.poolStatuses.${status}`)}
    </Tag>
  );
}

/** A sample's or pool's result; none yet: '–'. */
export function ResultTag({ result, count }: { result: string | null; count?: number }) {
  const { t } = useTranslation();
  if (result === null) return <>–</>;
  if (!isOneOf<ResultKey>(result, RESULT_KEYS)) return <Tag style={tagStyle}>{result}</Tag>;
  return (
    <Tag color={RESULT_COLOURS[result]} style={tagStyle} data-testid={count === undefined ? undefined : `round-result-${result}`}>
      {t(`testing.results.${result}`)}
      {count === undefined ? '' : `: ${count}`}
    </Tag>
  );
}

export function RetestStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  if (!isOneOf<RetestStatus>(status, RETEST_STATUSES)) return <Tag style={tagStyle}>{status}</Tag>;
  return (
    <Tag color={RETEST_STATUS_COLOURS[status]} style={tagStyle}>
      {t(`testing.retestStatuses.${status}`)}
    </Tag>
  );
}

export function useReasonText() {
  const { t } = useTranslation();
  return (reason: string) => (isOneOf<RetestReason>(reason, RETEST_REASONS) ? t(`testing.reasons.${reason}`) : reason);
}

export function useTargetKindText() {
  const { t } = useTranslation();
  return (kind: string) => (isOneOf(kind, TARGET_KINDS) ? t(`testing.targetKinds.${kind}`) : kind);
}

export function useUnitKindText() {
  const { t } = useTranslation();
  return (kind: string) => (isOneOf<UnitKind>(kind, UNIT_KINDS) ? t(`testing.unitKinds.${kind}`) : kind);
}

export function RegistrationStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  if (!isOneOf<RegistrationStatus>(status, REGISTRATION_STATUSES)) return <Tag style={tagStyle}>{status}</Tag>;
  return (
    <Tag color={REGISTRATION_STATUS_COLOURS[status]} style={tagStyle}>
      {t(`testing.registrations.statuses.${status}`)}
    </Tag>
  );
}
