import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, apiRequest } from '../api/client.ts';

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * GETs `path` (null: nothing to fetch yet) and refetches when it changes. The previous
 * data stays while the next page loads, so tables don't flash empty.
 */
export function useApi<T>(path: string | null): ApiState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(path !== null);
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    if (path === null) {
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    apiRequest<T>(path, { signal: controller.signal })
      .then((d) => {
        setData(d);
        setLoading(false);
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setError(e instanceof ApiError ? e : new ApiError(0, { code: 'UNKNOWN', message: { vi: String(e), en: String(e) } }));
        setLoading(false);
      });
    return () => controller.abort();
  }, [path, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, error, loading, reload };
}

/**
 * The record of a detail page whose id is the route's `:id`: `valid` is false for an id that is not
 * a positive integer (the page shows 404), and `record` is set only once the data loaded is of this
 * id, so going from one record to another never shows the previous one.
 */
export function useRouteRecord<T extends { id: number }>(pathOf: (id: number) => string) {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const detail = useApi<T>(valid ? pathOf(id) : null);
  const record = detail.data && detail.data.id === id ? detail.data : undefined;
  return { id, valid, detail, record };
}
