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
      'Arbetsmarknadsnämnden har fått rekommendationer från en extern granskning. Här ser du vad staden har beslutat och hur arbetet går. Sidan uppdateras varje gång en åtgärd rapporteras.',
    done: 'Det här har staden gjort',
    noActions: 'Inga åtgärder är registrerade ännu.',
    signIn: 'Logga in för medarbetare',
    redacted: '[e-postadress borttagen]',
    updated: (date: string) => `Uppgifterna gäller ${date}.`,
  },
};

const en: typeof sv = {
  public: {
    title: 'How the city follows up the recommendations',
    intro:
      'The labour market committee has received recommendations from an external review. Here you can see what the city has decided and how the work is going. The page is updated every time progress on an action is reported.',
    done: 'What the city has done',
    noActions: 'No actions have been registered yet.',
    signIn: 'Staff sign-in',
    redacted: '[email address removed]',
    updated: (date: string) => `Figures as of ${date}.`,
  },
};

export const PUBLIC_WORDS = { sv, en };
