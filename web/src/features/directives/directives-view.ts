/** Pure helpers of the directives pages: snippets, form bodies, attachment checks. */
import type { Me } from '../../shared/api/types.ts';
import {
  type ConcernKind, type Deadline, type DeadlineKind, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, type MeetingBody, type TaskSummary,
} from './directives-api.ts';

/** A piece of a search snippet: marked (a match) or not. */
export interface SnippetPart {
  text: string;
  mark: boolean;
}

const MARK = /<mark>([\s\S]*?)<\/mark>/g;
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos|nbsp));/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The text of HTML-escaped text (&#60; &lt; &amp; …); anything else is left as it is. */
export function unescapeHtml(text: string): string {
  return text.replace(ENTITY, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name.toLowerCase()] ?? whole;
    const code = dec ? Number(dec) : Number.parseInt(hex ?? '', 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * The server's search snippet (its text HTML-escaped, its matches in <mark>…</mark>) split at the
 * mark pairs, the escapes undone. The parts are rendered as React text, never as HTML: a "<b>" or
 * "<script>" typed into a report shows as typed.
 */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let last = 0;
  for (const m of snippet.matchAll(MARK)) {
    if (m.index > last) parts.push({ text: unescapeHtml(snippet.slice(last, m.index)), mark: false });
    if (m[1]) parts.push({ text: unescapeHtml(m[1]), mark: true });
    last = m.index + m[0].length;
  }
  if (last < snippet.length) parts.push({ text: unescapeHtml(snippet.slice(last)), mark: false });
  return parts;
}

/** What the "add task" form holds of the deadline. */
export interface DeadlineValues {
  deadlineKind: DeadlineKind;
  dueOn?: string;
  from?: string;
  until?: string;
  weekday?: number;
}

/** The API's deadline from the form's fields; undefined while a needed field is blank. */
export function deadlineBody(v: DeadlineValues): Deadline | undefined {
  switch (v.deadlineKind) {
    case 'date':
      return v.dueOn ? { kind: 'date', dueOn: v.dueOn } : undefined;
    case 'daily':
      return v.from ? { kind: 'daily', from: v.from, until: v.until ?? null } : undefined;
    case 'weekly':
      return v.from && v.weekday ? { kind: 'weekly', weekday: v.weekday, from: v.from, until: v.until ?? null } : undefined;
  }
}

/** The form field that shows a server issue about a task body (e.g. 'deadline.dueOn' → 'dueOn'). */
export function taskFieldOf(field: string, deadlineKind: DeadlineKind): string | undefined {
  const direct = ['title', 'body', 'leadAgencyId', 'supportAgencyIds', 'priority'];
  if (direct.includes(field)) return field;
  if (field.startsWith('supportAgencyIds')) return 'supportAgencyIds';
  if (field.startsWith('deadline')) {
    const sub = field.split('.')[1];
    if (sub === 'dueOn' || sub === 'from' || sub === 'until' || sub === 'weekday') return sub;
    return deadlineKind === 'date' ? 'dueOn' : 'from';
  }
  if (field.startsWith('concerns')) return 'concernRef';
  // itemId, meetingId: no field of the form holds them; shown above it.
  return undefined;
}

/** A new meeting's body: texts trimmed, blank attendees and conclusions left out. */
export function meetingBody(v: { heldOn: string; title: string; chair: string; attendees?: string[]; noticeNo?: string; items?: Array<string | undefined> }): MeetingBody {
  const body: MeetingBody = {
    heldOn: v.heldOn,
    title: v.title.trim(),
    chair: v.chair.trim(),
    attendees: (v.attendees ?? []).map((a) => a.trim()).filter(Boolean),
    items: (v.items ?? []).map((i) => (i ?? '').trim()).filter(Boolean),
  };
  const noticeNo = v.noticeNo?.trim();
  if (noticeNo) body.noticeNo = noticeNo;
  return body;
}

/** Why a report's files cannot be sent (too many, or one too big); null when they can. */
export type AttachmentProblem = { kind: 'tooMany'; max: number } | { kind: 'tooBig'; name: string; maxMb: number } | { kind: 'empty'; name: string };

export function attachmentProblem(files: ReadonlyArray<{ name: string; size: number }>): AttachmentProblem | null {
  if (files.length > MAX_ATTACHMENTS) return { kind: 'tooMany', max: MAX_ATTACHMENTS };
  const big = files.find((f) => f.size > MAX_ATTACHMENT_BYTES);
  if (big) return { kind: 'tooBig', name: big.name, maxMb: MAX_ATTACHMENT_BYTES / 1024 / 1024 };
  const empty = files.find((f) => f.size === 0);
  if (empty) return { kind: 'empty', name: empty.name };
  return null;
}

/** Bytes as base64 (chunked: a 5 MB file would overflow the argument list of one fromCharCode). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** A file picked in the browser, read as base64 for the JSON body. */
export async function fileToAttachment(file: Blob & { name: string }): Promise<{ filename: string; contentBase64: string }> {
  return { filename: file.name, contentBase64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) };
}

/** An agency officer of the task's lead agency: the one who reports on it. */
export function leadsTask(me: Pick<Me, 'scope'>, task: Pick<TaskSummary, 'leadAgency'>): boolean {
  return me.scope.kind === 'org' && me.scope.code === String(task.leadAgency.id);
}

/** The ref of a "concerns" link as the API takes it, from the form's fields. */
export function concernsBody(kind: ConcernKind | undefined, ref: string | number | undefined): { kind: ConcernKind; ref: string } | undefined {
  if (!kind || ref === undefined || ref === '') return undefined;
  return { kind, ref: String(ref).trim() };
}

/** "12 KB", "1,2 MB": a file's size for a list. */
export function fileSizeText(bytes: number, lang: 'vi' | 'en'): string {
  const fmt = (n: number) => new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 1 }).format(n);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${fmt(bytes / 1024)} KB`;
  return `${fmt(bytes / 1024 / 1024)} MB`;
}
