import { useState } from 'react';

/**
 * A number that changes each time `subject` becomes a new non-null value: key a dialog's
 * form with it so each opening starts fresh, even when reopened during the close animation.
 */
export function useOpenCount(subject: unknown): number {
  const [count, setCount] = useState(0);
  const [last, setLast] = useState(subject);
  if (subject !== last) {
    // Adjusting state while rendering: React re-renders at once, before children see stale state.
    setLast(subject);
    if (subject !== null && subject !== undefined && subject !== false) setCount((c) => c + 1);
  }
  return count;
}
