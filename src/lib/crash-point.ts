/**
 * Named points where the process can be made to die on purpose, for the crash-safety test: with
 * `EPI_CRASH_AT=<name>` in its environment the server SIGKILLs itself on reaching that point —
 * mid-transaction, exactly where a power cut or an OOM kill would hurt most. Unset (always, outside
 * that test) it does nothing. A timer-based kill from outside cannot tell a commit that has
 * already finished from one still writing; this can.
 */
export function crashPoint(name: string): void {
  if (process.env.EPI_CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
}
