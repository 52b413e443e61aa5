import type { Actor } from '../../kernel/actor';
import { conflict, forbidden } from '../../kernel/domain-error';
import type { ReportLanguage } from './report-format';

/** Which report was made, of what, as of when, and its fingerprint; who made it and when are in the event's metadata. */
export interface GeneratedReport {
  id: string;
  cycleId: string;
  milestoneKey: string;
  reviewId: string | null;
  asOf: string;
  language: ReportLanguage;
  format: string;
  position: number;
  sha256: string;
  fileName: string;
  contentType: string;
}

export type ReportEvent = { type: 'ReportGenerated'; data: GeneratedReport };
export type ReportCommand = { type: 'RecordGeneratedReport'; report: GeneratedReport };

/** A report's stream holds the one event that records it. */
export interface ReportState {
  id: string;
  version: number;
}

export const REPORT_STREAM_PREFIX = 'report-';
export const reportStreamId = (id: string) => `${REPORT_STREAM_PREFIX}${id}`;

/** Reports are made by secretaries and admins. */
export function assertMayMakeReports(actor: Actor): void {
  if (actor.role !== 'secretary' && actor.role !== 'admin') {
    throw forbidden(`The role ${actor.role} may not make reports`);
  }
}

export function evolveReport(state: ReportState | null, event: ReportEvent): ReportState {
  switch (event.type) {
    case 'ReportGenerated':
      return { id: event.data.id, version: (state?.version ?? 0) + 1 };
    default: {
      const unknown: never = event.type;
      throw new Error(`Unknown report event ${unknown as string}`);
    }
  }
}

export function decideReport(command: ReportCommand, state: ReportState | null, actor: Actor): ReportEvent[] {
  assertMayMakeReports(actor);
  switch (command.type) {
    case 'RecordGeneratedReport':
      if (state) throw conflict(`Report ${command.report.id} is already recorded`);
      return [{ type: 'ReportGenerated', data: command.report }];
    default: {
      const unknown: never = command.type;
      throw new Error(`Unknown report command ${unknown as string}`);
    }
  }
}
