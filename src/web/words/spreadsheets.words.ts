/**
 * The words of the spreadsheet links on the lists and the audit log, and of
 * the import page, Swedish first; the English words are typed by the Swedish
 * ones. Read as `t.spreadsheets.*`.
 */
const sv = {
  spreadsheets: {
    downloads: 'Ladda ner listan',
    downloadExcel: 'Ladda ner som Excel',
    downloadCsv: 'Ladda ner som CSV',
    importLink: 'Importera rekommendationer',
    importTitle: (review: string) => `Importera rekommendationer till ${review}`,
    importIntro:
      'Välj en Excel-fil (.xlsx) eller en CSV-fil med semikolon som skiljetecken. Första raden namnger kolumnerna: code, title, text, textEn (frivillig) och responsibleUnit. En fil som laddats ner från rekommendationslistan går att importera; övriga kolumner hoppas över.',
    file: 'Fil',
    fileHint: 'Högst 25 MB och 5 000 rader.',
    preview: 'Förhandsgranska',
    previewTitle: 'Förhandsgranskning',
    previewIntro: (rows: number) => `${rows} rader i filen. Inget sparas förrän du väljer Importera.`,
    allValid: 'Alla rader är giltiga.',
    someInvalid: (bad: number) => `${bad} ${bad === 1 ? 'rad har' : 'rader har'} fel. Rätta filen och förhandsgranska igen; inget importeras förrän alla rader är giltiga.`,
    caption: 'Raderna i filen',
    row: 'Rad',
    code: 'Kod',
    recTitle: 'Rubrik',
    unit: 'Ansvarig enhet',
    outcome: 'Resultat',
    ok: 'Giltig',
    unchanged: 'Finns redan, oförändrad',
    errors: 'Fel',
    importButton: 'Importera',
    chooseAnother: 'Välj en annan fil',
    noFile: 'Välj en fil att importera.',
    expired: 'Förhandsgranskningen har gått ut. Välj filen igen.',
    imported: (n: number) => `${n} ${n === 1 ? 'rekommendation importerades' : 'rekommendationer importerades'}.`,
    empty: 'Filen har inga rader under rubrikraden.',
    duplicateCode: (row: number) => `Samma kod finns redan på rad ${row} i filen.`,
    codeTaken: 'Granskningen har redan en annan rekommendation med den koden.',
    unknownUnit: 'Det finns ingen aktiv enhet med den koden.',
    unknownReview: 'Granskningen finns inte.',
    nul: 'Cellen innehåller ett otillåtet tecken.',
  },
};

const en: typeof sv = {
  spreadsheets: {
    downloads: 'Download the list',
    downloadExcel: 'Download as Excel',
    downloadCsv: 'Download as CSV',
    importLink: 'Import recommendations',
    importTitle: (review: string) => `Import recommendations into ${review}`,
    importIntro:
      'Choose an Excel file (.xlsx) or a CSV file separated by semicolons. The first row names the columns: code, title, text, textEn (optional) and responsibleUnit. A file downloaded from the recommendations list can be imported; other columns are skipped.',
    file: 'File',
    fileHint: 'At most 25 MB and 5,000 rows.',
    preview: 'Preview',
    previewTitle: 'Preview',
    previewIntro: (rows: number) => `${rows} rows in the file. Nothing is saved until you choose Import.`,
    allValid: 'Every row is valid.',
    someInvalid: (bad: number) => `${bad} ${bad === 1 ? 'row has' : 'rows have'} errors. Correct the file and preview again; nothing is imported until every row is valid.`,
    caption: 'The rows of the file',
    row: 'Row',
    code: 'Code',
    recTitle: 'Title',
    unit: 'Responsible unit',
    outcome: 'Outcome',
    ok: 'Valid',
    unchanged: 'Already there, unchanged',
    errors: 'Errors',
    importButton: 'Import',
    chooseAnother: 'Choose another file',
    noFile: 'Choose a file to import.',
    expired: 'The preview has expired. Choose the file again.',
    imported: (n: number) => `${n} ${n === 1 ? 'recommendation was imported' : 'recommendations were imported'}.`,
    empty: 'The file has no rows below its header row.',
    duplicateCode: (row: number) => `The same code is already on row ${row} of the file.`,
    codeTaken: 'The review already has another recommendation with this code.',
    unknownUnit: 'There is no active unit with this code.',
    unknownReview: 'The review does not exist.',
    nul: 'The cell holds a character that is not allowed.',
  },
};

export const SPREADSHEET_WORDS = { sv, en };
