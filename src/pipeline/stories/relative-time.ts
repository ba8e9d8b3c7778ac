// "an hour ago", "4 hours ago", "yesterday": how long ago something was published, as a reader
// expects to see it next to an outlet name. Computed when shown, never stored.

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function count(n: number, unit: string, article: string): string {
  return n === 1 ? `${article} ${unit} ago` : `${n} ${unit}s ago`;
}

/** Relative time of `then` seen at `now`; null when `then` is missing or not a date. */
export function relativeTime(then: string | number | Date | null | undefined, now: number | Date = Date.now()): string | null {
  if (then === null || then === undefined) return null;
  const t = then instanceof Date ? then.getTime() : typeof then === 'number' ? then : Date.parse(then);
  if (!Number.isFinite(t)) return null;
  const ms = (now instanceof Date ? now.getTime() : now) - t;
  // Clock skew between outlets puts some items a little in the future: still "just now".
  if (ms < MIN) return 'just now';
  if (ms < HOUR) return count(Math.floor(ms / MIN), 'minute', 'a');
  if (ms < DAY) return count(Math.floor(ms / HOUR), 'hour', 'an');
  if (ms < 2 * DAY) return 'yesterday';
  if (ms < 7 * DAY) return `${Math.floor(ms / DAY)} days ago`;
  if (ms < 30 * DAY) return count(Math.floor(ms / (7 * DAY)), 'week', 'a');
  if (ms < 365 * DAY) return count(Math.max(1, Math.floor(ms / (30 * DAY))), 'month', 'a');
  return count(Math.floor(ms / (365 * DAY)), 'year', 'a');
}
