/**
 * Every word of the reminder mails, Swedish first. The English words are
 * typed by the Swedish ones, so a word missing in English is a compile
 * error, not a blank in a mail. Dates come in already formatted for the
 * language (reminder-mail.ts formatDate).
 */
const sv = {
  greeting: 'Hej!',
  recommendation: 'Rekommendation',
  action: 'Åtgärd',
  dueDate: 'Slutdatum',
  owner: 'Ansvarig',
  due: 'slutdatum',
  milestoneDue: {
    subject: (milestone: string, action: string) => `Påminnelse inför ${milestone}: rapportera läget för ”${action}”`,
    text: (milestone: string, due: string) =>
      `${milestone} ska lämnas till nämnden senast ${due}. Ingen lägesrapport har lämnats för åtgärden nedan under rapportperioden. Rapportera hur arbetet går, gärna med underlag.`,
    report: 'Rapport',
    reportValue: (milestone: string, due: string) => `${milestone}, senast ${due}`,
    link: 'Rapportera läget',
    footer: 'Det här är ett automatiskt meddelande från Uppföljning. Påminnelserna upphör när du har rapporterat läget för perioden.',
    claimedSubject: (milestone: string, action: string) => `Påminnelse inför ${milestone}: godkänn eller skicka tillbaka ”${action}”`,
    claimedText: (milestone: string, due: string) =>
      `${milestone} ska lämnas till nämnden senast ${due}. Åtgärden nedan är markerad som slutförd av den ansvarige och väntar på ditt godkännande; den räknas som slutförd först när du (eller en sekreterare) har godkänt den. Godkänn den eller skicka tillbaka den med en motivering.`,
    claimedFooter: 'Det här är ett automatiskt meddelande från Uppföljning. Du får det som chef för den ansvariga enheten; påminnelserna upphör när åtgärden är godkänd eller tillbakaskickad.',
  },
  actionOverdue: {
    subject: (action: string, code: string, due: string) => `Försenad åtgärd: ”${action}” (${code}), slutdatum ${due}`,
    text: (due: string) =>
      `Åtgärden nedan skulle vara klar ${due} men är fortfarande öppen. Markera den som klar, rapportera läget eller begär ett nytt slutdatum med motivering.`,
    asHead: 'Du får det här meddelandet som chef för den ansvariga enheten.',
    claimed: (due: string) => `Åtgärden nedan skulle vara klar ${due}. Den ansvarige har markerat den som slutförd, men den räknas som slutförd först när du (eller en sekreterare) godkänner den. Godkänn den eller skicka tillbaka den med en motivering.`,
    nextReport: 'Nästa rapport',
    nextReportValue: (milestone: string, due: string) => `${milestone}, senast ${due}`,
    link: 'Öppna åtgärden',
    footer: 'Det här är ett automatiskt meddelande från Uppföljning. Det skickas varje vecka så länge åtgärden är försenad.',
  },
  summary: {
    subject: (milestone: string, overdue: number, notReported: number) =>
      `Sammanställning inför ${milestone}: ${overdue} ${overdue === 1 ? 'försenad åtgärd' : 'försenade åtgärder'}, ${notReported} utan lägesrapport`,
    text: (milestone: string, due: string) => `${milestone} ska lämnas till nämnden senast ${due}. Så här ser uppföljningen ut just nu.`,
    overdue: 'Försenade åtgärder',
    noneOverdue: 'Inga åtgärder är försenade.',
    notReported: 'Åtgärder utan lägesrapport under perioden',
    noneNotReported: 'Alla öppna åtgärder har en lägesrapport för perioden.',
    awaitingApproval: 'Klarmarkerade åtgärder som väntar på godkännande',
    noneAwaitingApproval: 'Ingen åtgärd väntar på godkännande.',
    link: 'Öppna uppföljningen',
    footer: 'Det här är ett automatiskt meddelande från Uppföljning.',
  },
};

const en: typeof sv = {
  greeting: 'Hello,',
  recommendation: 'Recommendation',
  action: 'Action',
  dueDate: 'Due date',
  owner: 'Owner',
  due: 'due',
  milestoneDue: {
    subject: (milestone: string, action: string) => `Reminder before ${milestone}: report progress on “${action}”`,
    text: (milestone: string, due: string) =>
      `${milestone} is due to the committee by ${due}. No progress has been reported on the action below during the reporting period. Please report how the work is going, with evidence where you have it.`,
    report: 'Report',
    reportValue: (milestone: string, due: string) => `${milestone}, due ${due}`,
    link: 'Report progress',
    footer: 'This is an automatic message from Uppföljning. The reminders stop once you have reported progress for the period.',
    claimedSubject: (milestone: string, action: string) => `Reminder before ${milestone}: approve or send back “${action}”`,
    claimedText: (milestone: string, due: string) =>
      `${milestone} is due to the committee by ${due}. The action below has been marked as completed by its owner and awaits your approval; it counts as completed only once you (or a secretary) have approved it. Approve it or send it back with a reason.`,
    claimedFooter: 'This is an automatic message from Uppföljning. You receive it as head of the responsible unit; the reminders stop once the action is approved or sent back.',
  },
  actionOverdue: {
    subject: (action: string, code: string, due: string) => `Overdue action: “${action}” (${code}), due ${due}`,
    text: (due: string) =>
      `The action below was due on ${due} and is still open. Mark it as completed, report progress, or ask for a new due date with a reason.`,
    asHead: 'You receive this message as head of the responsible unit.',
    claimed: (due: string) => `The action below was due on ${due}. Its owner has marked it as completed, but it counts as completed only once you (or a secretary) approve it. Approve it or send it back with a reason.`,
    nextReport: 'Next report',
    nextReportValue: (milestone: string, due: string) => `${milestone}, due ${due}`,
    link: 'Open the action',
    footer: 'This is an automatic message from Uppföljning. It is sent every week while the action is overdue.',
  },
  summary: {
    subject: (milestone: string, overdue: number, notReported: number) =>
      `Summary before ${milestone}: ${overdue} overdue ${overdue === 1 ? 'action' : 'actions'}, ${notReported} without a progress report`,
    text: (milestone: string, due: string) => `${milestone} is due to the committee by ${due}. This is where the follow-up stands now.`,
    overdue: 'Overdue actions',
    noneOverdue: 'No action is overdue.',
    notReported: 'Actions with no progress reported in the period',
    noneNotReported: 'Every open action has progress reported for the period.',
    awaitingApproval: 'Actions marked as completed, awaiting approval',
    noneAwaitingApproval: 'No action is awaiting approval.',
    link: 'Open the follow-up',
    footer: 'This is an automatic message from Uppföljning.',
  },
};

export const MAIL_WORDS = { sv, en };
