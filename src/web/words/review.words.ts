/**
 * The words of the review pages, Swedish first. The English words are typed by the Swedish
 * ones, so a word missing in English is a compile error, not a blank on the
 * page. The web shell puts every capability's words together as one `t`
 * (src/web/i18n.ts), so templates and controllers read them as `t.reviews.*`.
 */
const sv = {
  reviews: {
    title: 'Granskningar',
    archivePackage: 'Hämta arkivpaket (zip)',
    archivePackageHint: 'Granskningens händelser, rapporter och signerade förankringar, ordnade för e-arkivet och kontrollerbara med npm run verify.',
    reviewer: 'Granskare',
    reviewedOn: 'Granskad',
    committee: 'Nämnd',
    diaryNumber: 'Diarienummer',
    recommendationCount: 'Rekommendationer',
    register: 'Registrera en granskning',
    reviewTitle: 'Rubrik',
    decisions: 'Nämndens beslut om granskningen',
    noDecisions: 'Inga beslut registrerade.',
    proposed: 'Förslag till beslut',
    recordDecision: 'Registrera ett beslut om granskningen',
    decisionText: 'Beslut',
    recommendations: 'Rekommendationer i granskningen',
    registerRecommendation: 'Registrera en rekommendation',
    code: 'Kod (t.ex. R6)',
    recTitle: 'Rubrik',
    text: 'Lydelse',
    textEn: 'Lydelse på engelska',
    unit: 'Ansvarig enhet (kod, t.ex. sfi)',
    none: 'Inga granskningar ännu.',
    caption: 'Registrerade granskningar',
  },

  notices: {
    reviewRegistered: 'Granskningen är registrerad.',
    reviewDecisionRecorded: 'Beslutet om granskningen är registrerat.',
  },
};

const en: typeof sv = {
  reviews: {
    title: 'Reviews',
    archivePackage: 'Download archive package (zip)',
    archivePackageHint: "The review's events, reports and signed anchors, laid out for the e-archive and checkable with npm run verify.",
    reviewer: 'Reviewer',
    reviewedOn: 'Reviewed',
    committee: 'Committee',
    diaryNumber: 'Diary number',
    recommendationCount: 'Recommendations',
    register: 'Register a review',
    reviewTitle: 'Title',
    decisions: "The committee's decisions on the review",
    noDecisions: 'No decisions recorded.',
    proposed: 'Proposed decision',
    recordDecision: 'Record a decision on the review',
    decisionText: 'Decision',
    recommendations: 'Recommendations of the review',
    registerRecommendation: 'Register a recommendation',
    code: 'Code (e.g. R6)',
    recTitle: 'Title',
    text: 'Text',
    textEn: 'Text in English',
    unit: 'Responsible unit (code, e.g. sfi)',
    none: 'No reviews yet.',
    caption: 'Registered reviews',
  },

  notices: {
    reviewRegistered: 'The review has been registered.',
    reviewDecisionRecorded: 'The decision on the review has been recorded.',
  },
};

export const REVIEW_WORDS = { sv, en };
