/**
 * What other contexts hear when a case is written (tracing re-traces on a confirmation, and keeps
 * its index current). Listeners are registered per database by the app's build, so that
 * several apps in one process (tests) never hear each other's writes.
 */
import type { Db } from '../../db/database.ts';
import type { Actor } from '../auth/policy.ts';

export interface CaseWritten {
  kind: 'created' | 'updated';
  caseId: number;
  personId: number;
  provinceCode: string;
  actor: Actor;
}

export type CaseListener = (db: Db, event: CaseWritten) => Promise<void>;

const listeners = new WeakMap<Db, Set<CaseListener>>();

export function onCaseWritten(db: Db, listener: CaseListener): void {
  let set = listeners.get(db);
  if (!set) listeners.set(db, (set = new Set()));
  set.add(listener);
}

/** Called by the cases service after the write's transaction has committed. */
export async function caseWritten(db: Db, event: CaseWritten): Promise<void> {
  for (const l of listeners.get(db) ?? []) await l(db, event);
}
