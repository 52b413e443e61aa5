/**
 * The words of the search box (in the layout, on every page for signed-in
 * users) and the results page, Swedish first; English typed by Swedish.
 */
const sv = {
  search: {
    box: 'Sök',
    boxLabel: 'Sök bland rekommendationer, åtgärder och anteckningar',
    button: 'Sök',
    title: 'Sök',
    titleFor: (q: string) => `Sökresultat för ”${q}”`,
    intro: 'Hittar ord i alla böjningsformer: ”språkkurs” hittar också ”språkkurserna”.',
    count: (shown: number, total: number) => (total === 1 ? 'En träff.' : `Visar ${shown} av ${total} träffar.`),
    none: (q: string) => `Inget hittades för ”${q}”. Pröva färre eller andra ord.`,
    empty: 'Skriv ett eller flera ord att söka efter.',
    next: 'Fler träffar',
    kinds: { recommendation: 'Rekommendation', action: 'Åtgärd', note: 'Anteckning', comment: 'Kommentar' },
  },

  /** The lists' filters by part of a name and their sortable columns. */
  listTools: {
    reviewPart: 'Granskning (del av namnet)',
    unitPart: 'Ansvarig enhet (del av namnet)',
    ownerPart: 'Ansvarig för en åtgärd (namn eller e-post)',
    userPart: 'Filtrera på namn eller e-postadress (del av)',
    sortAscending: 'sortera stigande',
    sortDescending: 'sortera fallande',
  },
};

const en: typeof sv = {
  search: {
    box: 'Search',
    boxLabel: 'Search recommendations, actions and notes',
    button: 'Search',
    title: 'Search',
    titleFor: (q: string) => `Search results for “${q}”`,
    intro: 'Finds words in every Swedish form: “språkkurs” also finds “språkkurserna”.',
    count: (shown: number, total: number) => (total === 1 ? 'One result.' : `Showing ${shown} of ${total} results.`),
    none: (q: string) => `Nothing was found for “${q}”. Try fewer or other words.`,
    empty: 'Type one or more words to search for.',
    next: 'More results',
    kinds: { recommendation: 'Recommendation', action: 'Action', note: 'Note', comment: 'Comment' },
  },

  listTools: {
    reviewPart: 'Review (part of its name)',
    unitPart: 'Responsible unit (part of its name)',
    ownerPart: 'Owner of an action (name or email)',
    userPart: 'Filter by name or email address (part of it)',
    sortAscending: 'sort ascending',
    sortDescending: 'sort descending',
  },
};

export const SEARCH_WORDS = { sv, en };
