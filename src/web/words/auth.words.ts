/**
 * The words of the sign-in page, Swedish first. The English words are typed by the Swedish
 * ones, so a word missing in English is a compile error, not a blank on the
 * page. The web shell puts every capability's words together as one `t`
 * (src/web/i18n.ts), so templates and controllers read them as `t.login.*`.
 */
const sv = {
  login: {
    title: 'Logga in',
    intro: 'Logga in med din e-postadress och ditt lösenord.',
    email: 'E-postadress',
    password: 'Lösenord',
    submit: 'Logga in',
    publicLink: 'Se hur staden följer upp rekommendationerna, utan att logga in',
    wrongCredentials: 'Fel e-postadress eller lösenord.',
    tooManyAttempts: 'För många misslyckade försök. Vänta 15 minuter och försök igen.',
    sessionEnded: 'Du har loggats ut eftersom sessionen gick ut. Logga in igen så kommer du tillbaka till sidan.',
    sessionEndedForm: 'Du har loggats ut eftersom sessionen gick ut. Logga in igen så kommer du tillbaka till formuläret.',
    formKept: 'Formuläret skickades inte eftersom du hade loggats ut. Det du skrev står kvar i formuläret nedan: kontrollera och skicka igen.',
  },
};

const en: typeof sv = {
  login: {
    title: 'Sign in',
    intro: 'Sign in with your email address and password.',
    email: 'Email address',
    password: 'Password',
    submit: 'Sign in',
    publicLink: 'See how the city follows up the recommendations, without signing in',
    wrongCredentials: 'Wrong email address or password.',
    tooManyAttempts: 'Too many failed attempts. Wait 15 minutes and try again.',
    sessionEnded: 'You have been signed out because your session expired. Sign in again to come back to the page.',
    sessionEndedForm: 'You have been signed out because your session expired. Sign in again to come back to the form.',
    formKept: 'The form was not sent because you had been signed out. What you typed is still in the form below: check it and send it again.',
  },
};

export const AUTH_WORDS = { sv, en };
