/**
 * The daily situation report (báo cáo tình hình dịch) of the province: kept per day with its
 * texts (number, difficulties, proposals), generated on demand or by the scheduler as a Word file
 * and a workbook from the figures of that day, which are kept with the files so a past report
 * downloads as it was. Regenerating replaces figures and files and keeps the texts. The report is
 * province-wide: a district user with `report:read` reads the province's report. Figures are
 * aggregates (no personal data), so reading them is not audited; every write is.
 */
import type { Db } from '../../db/database.ts';
import { vnDate } from '../../lib/time.ts';
import { Errors, ValidationError } from '../../server/errors.ts';
import { type AnonymousActor, recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertPermission } from '../auth/policy.ts';
import { latestConfirmationDate } from '../cases/cases.service.ts';
import { reportDocx } from './reports.docx.ts';
import { reportDateIssue } from './reports.domain.ts';
import { type ReportFigures, reportFigures } from './reports.figures.ts';
import * as repo from './reports.repository.ts';
import { reportXlsx } from './reports.xlsx.ts';

export const MAX_TEXT = 20_000;
export const MAX_NUMBER = 50;

function checkDate(date: string, today: string): void {
  const issue = reportDateIssue(date, today);
  if (issue) throw new ValidationError([issue]);
}

const notFound = (date: string) => Errors.notFound({ vi: `báo cáo ngày ${date} (chưa được tạo)`, en: `report of ${date} (not generated yet)` });

function generator(r: { generated_at: Date | null; generated_by: number | null; username: string | null; full_name: string | null }) {
  if (!r.generated_at) return null;
  return r.generated_by === null ? { scheduler: true, username: null, fullName: null } : { scheduler: false, username: r.username, fullName: r.full_name };
}

/** Kept reports, newest first, with the day a new report should default to (the latest report's, else the latest case's, else today). */
export async function listReports(db: Db, actor: Actor, q: { page: number; pageSize: number }, today = vnDate()) {
  assertPermission(actor, 'report:read');
  const [{ items, total }, latestCase] = await Promise.all([repo.listReports(db, actor.provinceCode, q.page, q.pageSize), latestConfirmationDate(db, actor.provinceCode)]);
  return {
    items: items.map((r) => ({
      date: r.report_date, number: r.number, generatedAt: r.generated_at?.toISOString() ?? null, generatedBy: generator(r), hasFiles: r.has_files,
    })),
    total, page: q.page, pageSize: q.pageSize,
    latestCaseDate: latestCase,
    today,
  };
}

/**
 * One day's report: its texts and, when generated, the figures kept with its files; otherwise
 * the figures computed now (a preview of what generating would print).
 */
export async function getReport(db: Db, actor: Actor, date: string, today = vnDate()) {
  assertPermission(actor, 'report:read');
  checkDate(date, today);
  const r = await repo.findReport(db, actor.provinceCode, date);
  const kept = r?.generated_at ? (r.figures as ReportFigures) : null;
  return {
    date,
    number: r?.number ?? null,
    difficulties: r?.difficulties ?? '',
    proposals: r?.proposals ?? '',
    generatedAt: r?.generated_at?.toISOString() ?? null,
    generatedBy: r ? generator(r) : null,
    hasFiles: r?.has_files ?? false,
    figuresKept: kept !== null,
    figures: kept ?? (await reportFigures(db, actor.provinceCode, date)),
  };
}
export type ReportView = Awaited<ReturnType<typeof getReport>>;

export interface NotesInput { number?: string | null | undefined; difficulties: string; proposals: string }

/** Saves the day's number and free texts (kept when the report is regenerated); the files change only when it is. */
export async function saveNotes(db: Db, actor: Actor, date: string, input: NotesInput, today = vnDate()): Promise<ReportView> {
  assertPermission(actor, 'report:write');
  checkDate(date, today);
  const number = input.number === undefined ? undefined : input.number?.trim() || null;
  await db.transaction().execute(async (trx) => {
    const row = await repo.lockReport(trx, actor.provinceCode, date);
    const after = { number: number === undefined ? row.number : number, difficulties: input.difficulties.trim(), proposals: input.proposals.trim() };
    await repo.updateNotes(trx, row.id, after, actor.userId);
    await recordAudit(trx, actor, {
      action: 'update', recordKind: 'daily_report', recordId: date,
      detail: { before: { number: row.number, difficulties: row.difficulties, proposals: row.proposals }, after },
    });
  });
  return getReport(db, actor, date, today);
}

/** Who generates: a signed-in user, or the scheduler inside the server (recorded as generated_by null). */
export type Generator = { actor: Actor } | { scheduler: AnonymousActor };

/**
 * Computes the day's figures, prints both files with the kept texts and stores the three under
 * the day's row lock, audited. Returns the time it took (the bench reads it).
 */
export async function generateReport(db: Db, by: Generator, date: string, now = new Date()) {
  const who = 'actor' in by ? by.actor : by.scheduler;
  if ('actor' in by) assertPermission(by.actor, 'report:write');
  checkDate(date, vnDate(now));
  const started = performance.now();
  const figures = await reportFigures(db, who.provinceCode, date);
  await db.transaction().execute(async (trx) => {
    const row = await repo.lockReport(trx, who.provinceCode, date);
    const doc = { figures, number: row.number, difficulties: row.difficulties, proposals: row.proposals };
    const [docx, xlsx] = await Promise.all([reportDocx(doc), reportXlsx(doc)]);
    await repo.saveGenerated(trx, row.id, { figures, docx, xlsx, by: 'actor' in by ? by.actor.userId : null, at: now });
    await recordAudit(trx, who, {
      action: row.generated_at ? 'update' : 'create', recordKind: 'daily_report', recordId: date,
      detail: { generated: true, by: 'actor' in by ? 'user' : 'scheduler', regenerated: row.generated_at !== null, newCases: figures.situation.totals.newCases },
    });
  });
  return { ms: performance.now() - started };
}

/** Generates on a user's request and returns the report as kept. */
export async function generateForUser(db: Db, actor: Actor, date: string, now = new Date()): Promise<ReportView> {
  await generateReport(db, { actor }, date, now);
  return getReport(db, actor, date, vnDate(now));
}

/** The kept Word file or workbook of a day; 404 until the report has been generated. */
export async function reportFile(db: Db, actor: Actor, date: string, kind: 'docx' | 'xlsx', today = vnDate()): Promise<Buffer> {
  assertPermission(actor, 'report:read');
  checkDate(date, today);
  const r = await repo.reportFile(db, actor.provinceCode, date, kind);
  if (!r?.file) throw notFound(date);
  return Buffer.from(r.file);
}

/** When the scheduler last found the day's report generated (null: never). */
export function reportGeneratedAt(db: Db, provinceCode: string, date: string): Promise<Date | null> {
  return repo.generatedAt(db, provinceCode, date);
}
