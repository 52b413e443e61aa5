/**
 * The words of the units pages and of the units' events in the event log,
 * Swedish first. The English words are typed by the Swedish ones, so a word
 * missing in English is a compile error, not a blank on the page. The web
 * shell puts every capability's words together as one `t` (src/web/i18n.ts),
 * so templates and controllers read them as `t.units.*`.
 */
const sv = {
  units: {
    title: 'Enheter',
    intro: 'Enheterna som rekommendationer, åtgärder och användare hör till. Namnen visas överallt i tjänsten.',
    caption: 'Enheter',
    id: 'Kod',
    name: 'Namn',
    nameEn: 'Namn på engelska',
    status: 'Status',
    active: 'Aktiv',
    retired: 'Avvecklad',
    change: 'Ändra',
    none: 'Inga enheter ännu.',
    showRetired: 'Visa avvecklade enheter',
    hideRetired: 'Visa bara aktiva enheter',
    create: 'Lägg till en enhet',
    idHint: 'Små bokstäver, siffror och bindestreck, t.ex. ekonomi. Koden kan inte ändras senare.',
    idError: 'Ange en kod med små bokstäver, siffror och bindestreck, t.ex. ekonomi.',
    idTaken: 'Det finns redan en enhet med den koden.',
    edit: 'Ändra enheten',
    readOnly: 'Bara administratörer kan ändra enheter.',
    state: 'Enhetens status',
    keepActive: 'Aktiv',
    retire: 'Avvecklad – inga nya rekommendationer eller åtgärder',
    reason: 'Varför ändras enheten?',
    reasonHint: 'Motiveringen sparas i händelseloggen.',
    save: 'Spara ändringen',
    openActions: 'Enheten har öppna åtgärder och kan inte avvecklas förrän de är slutförda, avbrutna eller överlämnade till en annan enhet:',
    backToList: 'Tillbaka till enheterna',
    history: 'Enhetens ändringar i händelseloggen',
  },

  unitEvents: {
    created: (id: string, name: string) => `Lade till enheten ${name} (${id}).`,
    renamed: (unit: string, to: string) => `Bytte namn på enheten ${unit} till ”${to}”.`,
    renamedEn: (unit: string, to: string) => `Bytte det engelska namnet på enheten ${unit} till ”${to}”.`,
    retired: (name: string) => `Avvecklade enheten ${name}.`,
    reinstated: (name: string) => `Återinförde enheten ${name}.`,
  },

  notices: {
    unitCreated: 'Enheten är tillagd.',
    unitChanged: 'Enheten är ändrad.',
  },
};

const en: typeof sv = {
  units: {
    title: 'Units',
    intro: 'The units that recommendations, actions and users belong to. Their names are shown everywhere in the service.',
    caption: 'Units',
    id: 'Code',
    name: 'Name in Swedish',
    nameEn: 'Name in English',
    status: 'Status',
    active: 'Active',
    retired: 'Retired',
    change: 'Change',
    none: 'No units yet.',
    showRetired: 'Show retired units',
    hideRetired: 'Show active units only',
    create: 'Add a unit',
    idHint: 'Lowercase letters, digits and hyphens, e.g. finance. The code cannot be changed later.',
    idError: 'Enter a code of lowercase letters, digits and hyphens, e.g. finance.',
    idTaken: 'There already is a unit with that code.',
    edit: 'Change the unit',
    readOnly: 'Only administrators can change units.',
    state: 'Status of the unit',
    keepActive: 'Active',
    retire: 'Retired – no new recommendations or actions',
    reason: 'Why is the unit changed?',
    reasonHint: 'The reason is kept in the event log.',
    save: 'Save the change',
    openActions: 'The unit has open actions and cannot be retired until they are completed, cancelled or handed to another unit:',
    backToList: 'Back to the units',
    history: "The unit's changes in the event log",
  },

  unitEvents: {
    created: (id: string, name: string) => `Added the unit ${name} (${id}).`,
    renamed: (unit: string, to: string) => `Renamed the unit ${unit} to “${to}” in Swedish.`,
    renamedEn: (unit: string, to: string) => `Renamed the unit ${unit} to “${to}” in English.`,
    retired: (name: string) => `Retired the unit ${name}.`,
    reinstated: (name: string) => `Reinstated the unit ${name}.`,
  },

  notices: {
    unitCreated: 'The unit has been added.',
    unitChanged: 'The unit has been changed.',
  },
};

export const UNIT_WORDS = { sv, en };
