/** How long each Redis round trip of the reminder loops (relay, reconciler) is given before it counts as hung (kernel/within.ts). */
export const REDIS_TIMEOUT_MS = 5000;
