import { en } from '../i18n/en.ts';
import type { Language } from '../i18n/index.ts';
import { vi } from '../i18n/vi.ts';

export interface LocalisedMessage {
  vi: string;
  en: string;
}

export interface ApiErrorBody {
  code: string;
  message: LocalisedMessage;
  field?: string;
  details?: unknown;
}

/** An error answered by the API (or a network failure, status 0), with its message in both languages. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly localised: LocalisedMessage;
  readonly field: string | undefined;
  readonly details: unknown;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message.en);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.localised = body.message;
    this.field = body.field;
    this.details = body.details;
  }

  text(lang: Language): string {
    return this.localised[lang] || this.localised.vi;
  }
}

/** Text for any thrown value, in the UI language. */
export function errorText(error: unknown, lang: Language): string {
  if (error instanceof ApiError) return error.text(lang);
  return lang === 'vi' ? vi.app.unexpectedError : en.app.unexpectedError;
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called whenever the API says the session is gone (401), so the app can go back to the login page. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export type QueryValue = string | number | boolean | null | undefined;

/** path?query, leaving out empty values. */
export function withQuery(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is (e.g. an .xlsx file), with `contentType`. */
  body?: Blob | ArrayBuffer;
  contentType?: string;
  signal?: AbortSignal;
  /** Extra request headers (e.g. the public status page's device token). */
  headers?: Record<string, string>;
}

export async function apiRequest<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { ...opts.headers, accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.body !== undefined) {
    headers['content-type'] = opts.contentType ?? 'application/octet-stream';
    body = opts.body;
  }
  let res: Response;
  try {
    res = await fetch(path, { method: opts.method ?? 'GET', headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw networkError();
  }
  if (res.status === 204) return undefined as T;
  if (!res.ok) throw await toApiError(res, path);
  return (await res.json()) as T;
}

/** Fetches a file (e.g. an .xlsx export) and hands it to the browser as a download. */
export async function apiDownload(path: string, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin' });
  } catch {
    throw networkError();
  }
  if (!res.ok) throw await toApiError(res, path);
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name ? decodeURIComponent(name) : fallbackName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function networkError(): ApiError {
  return new ApiError(0, { code: 'NETWORK', message: { vi: vi.app.networkError, en: en.app.networkError } });
}

async function toApiError(res: Response, path: string): Promise<ApiError> {
  const payload: unknown = await res.json().catch(() => undefined);
  const error = isErrorBody(payload)
    ? new ApiError(res.status, payload.error)
    : new ApiError(res.status, {
        code: `HTTP_${res.status}`,
        message: { vi: `${vi.app.unexpectedError} (HTTP ${res.status})`, en: `${en.app.unexpectedError} (HTTP ${res.status})` },
      });
  // A failed login is a 401 too, but it is the login form's business, not a lost session.
  if (res.status === 401 && !path.startsWith('/api/auth/login')) unauthorizedListeners.forEach((l) => l());
  return error;
}

function isErrorBody(v: unknown): v is { error: ApiErrorBody } {
  if (typeof v !== 'object' || v === null || !('error' in v)) return false;
  const e = (v as { error: unknown }).error;
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e && typeof (e as { message: unknown }).message === 'object';
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => apiRequest<T>(path, { signal }),
  post: <T>(path: string, json?: unknown) => apiRequest<T>(path, { method: 'POST', json }),
  patch: <T>(path: string, json: unknown) => apiRequest<T>(path, { method: 'PATCH', json }),
};
