/**
 * The words of an action's files and comments on the recommendation page and
 * in its history, Swedish first; the English words are typed by the Swedish
 * ones. Read as `t.discussion.*`; the notices after a write as `t.notices.*`.
 */
const sv = {
  discussion: {
    files: 'Bilagor',
    noFiles: 'Inga bilagor ännu.',
    fileFacts: (size: string, by: string, when: string) => `${size}, bifogad av ${by} ${when}`,
    upload: 'Bifoga en fil',
    progressFile: 'Bifoga en fil (frivilligt)',
    file: 'Fil',
    fileHint: 'PDF, Word, Excel, OpenDocument, PNG, JPEG, text eller CSV, högst 25 MB. Filen visas aldrig på den öppna sidan.',
    attach: 'Bifoga',
    tooLarge: 'Filen är större än 25 MB.',
    chooseAgain: (name: string) => `Inget sparades, inte heller filen ${name}: välj den igen innan du skickar.`,
    noFile: 'Välj en fil att bifoga.',
    notAccepted: 'Den här filtypen tas inte emot. Bifoga PDF, Word, Excel, OpenDocument, PNG, JPEG, text eller CSV.',
    comments: 'Kommentarer',
    noComments: 'Inga kommentarer ännu.',
    commentLabel: 'Ny kommentar',
    commentHint: 'Ägaren av åtgärden och alla som skrivit i tråden får ett mejl. Kommentarer visas aldrig på den öppna sidan.',
    send: 'Skicka kommentar',
    timeline: {
      attached: (filename: string, action: string, sha256: string) => `Filen ${filename} bifogades till åtgärden "${action}" (SHA-256 ${sha256}).`,
      commented: (action: string) => `Kommentar på åtgärden "${action}".`,
    },
  },
  discussionNotices: {
    attachmentAdded: 'Filen är bifogad.',
    commentAdded: 'Kommentaren är skickad.',
  },
};

const en: typeof sv = {
  discussion: {
    files: 'Attachments',
    noFiles: 'No attachments yet.',
    fileFacts: (size: string, by: string, when: string) => `${size}, attached by ${by} ${when}`,
    upload: 'Attach a file',
    progressFile: 'Attach a file (optional)',
    file: 'File',
    fileHint: 'PDF, Word, Excel, OpenDocument, PNG, JPEG, text or CSV, at most 25 MB. The file is never shown on the public page.',
    attach: 'Attach',
    tooLarge: 'The file is larger than 25 MB.',
    chooseAgain: (name: string) => `Nothing was saved, not the file ${name} either: choose it again before you send.`,
    noFile: 'Choose a file to attach.',
    notAccepted: 'This kind of file is not accepted. Attach PDF, Word, Excel, OpenDocument, PNG, JPEG, text or CSV.',
    comments: 'Comments',
    noComments: 'No comments yet.',
    commentLabel: 'New comment',
    commentHint: 'The action’s owner and everyone who wrote in the thread get a mail. Comments are never shown on the public page.',
    send: 'Send comment',
    timeline: {
      attached: (filename: string, action: string, sha256: string) => `The file ${filename} was attached to the action "${action}" (SHA-256 ${sha256}).`,
      commented: (action: string) => `Comment on the action "${action}".`,
    },
  },
  discussionNotices: {
    attachmentAdded: 'The file is attached.',
    commentAdded: 'The comment has been sent.',
  },
};

export const DISCUSSION_WORDS = { sv, en };
