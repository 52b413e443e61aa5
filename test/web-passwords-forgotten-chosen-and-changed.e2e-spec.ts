import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import request from 'supertest';
import { eventually } from './support/smtp-receiver';
import { startApp, TestDatabase } from './support/test-app';
import { WebClient } from './support/web-client';

const NEW_PASSWORD = 'fyra glada grodor hoppar';

describe('on the web: a forgotten password, a password chosen from the link, and a password changed', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let mailDir: string;

  const linkMailedTo = async (address: string): Promise<string> =>
    eventually(async () => {
      for (const file of readdirSync(mailDir).filter((f) => f.endsWith('.eml'))) {
        const mail = await simpleParser(readFileSync(join(mailDir, file)));
        if (mail.to && !Array.isArray(mail.to) && mail.to.text.includes(address)) {
          const url = /http:\/\/localhost:3000(\/losenord\/valj\?token=[A-Za-z0-9_-]+)/.exec(mail.text ?? '');
          if (url) return url[1];
        }
      }
      throw new Error(`No link mailed to ${address}`);
    });

  beforeAll(async () => {
    db = await TestDatabase.create();
    mailDir = mkdtempSync(join(tmpdir(), 'uppfoljning-web-password-mail-'));
    app = await startApp(db, { MAIL_DIR: mailDir });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    rmSync(mailDir, { recursive: true, force: true });
  });

  it('"Glömt lösenordet?" from the sign-in page says the same for a known and an unknown address, and mails only the known one', async () => {
    const visitor = WebClient.visitor(app);
    const signIn = await visitor.get('/logga-in');
    expect(signIn.html).toContain('<a class="standalone-link" href="/losenord/glomt">Glömt lösenordet?</a>');
    const page = await visitor.get('/losenord/glomt');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Glömt lösenordet?</h1>');
    expect(page.html).toContain('autocomplete="username"');

    const known = await visitor.post('/losenord/glomt', { email: 'handlaggare.sfi@demo.local' }, '/losenord/glomt');
    const unknown = await visitor.post('/losenord/glomt', { email: 'finns.inte@demo.local' }, '/losenord/glomt');
    expect(known).toMatchObject({ status: 303, location: '/losenord/glomt?klart=resetLinkSent' });
    expect(unknown).toMatchObject({ status: 303, location: '/losenord/glomt?klart=resetLinkSent' });
    const after = await visitor.get(known.location!);
    expect(after.html).toContain('Om adressen har ett konto i Uppföljning har vi skickat en länk dit.');

    const invalid = await visitor.post('/losenord/glomt', { email: 'inte en adress' }, '/losenord/glomt');
    expect(invalid.status).toBe(400);
    expect(invalid.html).toContain('Ange en giltig e-postadress.');

    await linkMailedTo('handlaggare.sfi@demo.local');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(readdirSync(mailDir).filter((f) => f.startsWith('finns.inte'))).toEqual([]);
  });

  it('"Välj lösenord" from the link: the policy’s words on a bad one, then signed out everywhere and sent to sign in', async () => {
    const elsewhere = await WebClient.signIn(app, 'handlaggare.sfi@demo.local');
    expect((await elsewhere.get('/mina-atgarder')).status).toBe(200);
    const link = await linkMailedTo('handlaggare.sfi@demo.local');
    const visitor = WebClient.visitor(app);

    const page = await visitor.get(link);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Välj lösenord</h1>');
    expect(page.html).toContain('<strong>handlaggare.sfi@demo.local</strong>');
    expect(page.html).toContain('autocomplete="new-password"');
    const headers = (await request(app.getHttpServer()).get(link)).headers;
    expect(headers).toMatchObject({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });

    const token = new URL(link, 'http://x').searchParams.get('token')!;
    const short = await visitor.post('/losenord/valj', { token, password: 'kort', repeat: 'kort' }, link);
    expect(short.status).toBe(400);
    expect(short.html).toContain('Lösenordet måste ha minst 12 tecken.');
    expect(short.html).toContain('aria-invalid="true"');
    const common = await visitor.post('/losenord/valj', { token, password: 'qwerty123456', repeat: 'qwerty123456' }, link);
    expect(common.html).toContain('Lösenordet är för vanligt');
    const mismatch = await visitor.post('/losenord/valj', { token, password: NEW_PASSWORD, repeat: `${NEW_PASSWORD}!` }, link);
    expect(mismatch.status).toBe(400);
    expect(mismatch.html).toContain('Lösenorden är inte likadana.');

    const done = await visitor.post('/losenord/valj', { token, password: NEW_PASSWORD, repeat: NEW_PASSWORD }, link);
    expect(done).toMatchObject({ status: 303, location: '/logga-in?klart=passwordSet' });
    expect((await visitor.get(done.location!)).html).toContain('Lösenordet är sparat och du är utloggad överallt.');

    // The session from before is over; the new password signs in.
    expect((await elsewhere.get('/mina-atgarder')).status).toBe(303);
    const again = await WebClient.signIn(app, 'handlaggare.sfi@demo.local', { password: NEW_PASSWORD });
    expect((await again.get('/mina-atgarder')).status).toBe(200);

    const used = await visitor.get(link);
    expect(used.status).toBe(400);
    expect(used.html).toContain('Länken är okänd, för gammal eller redan använd.');
    expect(used.html).toContain('href="/losenord/glomt"');
  });

  it('"Byt lösenord" in the user menu: the current password is checked, and only the other devices are signed out', async () => {
    const here = await WebClient.signIn(app, 'chef.sfi@demo.local');
    const there = await WebClient.signIn(app, 'chef.sfi@demo.local');
    const home = await here.get('/rekommendationer');
    expect(home.html).toContain('<a class="button-link" href="/losenord/byt">Byt lösenord</a>');
    expect((await here.get('/losenord/byt')).html).toContain('<h1>Byt lösenord</h1>');

    const wrong = await here.post('/losenord/byt', { currentPassword: 'inte-rätt', newPassword: NEW_PASSWORD, repeat: NEW_PASSWORD }, '/losenord/byt');
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('Det nuvarande lösenordet stämmer inte.');
    const common = await here.post('/losenord/byt', { currentPassword: 'demo-password', newPassword: 'password1234', repeat: 'password1234' }, '/losenord/byt');
    expect(common.html).toContain('Lösenordet är för vanligt');

    const changed = await here.post('/losenord/byt', { currentPassword: 'demo-password', newPassword: NEW_PASSWORD, repeat: NEW_PASSWORD }, '/losenord/byt');
    // It leads to the start page of the user's role (a unit head's: the overview), which says what happened.
    expect(changed).toMatchObject({ status: 303, location: '/?klart=passwordChanged' });
    // The new session's cookie outlives it by a day, as at sign-in, so a form posted after it ended is kept for its user.
    const cookie = changed.setCookies.find((c) => c.startsWith('uf_session='))!;
    expect(Number(/Max-Age=(\d+)/.exec(cookie)![1])).toBeGreaterThan(24 * 3600);
    expect((await here.get(changed.location!)).location).toBe('/oversikt?klart=passwordChanged');
    const landed = await here.open(changed.location!);
    expect(landed.status).toBe(200);
    expect(landed.html).toContain('Lösenordet är bytt. Du är utloggad på alla andra enheter.');
    expect((await there.get('/rekommendationer')).status).toBe(303);
    await WebClient.signIn(app, 'chef.sfi@demo.local', { password: NEW_PASSWORD });
  });

  it('the pages are in English for an English reader', async () => {
    const visitor = WebClient.visitor(app);
    const switched = await visitor.post('/sprak', { lang: 'en', next: '/losenord/glomt' }, '/losenord/glomt');
    expect(switched.status).toBe(303);
    const page = await visitor.get('/losenord/glomt');
    expect(page.html).toContain('<h1>Forgot your password?</h1>');
    expect((await visitor.get('/losenord/valj?token=nope')).html).toContain('The link is unknown, too old or already used.');
  });
});
