/**
 * The words of the public progress page, Swedish first. The English words are typed by the Swedish
 * ones, so a word missing in English is a compile error, not a blank on the
 * page. The web shell puts every capability's words together as one `t`
 * (src/web/i18n.ts), so templates and controllers read them as `t.public.*`.
 */
const sv = {
  public: {
    title: 'Så följer staden upp rekommendationerna',
    intro:
      'Arbetsmarknadsnämnden har fått rekommendationer från en extern granskning. Här ser du vad nämnden har beslutat, hur långt arbetet har kommit och de lägesbeskrivningar som nämndens sekreterare har publicerat.',
    done: 'Det här har staden gjort',
    noActions: 'Ingen åtgärd är beskriven här ännu.',
    decision: 'Nämndens beslut',
    reason: 'Motivering',
    meeting: 'Sammanträde',
    summary: 'Läget',
    /** `more`: some actions are described above, these besides them. */
    unpublished: (n: number, more: boolean) =>
      n === 1
        ? `1 åtgärd${more ? ' till' : ''} är inte beskriven här ännu. Den beskrivs när nämndens sekreterare har publicerat en sammanfattning av den.`
        : `${n} åtgärder${more ? ' till' : ''} är inte beskrivna här ännu. De beskrivs när nämndens sekreterare har publicerat en sammanfattning av dem.`,
    signIn: 'Logga in för medarbetare',
    redacted: '[e-postadress borttagen]',
    updated: (date: string) => `Uppgifterna gäller ${date}.`,
  },
  /** The secretary's side of it, on the recommendation page: what is published beside what staff wrote. */
  publication: {
    heading: 'På den öppna sidan',
    published: 'Publicerat för allmänheten',
    nothing: 'Ingen sammanfattning är publicerad. Den öppna sidan visar bara kod, titel, status, framsteg och nämndens beslut.',
    nothingAction: 'Ingen sammanfattning är publicerad. Den öppna sidan räknar åtgärden men beskriver den inte.',
    by: (who: string, when: string) => `Publicerad ${when} av ${who}.`,
    publish: 'Publicera en sammanfattning',
    change: 'Ändra sammanfattningen',
    text: 'Sammanfattning för allmänheten',
    textEn: 'Sammanfattning på engelska',
    hint: 'Syns för alla på den öppna sidan. Skriv inga namn eller kontaktuppgifter till medarbetare.',
    hintEn: 'Visas på den engelska sidan. Tom: den svenska visas.',
    submit: 'Publicera',
    withdraw: 'Ta bort från den öppna sidan',
  },
  publicationNotices: {
    summaryPublished: 'Sammanfattningen är publicerad på den öppna sidan.',
    summaryWithdrawn: 'Sammanfattningen är borttagen från den öppna sidan.',
  },
  publicationTimeline: {
    published: 'Publicerade en sammanfattning av rekommendationen på den öppna sidan.',
    actionPublished: (title: string) => `Publicerade en sammanfattning av åtgärden ”${title}” på den öppna sidan.`,
    withdrawn: 'Tog bort rekommendationens sammanfattning från den öppna sidan.',
    actionWithdrawn: (title: string) => `Tog bort sammanfattningen av åtgärden ”${title}” från den öppna sidan.`,
  },
};

const en: typeof sv = {
  public: {
    title: 'How the city follows up the recommendations',
    intro:
      "The labour market committee has received recommendations from an external review. Here you can see what the committee decided, how far the work has come and the progress summaries the committee's secretary has published.",
    done: 'What the city has done',
    noActions: 'No action is described here yet.',
    decision: "The committee's decision",
    reason: 'Reason',
    meeting: 'Meeting',
    summary: 'Progress',
    unpublished: (n: number, more: boolean) =>
      n === 1
        ? `1 ${more ? 'more ' : ''}action is not described here yet. It will be once the committee's secretary has published a summary of it.`
        : `${n} ${more ? 'more ' : ''}actions are not described here yet. They will be once the committee's secretary has published a summary of them.`,
    signIn: 'Staff sign-in',
    redacted: '[email address removed]',
    updated: (date: string) => `Figures as of ${date}.`,
  },
  publication: {
    heading: 'On the public page',
    published: 'Published for the public',
    nothing: "No summary is published. The public page shows only the code, title, status, progress and the committee's decision.",
    nothingAction: 'No summary is published. The public page counts the action but does not describe it.',
    by: (who: string, when: string) => `Published ${when} by ${who}.`,
    publish: 'Publish a summary',
    change: 'Change the summary',
    text: 'Summary for the public',
    textEn: 'Summary in English',
    hint: 'Shown to everyone on the public page. Do not write names or contact details of staff.',
    hintEn: 'Shown on the English page. Blank: the Swedish one is shown.',
    submit: 'Publish',
    withdraw: 'Remove from the public page',
  },
  publicationNotices: {
    summaryPublished: 'The summary is published on the public page.',
    summaryWithdrawn: 'The summary has been removed from the public page.',
  },
  publicationTimeline: {
    published: 'Published a summary of the recommendation on the public page.',
    actionPublished: (title: string) => `Published a summary of the action “${title}” on the public page.`,
    withdrawn: "Removed the recommendation's summary from the public page.",
    actionWithdrawn: (title: string) => `Removed the summary of the action “${title}” from the public page.`,
  },
};

export const PUBLIC_WORDS = { sv, en };
