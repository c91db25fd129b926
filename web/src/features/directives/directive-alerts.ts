/** The menu badge's figures: kept apart from the pages so the app shell loads only this. */
import type { ApiState } from '../../shared/hooks/use-api.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { usePolling } from '../../shared/hooks/use-polling.ts';
import { type DirectiveAlerts, directivesPaths } from './directives-api.ts';

/** Overdue tasks and unread notifications reach the menu within this. */
export const ALERTS_REFRESH_MS = 30_000;

/** The caller's alerts (command centre: the province; agency officer: its agency), polled while the page is visible. */
export function useDirectiveAlerts(enabled: boolean): ApiState<DirectiveAlerts> {
  const alerts = useApi<DirectiveAlerts>(enabled ? directivesPaths.alerts : null);
  usePolling(alerts.reload, ALERTS_REFRESH_MS, enabled);
  return alerts;
}

/** The number on the menu entry: what needs someone's attention now. */
export function badgeCount(alerts: DirectiveAlerts | undefined): number {
  return alerts ? alerts.overdue + alerts.unread : 0;
}
