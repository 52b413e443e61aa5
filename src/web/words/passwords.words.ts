/**
 * The words of the password pages (a forgotten password, choosing one from a
 * link, changing one's own), Swedish first; the English typed by the Swedish.
 * The policy's own messages (too short, too common) come from
 * auth/password-policy.ts, which the API and the command line share.
 */
const sv = {
  passwords: {
    forgotLink: 'Glömt lösenordet?',
    forgot: {
      title: 'Glömt lösenordet?',
      intro: 'Skriv e-postadressen du loggar in med. Vi skickar en länk dit där du väljer ett nytt lösenord. Länken fungerar en gång och gäller i en timme.',
      email: 'E-postadress',
      submit: 'Skicka länk',
      back: 'Tillbaka till inloggningen',
      tooMany: 'Du har bett om många länkar på kort tid. Vänta 15 minuter och försök igen.',
    },
    choose: {
      title: 'Välj lösenord',
      intro: 'Välj ett lösenord för',
      password: 'Nytt lösenord',
      repeat: 'Upprepa lösenordet',
      hint: 'Minst 12 tecken. Flera ord i följd blir ett bra lösenord; vanliga lösenord går inte att välja.',
      submit: 'Spara lösenordet',
      invalidTitle: 'Länken fungerar inte',
      invalid: 'Länken är okänd, för gammal eller redan använd. Be om en ny länk.',
      newLink: 'Be om en ny länk',
    },
    change: {
      title: 'Byt lösenord',
      menu: 'Byt lösenord',
      intro: 'När du har bytt lösenord loggas du ut på alla andra enheter.',
      current: 'Nuvarande lösenord',
      wrongCurrent: 'Det nuvarande lösenordet stämmer inte.',
      submit: 'Byt lösenord',
    },
    mismatch: 'Lösenorden är inte likadana. Skriv samma lösenord två gånger.',
  },
  passwordNotices: {
    resetLinkSent: 'Om adressen har ett konto i Uppföljning har vi skickat en länk dit. Länken gäller en timme. Kolla också skräpposten.',
    passwordSet: 'Lösenordet är sparat och du är utloggad överallt. Logga in med det nya lösenordet.',
    passwordChanged: 'Lösenordet är bytt. Du är utloggad på alla andra enheter.',
  },
};

const en: typeof sv = {
  passwords: {
    forgotLink: 'Forgot your password?',
    forgot: {
      title: 'Forgot your password?',
      intro: 'Enter the email address you sign in with. We will send a link there where you choose a new password. The link works once and is valid for an hour.',
      email: 'Email address',
      submit: 'Send link',
      back: 'Back to sign in',
      tooMany: 'You have asked for many links in a short time. Wait 15 minutes and try again.',
    },
    choose: {
      title: 'Choose a password',
      intro: 'Choose a password for',
      password: 'New password',
      repeat: 'Repeat the password',
      hint: 'At least 12 characters. Several words in a row make a good password; common passwords cannot be chosen.',
      submit: 'Save the password',
      invalidTitle: 'The link does not work',
      invalid: 'The link is unknown, too old or already used. Ask for a new link.',
      newLink: 'Ask for a new link',
    },
    change: {
      title: 'Change password',
      menu: 'Change password',
      intro: 'Once you have changed your password you are signed out on every other device.',
      current: 'Current password',
      wrongCurrent: 'The current password is not right.',
      submit: 'Change password',
    },
    mismatch: 'The passwords are not the same. Type the same password twice.',
  },
  passwordNotices: {
    resetLinkSent: 'If the address has an account in Follow-up, we have sent a link to it. The link is valid for an hour. Check the spam folder too.',
    passwordSet: 'The password is saved and you are signed out everywhere. Sign in with the new password.',
    passwordChanged: 'The password has been changed. You are signed out on every other device.',
  },
};

export const PASSWORD_WORDS = { sv, en };
