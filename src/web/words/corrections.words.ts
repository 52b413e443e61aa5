/**
 * The words of corrections (recommendation.corrections.ts): editing an
 * action, handing it to another owner, retracting a progress note, correcting
 * a committee decision or assessment, and what the history says of each.
 * Swedish first; the English is typed by it.
 */
const sv = {
  corrections: {
    editAction: 'Ändra åtgärden',
    editReason: 'Varför ändras den?',
    editHint: 'Både den gamla och den nya lydelsen finns kvar i händelserna.',
    assign: 'Byt ansvarig',
    newOwner: 'Ny ansvarig',
    noOwners: 'Enheten har inga andra aktiva användare att lämna över till.',
    retract: 'Ta tillbaka',
    retractLegend: (when: string) => `Ta tillbaka rapporten från ${when}`,
    retractReason: 'Varför tas rapporten tillbaka?',
    retracted: (who: string, when: string) => `Tillbakatagen av ${who} ${when}; räknas inte.`,
    retractedBadge: 'Tillbakatagen',
    correctDecision: 'Rätta beslut',
    correctAssessment: 'Rätta bedömning',
    correctHint: 'Använd rättelsen när beslutet registrerades av misstag. Det rättade står kvar i händelserna, markerat som rättat, och statusen blir vad den var före det.',
    correctReason: 'Varför rättas det?',
    pastDueDate: 'Datumet har redan passerat.',
    pastDueDateConfirm: 'Kryssa i rutan om datumet ska sparas ändå.',
    confirmPastDate: 'Datumet har redan passerat – spara ändå',
    timeline: {
      titleChanged: (from: string, to: string) => `Ändrade titeln på åtgärden från ”${from}” till ”${to}”.`,
      descriptionChanged: (title: string, from: string | null, to: string | null) =>
        to === null ? `Tog bort beskrivningen av ”${title}” (var: ”${from ?? ''}”).` : from === null ? `Lade till beskrivningen ”${to}” till ”${title}”.` : `Ändrade beskrivningen av ”${title}” från ”${from}” till ”${to}”.`,
      retracted: (title: string, percent: number) => `Tog tillbaka en rapport på ”${title}”; framsteget räknas nu som ${percent} %.`,
      correctedDecision: (outcome: string, status: string) => `Rättade nämndens beslut ”${outcome}”, som registrerats av misstag; status är åter ${status}.`,
      correctedAssessment: (outcome: string, status: string) => `Rättade bedömningen ”${outcome}”, som registrerats av misstag; status är åter ${status}.`,
      markedCorrected: 'Rättad senare: räknas inte.',
      markedRetracted: 'Tillbakatagen senare: räknas inte.',
    },
  },
  correctionNotices: {
    actionEdited: 'Åtgärden är ändrad.',
    actionAssigned: 'Åtgärden har ny ansvarig.',
    progressRetracted: 'Rapporten är tillbakatagen och räknas inte längre.',
    corrected: 'Rättelsen är registrerad.',
  },
};

const en: typeof sv = {
  corrections: {
    editAction: 'Edit the action',
    editReason: 'Why is it changed?',
    editHint: 'Both the old and the new wording stay in the timeline.',
    assign: 'Change owner',
    newOwner: 'New owner',
    noOwners: 'The unit has no other active users to hand over to.',
    retract: 'Retract',
    retractLegend: (when: string) => `Retract the report of ${when}`,
    retractReason: 'Why is the report retracted?',
    retracted: (who: string, when: string) => `Retracted by ${who} on ${when}; does not count.`,
    retractedBadge: 'Retracted',
    correctDecision: 'Correct the decision',
    correctAssessment: 'Correct the assessment',
    correctHint: 'Use a correction when it was recorded by mistake. The corrected entry stays in the timeline, marked as corrected, and the status returns to what it was before it.',
    correctReason: 'Why is it corrected?',
    pastDueDate: 'The date has already passed.',
    pastDueDateConfirm: 'Tick the box to save the date anyway.',
    confirmPastDate: 'The date has already passed – save anyway',
    timeline: {
      titleChanged: (from: string, to: string) => `Changed the action's title from “${from}” to “${to}”.`,
      descriptionChanged: (title: string, from: string | null, to: string | null) =>
        to === null ? `Removed the description of “${title}” (was: “${from ?? ''}”).` : from === null ? `Added the description “${to}” to “${title}”.` : `Changed the description of “${title}” from “${from}” to “${to}”.`,
      retracted: (title: string, percent: number) => `Retracted a report on “${title}”; progress now counts as ${percent}%.`,
      correctedDecision: (outcome: string, status: string) => `Corrected the committee's decision “${outcome}”, recorded by mistake; the status is ${status} again.`,
      correctedAssessment: (outcome: string, status: string) => `Corrected the assessment “${outcome}”, recorded by mistake; the status is ${status} again.`,
      markedCorrected: 'Corrected later: does not count.',
      markedRetracted: 'Retracted later: does not count.',
    },
  },
  correctionNotices: {
    actionEdited: 'The action has been changed.',
    actionAssigned: 'The action has a new owner.',
    progressRetracted: 'The report is retracted and no longer counts.',
    corrected: 'The correction has been recorded.',
  },
};

export const CORRECTION_WORDS = { sv, en };
