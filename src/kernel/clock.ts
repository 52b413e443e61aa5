import { stockholmDate } from './calendar';

/**
 * The one source of time. With APP_NOW the clock starts at that instant and
 * runs on from there, so a demo or a test can live inside 2012; tests may also
 * set or advance it instead of sleeping.
 */
export class Clock {
  private offsetMs: number;

  constructor(startAt?: string | Date | null) {
    this.offsetMs = startAt ? new Date(startAt).getTime() - Date.now() : 0;
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  nowIso(): string {
    return this.now().toISOString();
  }

  /** Today's date in Stockholm (YYYY-MM-DD), the day overdue is judged against everywhere. */
  today(): string {
    return stockholmDate(this.nowIso());
  }

  set(instant: string | Date): void {
    this.offsetMs = new Date(instant).getTime() - Date.now();
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
