/**
 * Health declarations: which answers are abnormal (any symptom, contact with an F0/F1, a visit to
 * an outbreak place, travel from an epidemic area in the last 14 days) and how a call's outcome
 * moves a declaration on the commune's call list. Pure.
 */
import type { CallStatus } from '../../db/schema.ts';

export const SYMPTOMS = ['fever', 'cough', 'sore_throat', 'shortness_of_breath', 'loss_of_taste_smell', 'fatigue'] as const;
export type Symptom = (typeof SYMPTOMS)[number];
export const CALL_OUTCOMES = ['reached', 'not_reached', 'referred', 'no_action'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
/** Still to call: never called, or called without reaching them. */
export const TO_CALL: readonly CallStatus[] = ['to_call', 'not_reached'];

export type AbnormalReason = 'symptom' | 'contact_f0' | 'visited_outbreak' | 'travel_epidemic';

export interface DeclarationAnswers {
  symptoms: readonly string[];
  contactF0: boolean;
  visitedOutbreak: boolean;
  /** Whether the province travelled from in the last 14 days is an epidemic area (the rule's list or the declarant's word). */
  travelFromEpidemicArea: boolean;
}

export function abnormalReasons(a: DeclarationAnswers): AbnormalReason[] {
  const out: AbnormalReason[] = [];
  if (a.symptoms.length > 0) out.push('symptom');
  if (a.contactF0) out.push('contact_f0');
  if (a.visitedOutbreak) out.push('visited_outbreak');
  if (a.travelFromEpidemicArea) out.push('travel_epidemic');
  return out;
}

export const isAbnormal = (a: DeclarationAnswers) => abnormalReasons(a).length > 0;

/** The call-list status after a call; only an abnormal declaration is on the list. */
export function statusAfterCall(outcome: CallOutcome): CallStatus {
  return outcome === 'referred' ? 'referred' : outcome;
}

export const isStillToCall = (status: CallStatus) => TO_CALL.includes(status);
