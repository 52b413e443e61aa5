/**
 * The words of single sign-on: the sign-in page's button, and the pages that
 * say why a sign-in through the city's provider did not let someone in.
 * Swedish first; the English words are typed by the Swedish ones.
 */
const sv = {
  sso: {
    signInWith: 'Logga in med Stockholms stads konto',
    intro: 'Anställda i Stockholms stad loggar in med sitt vanliga konto.',
    orPassword: 'Eller logga in med e-postadress och lösenord:',
    passwordLoginOff: 'Inloggning med lösenord är avstängd. Logga in med Stockholms stads konto.',
    refusedTitle: 'Du kan inte logga in i Uppföljning',
    tryAgain: 'Försök logga in igen',
    askAdmin: 'Kontakta administratören för Uppföljning om du behöver komma åt tjänsten.',
    askAt: 'Kontakta administratören för Uppföljning om du behöver komma åt tjänsten:',
    signedInAs: 'Stockholms stads inloggning kände igen dig som',
    yourGroups: 'Grupper i ditt konto',
    noGroups: 'Ditt konto tillhör inga grupper.',
    reasons: {
      noRole: 'Ditt konto har ingen roll i Uppföljning.',
      noRoleDetail: 'Ingen av grupperna i ditt konto hos Stockholms stad ger en roll i Uppföljning.',
      deactivated: 'Ditt konto i Uppföljning är avstängt.',
      deactivatedDetail: 'En administratör har stängt av kontot. Det kan öppnas igen av en administratör.',
      noEmail: 'Stockholms stads inloggning lämnade ingen e-postadress för ditt konto.',
      noEmailDetail: 'Uppföljning känner igen användare på deras e-postadress.',
      notAccepted: 'Ditt konto kunde inte läggas upp i Uppföljning.',
      cancelled: 'Inloggningen avbröts.',
      cancelledDetail: 'Du eller Stockholms stads inloggning avbröt inloggningen innan den var klar.',
      providerError: 'Stockholms stads inloggning godtog inte inloggningen.',
      expired: 'Inloggningen hann gå ut eller har redan använts.',
      expiredDetail: 'Börja om från inloggningssidan. En inloggning måste slutföras inom tio minuter, i samma webbläsare.',
      notVerified: 'Svaret från Stockholms stads inloggning gick inte att kontrollera.',
      notVerifiedDetail: 'Börja om från inloggningssidan. Om det händer igen: kontakta administratören.',
      unavailable: 'Stockholms stads inloggning svarar inte just nu.',
      unavailableDetail: 'Försök igen om en stund.',
      notConfigured: 'Inloggning med Stockholms stads konto är inte inställd här.',
    },
  },
};

const en: typeof sv = {
  sso: {
    signInWith: 'Sign in with your City of Stockholm account',
    intro: 'Staff of the City of Stockholm sign in with their usual account.',
    orPassword: 'Or sign in with email address and password:',
    passwordLoginOff: 'Signing in with a password is turned off. Sign in with your City of Stockholm account.',
    refusedTitle: 'You cannot sign in to Follow-up',
    tryAgain: 'Try signing in again',
    askAdmin: 'Contact the administrator of Follow-up if you need access to it.',
    askAt: 'Contact the administrator of Follow-up if you need access to it:',
    signedInAs: 'The City of Stockholm’s sign-in recognised you as',
    yourGroups: 'Groups of your account',
    noGroups: 'Your account belongs to no groups.',
    reasons: {
      noRole: 'Your account has no role in Follow-up.',
      noRoleDetail: 'None of the groups of your City of Stockholm account gives a role in Follow-up.',
      deactivated: 'Your Follow-up account has been deactivated.',
      deactivatedDetail: 'An administrator deactivated the account. An administrator can reactivate it.',
      noEmail: 'The City of Stockholm’s sign-in gave no email address for your account.',
      noEmailDetail: 'Follow-up recognises its users by their email address.',
      notAccepted: 'Your account could not be set up in Follow-up.',
      cancelled: 'The sign-in was cancelled.',
      cancelledDetail: 'You or the City of Stockholm’s sign-in cancelled it before it was finished.',
      providerError: 'The City of Stockholm’s sign-in did not accept the sign-in.',
      expired: 'The sign-in had expired or was already used.',
      expiredDetail: 'Start again from the sign-in page. A sign-in must be finished within ten minutes, in the same browser.',
      notVerified: 'The answer of the City of Stockholm’s sign-in could not be verified.',
      notVerifiedDetail: 'Start again from the sign-in page. If it happens again, contact the administrator.',
      unavailable: 'The City of Stockholm’s sign-in does not answer right now.',
      unavailableDetail: 'Try again in a while.',
      notConfigured: 'Signing in with a City of Stockholm account is not set up here.',
    },
  },
};

export const SSO_WORDS = { sv, en };
