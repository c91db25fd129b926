/**
 * The course of one infection: incubation, symptoms, how and when it is found
 * (quarantine test, enterprise screening, lockdown screening, symptoms, community
 * screening), confirmation and isolation. Dates obey: onset, sample and isolation are
 * never after confirmation; a case is never confirmed before the case that infected it.
 */
import type { CaseClassification, CaseDetection } from '../../db/schema.ts';
import { WAVE, dayOf, nextCycleDay } from './calendar.ts';
import type { Rng } from './rng.ts';

/**
 * How an infection passed: a shared contact group (household, room, workshop_shift, bus_route),
 * the same boarding house or dormitory (other rooms, shared kitchens and washrooms: "ở cùng khu
 * trọ"), or a venue visited within the hour.
 */
export type Channel = 'household' | 'room' | 'boarding_house' | 'workshop_shift' | 'bus_route' | 'venue';

export interface Timeline {
  infection: number;
  /** True symptom onset (may fall after confirmation; then it is not recorded). */
  trueOnset: number | null;
  onset: number | null;
  sample: number;
  confirmation: number;
  isolation: number;
  detection: CaseDetection;
  classification: CaseClassification;
  /** Days [infectiousFrom, isolation) during which the case can infect others. */
  infectiousFrom: number;
}

export interface ExposureContext {
  infection: number;
  age: number;
  /** Infector's confirmation day and how they met; null for an introduced (index) case. */
  source: { confirmation: number; channel: Channel } | null;
  /** Enterprise screening cycle phase when the person works in a park, else null. */
  enterprisePhase: number | null;
  /** First day of lockdown screening where the person lives, or Infinity. */
  lockdownFrom: number;
  lockdownPhase: number;
}

/** Share of contacts traced and quarantined, by channel: early May vs once tracing caught up. */
const TRACE_EARLY: Record<Channel, number> = { household: 0.5, room: 0.3, boarding_house: 0.15, workshop_shift: 0.15, bus_route: 0.1, venue: 0.05 };
const TRACE_MATURE: Record<Channel, number> = { household: 0.95, room: 0.9, boarding_house: 0.75, workshop_shift: 0.85, bus_route: 0.8, venue: 0.5 };
/** Quarantined people were re-tested every 2–4 days by risk group; 3 on average. */
const QUARANTINE_TEST_EVERY = 3;
/** After the first park case every park worker was tested within days, then rounds followed; lockdown zones every 2–3 days. */
export const ENTERPRISE_SCREEN_EVERY = 4;
export const LOCKDOWN_SCREEN_EVERY = 3;
/** RT-PCR turns positive a few days after infection. */
const DETECTABLE_AFTER = 3;
/** A pooled screening test misses an early infection this often; the next round finds it. */
const POOLED_MISS = 0.3;

function traceShare(channel: Channel, day: number): number {
  const t = Math.min(1, Math.max(0, (day - WAVE.firstParkCase) / (WAVE.tracingMature - WAVE.firstParkCase)));
  return TRACE_EARLY[channel] + (TRACE_MATURE[channel] - TRACE_EARLY[channel]) * t;
}

function symptomaticShare(age: number): number {
  return age < 15 ? 0.55 : age < 60 ? 0.8 : 0.9;
}

/** Incubation (Delta): log-normal, median ≈ 4 days, 2–12. */
function incubationDays(rng: Rng): number {
  return Math.min(12, Math.max(2, Math.round(Math.exp(rng.normal(Math.log(4.2), 0.4)))));
}

interface Candidate {
  sample: number;
  detection: CaseDetection;
  classification: CaseClassification;
  isolation: number | 'at-sample';
}

export function drawTimeline(rng: Rng, ctx: ExposureContext): Timeline {
  const I = ctx.infection;
  const trueOnset = rng.chance(symptomaticShare(ctx.age)) ? I + incubationDays(rng) : null;
  const detectable = I + DETECTABLE_AFTER;
  const candidates: Candidate[] = [];

  if (ctx.source && ctx.source.channel && rng.chance(traceShare(ctx.source.channel, ctx.source.confirmation))) {
    // Traced as an F1 of the confirmed infector: quarantined within a day, tested on entry and every 3 days.
    const q = ctx.source.confirmation + rng.int(0, 1);
    let sample = nextCycleDay(Math.max(q, detectable), q, QUARANTINE_TEST_EVERY);
    if (trueOnset !== null && trueOnset >= q && trueOnset < sample) sample = trueOnset;
    candidates.push({ sample, detection: 'quarantine', classification: 'in_quarantine', isolation: q });
  }
  if (ctx.enterprisePhase !== null) {
    let sample = nextCycleDay(Math.max(detectable, WAVE.firstParkCase + 1), ctx.enterprisePhase, ENTERPRISE_SCREEN_EVERY);
    if (rng.chance(POOLED_MISS)) sample += ENTERPRISE_SCREEN_EVERY;
    if (sample <= WAVE.parkClosure) candidates.push({ sample, detection: 'enterprise_screening', classification: 'community', isolation: 'at-sample' });
  }
  if (Number.isFinite(ctx.lockdownFrom)) {
    let sample = nextCycleDay(Math.max(detectable, ctx.lockdownFrom), ctx.lockdownPhase, LOCKDOWN_SCREEN_EVERY);
    if (rng.chance(POOLED_MISS)) sample += LOCKDOWN_SCREEN_EVERY;
    candidates.push({ sample, detection: 'lockdown_screening', classification: 'in_quarantine', isolation: 'at-sample' });
  }
  // Not everyone with symptoms sought a test at once (workers especially kept working).
  if (trueOnset !== null && rng.chance(0.6)) {
    candidates.push({ sample: trueOnset + rng.int(1, 4), detection: 'community', classification: 'community', isolation: 'at-sample' });
  }
  // Whoever slips through everything is found by community screening (markets, pharmacies…).
  candidates.push({ sample: I + rng.int(6, 16), detection: 'community', classification: 'community', isolation: 'at-sample' });

  let found = candidates[0]!;
  for (const c of candidates) if (c.sample < found.sample) found = c;

  // Results within the day to two days; the labs (20,000 tubes a day) fell behind at the peak.
  const lab = rng.next();
  const busy = found.sample >= WAVE.parkClosure - 4 && found.sample <= WAVE.tracingMature + 5;
  let confirmation = found.sample + (lab < (busy ? 0.3 : 0.55) ? 0 : lab < 0.85 ? 1 : 2);
  if (ctx.source) confirmation = Math.max(confirmation, ctx.source.confirmation);
  const isolation = found.isolation === 'at-sample' ? Math.min(confirmation, found.sample + rng.int(0, 1)) : found.isolation;
  return {
    infection: I,
    trueOnset,
    onset: trueOnset !== null && trueOnset <= confirmation ? trueOnset : null,
    sample: found.sample,
    confirmation,
    isolation: Math.min(isolation, confirmation),
    detection: found.detection,
    classification: found.classification,
    infectiousFrom: trueOnset !== null ? Math.max(I + 1, trueOnset - 2) : I + 2,
  };
}

/**
 * Relative infection intensity of the park cluster by infection date. Most infections happened
 * in the workshops before the parks closed on 18 May; confirmations trail by a week or more
 * (pooled screening rounds, saturated labs), so they peak around 25 May – 5 June.
 */
export const PARK_CLUSTER_CURVE: ReadonlyArray<readonly [string, number]> = [
  ['2021-05-01', 0.04], ['2021-05-04', 0.1], ['2021-05-07', 0.22], ['2021-05-10', 0.4], ['2021-05-13', 0.65],
  ['2021-05-16', 0.9], ['2021-05-19', 1], ['2021-05-22', 1], ['2021-05-25', 0.75], ['2021-05-28', 0.5],
  ['2021-06-01', 0.28], ['2021-06-05', 0.15], ['2021-06-10', 0.07], ['2021-06-15', 0.03], ['2021-06-20', 0.015],
  ['2021-06-25', 0.006], ['2021-07-01', 0.002], ['2021-07-05', 0],
];

/** The Lục Ngạn cluster of mid-June (184 of 5,770 cases), among lychee-season workers and families. */
export const LUC_NGAN_CURVE: ReadonlyArray<readonly [string, number]> = [
  ['2021-06-08', 0], ['2021-06-10', 0.4], ['2021-06-13', 1], ['2021-06-16', 0.8], ['2021-06-20', 0.3],
  ['2021-06-24', 0.05], ['2021-06-27', 0],
];

/** Expected new infections per day: the curve interpolated day by day and scaled to `total`. */
export function dailyBudget(curve: ReadonlyArray<readonly [string, number]>, total: number): Map<number, number> {
  const points = curve.map(([d, w]) => [dayOf(d), w] as const);
  const raw = new Map<number, number>();
  let sum = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const [d0, w0] = points[k]!;
    const [d1, w1] = points[k + 1]!;
    for (let d = d0; d < d1; d++) {
      const w = w0 + ((w1 - w0) * (d - d0)) / (d1 - d0);
      raw.set(d, w);
      sum += w;
    }
  }
  for (const [d, w] of raw) raw.set(d, sum > 0 ? (w * Math.max(0, total)) / sum : 0);
  return raw;
}
