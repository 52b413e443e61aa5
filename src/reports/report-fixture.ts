import type { CycleState } from '../cycles/domain/cycle';
import type { ReviewState } from '../reviews/domain/review';
import type { ReportLanguage } from './domain/report-format';
import type { ReportInput } from './domain/report-model';
import { VERKSAMHETSPLAN_2012 } from '../seed/stockholm-2012';
import { RecordedHistory } from './fixtures/recorded-history';

export interface SyntheticReportOptions {
  recommendations?: number;
  actionsPerRecommendation?: number;
  notesPerAction?: number;
  language?: ReportLanguage;
}

const REVIEW: ReviewState = {
  id: '00000000-0000-4000-8000-00000000b001',
  title: 'Syntetisk granskning för prestandamätning — åäö ÅÄÖ',
  reviewer: 'Revisionskontoret',
  reviewedOn: '2011-11-30',
  committee: 'Arbetsmarknadsnämnden',
  diaryNumber: '302-999/2012',
  decisions: [],
  version: 1,
  lastChangedAt: '2012-01-02T08:00:00.000Z',
};

const CYCLE: CycleState = {
  id: '00000000-0000-4000-8000-00000000c001',
  ...VERKSAMHETSPLAN_2012,
  version: 1,
  lastChangedAt: '2011-12-15T10:00:00.000Z',
};

const UNITS = ['sfi', 'utredning', 'arbetsmarknad', 'vuxenutbildning'];
const UNIT_NAMES: Record<string, string> = {
  sfi: 'sfi-avdelningen',
  utredning: 'Utvecklings- och utredningsstaben',
  arbetsmarknad: 'Arbetsmarknadsavdelningen',
  vuxenutbildning: 'Vuxenutbildningsavdelningen',
};
const NOTES = [
  'Arbetet går enligt plan; möte med stadsdelsförvaltningarna hölls under veckan och nästa steg är förankrat.',
  'Förseningar i upphandlingen av enkätverktyget, men åtgärden bedöms ändå bli klar före slutdatum.',
  'Sammanställning av svar från skolorna pågår; underlaget redovisas för ledningsgruppen i nästa månad.',
  'Workshop genomförd med lärare och studie- och yrkesvägledare; åtta förbättringsförslag är dokumenterade.',
];

const DAY = 86_400_000;
const at = (day: number, minute: number) => new Date(Date.UTC(2012, 0, 1) + day * DAY + minute * 60_000).toISOString();
const dateOf = (day: number) => at(day, 0).slice(0, 10);
const uuid = (kind: string, n: number) => `00000000-0000-4000-8${kind}-${String(n).padStart(12, '0')}`;

/**
 * A large, deterministic report input for the benchmark: by default 1,000
 * recommendations × 5 actions × 20 progress notes, reported at Tertialrapport 2
 * 2012 (so the changes since Tertialrapport 1 are a realistic part of the
 * log). Built from events folded by the domain, like the real application.
 */
export function syntheticReportInput(options: SyntheticReportOptions = {}): ReportInput {
  const recommendations = options.recommendations ?? 1000;
  const actionsPer = options.actionsPerRecommendation ?? 5;
  const notesPer = options.notesPerAction ?? 20;
  const history = new RecordedHistory(100);

  for (let r = 0; r < recommendations; r++) {
    const id = uuid('000', r + 1);
    const unit = UNITS[r % UNITS.length];
    const officer = `handlaggare.${unit}@demo.local`;
    history.record(id, at(9, r % 600), 'sekreterare@demo.local', {
      type: 'RecommendationRegistered',
      data: {
        recommendationId: id,
        reviewId: REVIEW.id,
        code: `R${r + 1}`,
        title: `Rekommendation ${r + 1}: förbättra uppföljningen av språkkurser i område ${(r % 14) + 1}`,
        text: 'Följ upp deltagarna i sfi- och samhällsorienteringskurserna för att se vilka effekterna är på längre sikt.',
        textEn: null,
        responsibleUnit: unit,
      },
    });
    history.record(id, at(51, r % 600), 'sekreterare@demo.local', {
      type: 'RecommendationDecided',
      data: {
        decision: 'accepted',
        reason: 'Ingår i verksamhetsplan 2012.',
        meeting: { body: 'Arbetsmarknadsnämnden', date: '2012-02-21', paragraph: `§ ${(r % 40) + 1}`, diaryNumber: REVIEW.diaryNumber ?? undefined },
      },
    });
    for (let a = 0; a < actionsPer; a++) {
      const actionId = uuid('001', r * actionsPer + a + 1);
      const due = 120 + ((r * 7 + a * 37) % 240);
      history.record(id, at(60 + a, r % 600), officer, {
        type: 'ActionAdded',
        data: {
          actionId,
          title: `Åtgärd ${a + 1} för R${r + 1}: kartläggning och dialog med skolor och stadsdelar`,
          description: null,
          responsibleUnit: unit,
          ownerEmail: officer,
          dueDate: dateOf(due),
        },
      });
      for (let n = 0; n < notesPer; n++) {
        history.record(id, at(70 + n * 8 + a, r % 600), officer, {
          type: 'ActionProgressReported',
          data: {
            actionId,
            progressPercent: Math.min(95, Math.round(((n + 1) * 90) / notesPer)),
            note: `${NOTES[(r + a + n) % NOTES.length]} (lägesrapport ${n + 1})`,
            evidence:
              n % 5 === 4
                ? [{ title: `Underlag ${n + 1} – protokoll`, url: `https://dokument.example.se/r${r + 1}/a${a + 1}/${n + 1}.pdf` }]
                : [],
          },
        });
      }
      const late = 70 + notesPer * 8 + a;
      if ((r + a) % 7 === 0) {
        history.record(id, at(late, r % 600), officer, {
          type: 'ActionRescheduled',
          data: { actionId, dueDate: dateOf(due + 60), previousDueDate: dateOf(due), reason: 'Beroende av upphandling som blivit försenad.' },
        });
      } else if ((r + a) % 5 === 0) {
        history.record(id, at(late, r % 600), officer, {
          type: 'ActionCompleted',
          data: { actionId, note: 'Åtgärden är genomförd och redovisad för ledningsgruppen.' },
        });
      } else if ((r + a) % 23 === 0) {
        history.record(id, at(late, r % 600), officer, {
          type: 'ActionCancelled',
          data: { actionId, reason: 'Ersätts av en bredare åtgärd i stadens integrationsprogram.' },
        });
      }
    }
  }

  return history.reportInput({
    language: options.language ?? 'sv',
    review: REVIEW,
    cycle: CYCLE,
    milestone: CYCLE.milestones[1],
    previousMilestone: CYCLE.milestones[0],
    asOf: '2012-08-31T23:59:59.999Z',
    changesSince: '2012-01-01',
    unitNames: UNIT_NAMES,
  });
}
