import { api } from '../../shared/api/client.ts';
import { apiErrorFromResponse } from './lab-import.ts';

export interface UploadHandlers {
  /** Share of the file sent, 0..1. */
  onProgress: (fraction: number) => void;
  /** The whole file is sent: the server is working on it. */
  onSent: () => void;
}

/**
 * POSTs a file as the raw body with XMLHttpRequest, whose upload events give the progress that
 * fetch does not. Resolves with the JSON answer; rejects with an ApiError as the shared client does.
 */
export function uploadWithProgress<T>(path: string, file: Blob, contentType: string, handlers: UploadHandlers): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', contentType);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) handlers.onProgress(e.loaded / e.total);
    };
    xhr.upload.onload = () => handlers.onSent();
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(apiErrorFromResponse(xhr.status, ''));
        }
        return;
      }
      // A lost session: one request through the shared client lets the app go back to the login page.
      if (xhr.status === 401) void api.get('/api/auth/me').catch(() => undefined);
      reject(apiErrorFromResponse(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(apiErrorFromResponse(0, ''));
    xhr.send(file);
  });
}
