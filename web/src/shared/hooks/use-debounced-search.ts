import { useEffect, useState } from 'react';
import { apiRequest } from '../api/client.ts';

/** How long typing must pause before a search is sent. */
export const SEARCH_DELAY_MS = 300;

/** Where to search: one list endpoint, several (their rows are merged in order), or null for nothing. */
export type SearchPaths = string | readonly string[] | null;

/**
 * Rows of a list search (`{ items }` answers), fetched `delayMs` after `paths` last changed
 * (null: nothing to look for, no rows); a newer search aborts the older request.
 */
export function useDebouncedSearch<T>(paths: SearchPaths, delayMs: number = SEARCH_DELAY_MS): { items: T[]; loading: boolean } {
  const [items, setItems] = useState<T[]>([]);
  const [loading, setLoading] = useState(false);
  // One string, so that a new array of the same paths is not a new search.
  const key = paths === null ? null : JSON.stringify(typeof paths === 'string' ? [paths] : paths);

  useEffect(() => {
    if (key === null) {
      setItems([]);
      setLoading(false);
      return;
    }
    const list = JSON.parse(key) as string[];
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      Promise.all(list.map((path) => apiRequest<{ items: T[] }>(path, { signal: controller.signal })))
        .then((answers) => {
          setItems(answers.flatMap((a) => a.items));
          setLoading(false);
        })
        .catch(() => {
          // Aborted by the next keystroke, or failed: the form's submit reports real errors.
          if (!controller.signal.aborted) {
            setItems([]);
            setLoading(false);
          }
        });
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, delayMs]);

  return { items, loading };
}
