import { useEffect } from 'react';

/** The situation room's figures refresh this often: with the server's 10 s cache, a change shows within 30 s (issue 8). */
export const LIVE_REFRESH_MS = 20_000;

/**
 * Calls `refresh` every `everyMs` while the page is visible, and at once when it becomes visible
 * again (a laptop woken, a tab brought back), so an open dashboard follows the data without a
 * reload and a hidden one costs the server nothing.
 */
export function usePolling(refresh: () => void, everyMs = LIVE_REFRESH_MS, enabled = true) {
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setInterval> | undefined;
    const start = () => {
      timer ??= setInterval(refresh, everyMs);
    };
    const stop = () => {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') {
        refresh();
        start();
      } else stop();
    };
    if (document.visibilityState === 'visible') start();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [refresh, everyMs, enabled]);
}
