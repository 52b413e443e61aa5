/** How long a job waits in the queue: until its send time by the application clock, never negative. */
export function relayDelay(runAt: string, now: Date): number {
  return Math.max(0, Date.parse(runAt) - now.getTime());
}

/**
 * Whether the application clock moved against real time since the last look
 * (a test or demo setting it, or a restart with another APP_NOW): queued
 * delays were computed from the old offset, so due jobs need promoting.
 */
export function clockMoved(previousOffsetMs: number | null, offsetMs: number, toleranceMs = 1000): boolean {
  return previousOffsetMs === null || Math.abs(offsetMs - previousOffsetMs) > toleranceMs;
}
