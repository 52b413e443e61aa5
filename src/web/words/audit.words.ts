/**
 * The words of the event log's pages, Swedish first. The English words are typed by the Swedish
 * ones, so a word missing in English is a compile error, not a blank on the
 * page. The web shell puts every capability's words together as one `t`
 * (src/web/i18n.ts), so templates and controllers read them as `t.audit.*`.
 */
const sv = {
  audit: {
    title: 'Händelselogg',
    intro: 'Alla händelser i den ordning de sparades. Loggen kan inte ändras i efterhand; kontrollen nedan räknar om kedjan av kontrollsummor.',
    filters: 'Filtrera loggen',
    from: 'Från och med',
    to: 'Till och med',
    actor: 'Användare (e-post)',
    type: 'Händelsetyp',
    allTypes: 'Alla typer',
    streamId: 'Ström',
    position: 'Nr',
    time: 'Tid',
    stream: 'Ström',
    event: 'Händelse',
    by: 'Av',
    reason: 'Motivering',
    data: 'Data',
    verify: 'Kontrollera att loggen är oförändrad',
    verifyOk: (n: number) => `Loggen är oförändrad: ${n} händelser kontrollerade.`,
    verifyFailed: (position: number) => `Loggen stämmer inte från händelse nr ${position}.`,
    headHash: 'Kontrollsumma för senaste händelsen',
    anchorsChecked: (n: number) => `${n} signerade förankringar kontrollerade.`,
    problemsHeading: 'Det här har hänt med loggen',
    problem: {
      altered: (p: number) => `Händelse nr ${p} har ändrats: dess innehåll stämmer inte med dess kontrollsumma eller med händelsen före.`,
      missing: (p: number) => `Händelser saknas från nr ${p}: de har tagits bort ur loggen.`,
      forged: (p: number) => `Loggen vid nr ${p} stämmer inte med den signerade förankringen där: kedjan har räknats om efter en ändring, eller förankringens signatur håller inte.`,
      truncated: (p: number) => `Loggen har kortats: den slutar före nr ${p}, som en förankring eller en vy redan har sett.`,
      unsigned: (p: number) => `Loggen från nr ${p} saknar giltig signatur: förankringen där är signerad med en nyckel som appen inte känner till, eller så har ingen förankring gjorts inom intervallet.`,
    },
    exports: 'Exportera med samma filter',
    exportCsv: 'CSV (kalkylblad)',
    exportNdjson: 'NDJSON (en händelse per rad)',
    next: 'Nästa sida',
    none: 'Inga händelser matchar filtret.',
    caption: (n: number) => `${n} händelser`,
  },
};

const en: typeof sv = {
  audit: {
    title: 'Event log',
    intro: 'Every event in the order it was stored. The log cannot be changed afterwards; the check below recomputes its chain of hashes.',
    filters: 'Filter the log',
    from: 'From',
    to: 'To',
    actor: 'User (email)',
    type: 'Event type',
    allTypes: 'All types',
    streamId: 'Stream',
    position: 'No.',
    time: 'Time',
    stream: 'Stream',
    event: 'Event',
    by: 'By',
    reason: 'Reason',
    data: 'Data',
    verify: 'Check that the log is unaltered',
    verifyOk: (n: number) => `The log is unaltered: ${n} events checked.`,
    verifyFailed: (position: number) => `The log does not match from event no. ${position}.`,
    headHash: 'Hash of the latest event',
    anchorsChecked: (n: number) => `${n} signed anchors checked.`,
    problemsHeading: 'What happened to the log',
    problem: {
      altered: (p: number) => `Event no. ${p} was changed: its content does not match its hash or the event before it.`,
      missing: (p: number) => `Events are missing from no. ${p}: they were removed from the log.`,
      forged: (p: number) => `The log at no. ${p} differs from the signed anchor there: the chain was recomputed after a change, or the anchor's signature does not hold.`,
      truncated: (p: number) => `The log was cut short: it ends before no. ${p}, which an anchor or a read model has already seen.`,
      unsigned: (p: number) => `The log from no. ${p} has no valid signature: the anchor there is signed with a key the app does not know, or no anchor was made within the interval.`,
    },
    exports: 'Export with the same filter',
    exportCsv: 'CSV (spreadsheet)',
    exportNdjson: 'NDJSON (one event per line)',
    next: 'Next page',
    none: 'No event matches the filter.',
    caption: (n: number) => `${n} events`,
  },
};

export const AUDIT_WORDS = { sv, en };
