/** Pure helpers of the treatment pages: bed bars, care levels, the transfer form. */
import type { BedCounts, CareLevel, F0RiskGroup, TransferBody, TreatmentFacility } from './treatment-api.ts';


export type BedAlert = 'normal' | 'warning' | 'critical';

/** The facilities' default thresholds: warning from 80 % of the beds used, critical from 95 % or none free. */
export const WARN_PERCENT = 80;
export const CRITICAL_PERCENT = 95;

export function bedAlert(c: BedCounts): BedAlert {
  if (c.total <= 0) return c.used > 0 ? 'critical' : 'normal';
  const pct = (c.used * 100) / c.total;
  return c.free <= 0 || pct >= CRITICAL_PERCENT ? 'critical' : pct >= WARN_PERCENT ? 'warning' : 'normal';
}

export const BED_ALERT_COLOURS: Record<BedAlert, string> = { normal: '#52c41a', warning: '#faad14', critical: '#ff4d4f' };

/** How far a bed bar is filled, 0..100 (one decimal; more patients than beds shows a full bar). */
export function bedPercent(c: Pick<BedCounts, 'total' | 'used'>): number {
  if (c.total <= 0) return c.used > 0 ? 100 : 0;
  return Math.max(0, Math.min(100, Math.round((c.used * 1000) / c.total) / 10));
}

/** antd's Progress status: red with a cross when critical; 'normal' set explicitly so 100 % does not turn green. */
export function bedProgressStatus(alert: BedAlert): 'normal' | 'exception' {
  return alert === 'critical' ? 'exception' : 'normal';
}

/** A tier whose intensive-care beds have run out: the board flags it. */
export function icuExhausted(icu: BedCounts): boolean {
  return icu.total > 0 && icu.free <= 0;
}

/** QĐ 5525: low → home care, medium → tier 1, high → tier 2, very high → tier 3. */
const CARE_LEVEL_OF_RISK: Record<F0RiskGroup, CareLevel> = { low: 'home_care', medium: 'tier1', high: 'tier2', very_high: 'tier3' };
export function careLevelForRisk(risk: F0RiskGroup): CareLevel {
  return CARE_LEVEL_OF_RISK[risk];
}

const TIER_OF_LEVEL: Record<CareLevel, number | null> = { home_care: null, tier1: 1, tier2: 2, tier3: 3 };
/** The facility tier a care level is given in; null for care at home. */
export function tierOfCareLevel(level: CareLevel): number | null {
  return TIER_OF_LEVEL[level];
}

export const CARE_LEVEL_COLOURS: Record<CareLevel, string> = { home_care: 'green', tier1: 'blue', tier2: 'orange', tier3: 'red' };
export const F0_RISK_COLOURS: Record<F0RiskGroup, string> = { low: 'green', medium: 'gold', high: 'orange', very_high: 'red' };

export interface FacilityOption {
  value: number;
  facility: TreatmentFacility;
  /** The facility is of another tier than the care level chosen. */
  otherTier: boolean;
}

/**
 * Facilities to move a patient to: open ones of the chosen level's tier first (by name), then the
 * others, flagged. Closed facilities are left out; none for care at home.
 */
export function facilityOptionsFor(facilities: readonly TreatmentFacility[], level: CareLevel | undefined): FacilityOption[] {
  if (!level || level === 'home_care') return [];
  const tier = tierOfCareLevel(level);
  return facilities
    .filter((f) => f.status !== 'closed')
    .map((f) => ({ value: f.id, facility: f, otherTier: f.tier !== tier }))
    .sort((a, b) => Number(a.otherTier) - Number(b.otherTier) || a.facility.name.localeCompare(b.facility.name, 'vi'));
}

export interface TransferValues {
  facilityId?: number | null;
  careLevel: CareLevel;
  riskGroup: F0RiskGroup;
  reason?: string;
  /** 'YYYY-MM-DD'. */
  date: string;
}

/** The transfer request: no facility for care at home, the reason trimmed. */
export function transferBody(v: TransferValues): TransferBody {
  return {
    facilityId: v.careLevel === 'home_care' ? null : (v.facilityId ?? null),
    careLevel: v.careLevel,
    riskGroup: v.riskGroup,
    reason: v.reason?.trim() ?? '',
    date: v.date,
  };
}
