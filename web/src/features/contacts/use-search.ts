import { useEffect, useState } from 'react';
import { apiRequest } from '../../shared/api/client.ts';
import type { Paged } from '../../shared/api/types.ts';

const SEARCH_DELAY_MS = 300;

/**
 * Rows of a paged search, fetched SEARCH_DELAY_MS after `path` last changed (null: nothing to
 * look for); a newer path aborts the older request.
 */
export function useDebouncedSearch<T>(path: string | null): { items: T[]; loading: boolean } {
  const [items, setItems] = useState<T[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (path === null) {
      setItems([]);
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      apiRequest<Paged<T>>(path, { signal: controller.signal })
        .then((r) => {
          setItems(r.items);
          setLoading(false);
        })
        .catch(() => {
          // Aborted by the next keystroke, or failed: the form's submit reports real errors.
          if (!controller.signal.aborted) {
            setItems([]);
            setLoading(false);
          }
        });
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [path]);

  return { items, loading };
}
