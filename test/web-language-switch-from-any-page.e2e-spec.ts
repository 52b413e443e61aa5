import type { INestApplication } from '@nestjs/common';
import { api, bearer, login, startApp, TestDatabase } from './support/test-app';
import { WebClient } from './support/web-client';

/** The language switch in the page's header: where it posts, the form token it carries and the page it leads back to. */
const languageForm = (html: string) => {
  const form = /<form method="post" action="\/sprak"[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? '';
  return { token: /name="_csrf" value="([^"]*)"/.exec(form)?.[1], next: /name="next" value="([^"]*)"/.exec(form)?.[1]?.replace(/&#x2F;|&#47;/g, '/') };
};

describe('the language switch works from every page, and leads back to the page it was on', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await TestDatabase.create();
    app = await startApp(db, { APP_NOW: '2012-04-10T08:00:00Z' });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('on the page for an address that does not exist, signed out or in, the switch carries a form token and turns the page English', async () => {
    for (const web of [WebClient.visitor(app), await WebClient.signIn(app, 'sekreterare@demo.local')]) {
      const missing = await web.get('/finns-inte');
      expect(missing.status).toBe(404);
      expect(missing.html).toContain('<h1>Finns inte</h1>');
      const form = languageForm(missing.html);
      expect(form.token).toMatch(/.{20,}/);
      expect(form.next).toBe('/finns-inte');
      const switched = await web.post('/sprak', { lang: 'en', next: '/finns-inte' }, '/finns-inte');
      expect(switched.status).toBe(303);
      expect(switched.location).toBe('/finns-inte');
      const english = await web.get('/finns-inte');
      expect(english.html).toContain('<html lang="en"');
      expect(english.html).toContain('does not exist');
      expect(english.html).toContain('<title>Not found – ');
    }
  });

  it('after a form the server refused, the switch leads back to the form’s page, not to the address the form posts to', async () => {
    const secretary = await login(app, 'sekreterare@demo.local');
    const list = await api(app).get('/api/v1/recommendations').set(bearer(secretary)).expect(200);
    const r4 = (list.body as { id: string; code: string }[]).find((r) => r.code === 'R4')!.id;
    const web = await WebClient.signIn(app, 'sekreterare@demo.local');
    const refused = await web.post(`/rekommendationer/${r4}/beslut`, { decision: '', reason: '', _from: `/rekommendationer/${r4}` }, `/rekommendationer/${r4}`);
    expect(refused.status).toBe(400);
    expect(languageForm(refused.html).next).toBe(`/rekommendationer/${r4}`);
    const switched = await web.post('/sprak', { lang: 'en', next: `/rekommendationer/${r4}` }, `/rekommendationer/${r4}`);
    expect(switched.location).toBe(`/rekommendationer/${r4}`);
    expect((await web.get(switched.location!)).status).toBe(200);
  });

  it('signing in on a browser that never chose a language shows the pages in the user’s own; a choice made before stays', async () => {
    const admin = await login(app, 'admin@demo.local');
    const auditor = (await api(app).get('/api/v1/users').set(bearer(admin)).expect(200)).body.find((u: { email: string }) => u.email === 'revisor@demo.local');
    await api(app).patch(`/api/v1/users/${auditor.id}`).set(bearer(admin)).send({ language: 'en', reason: 'Läser helst engelska' }).expect(200);

    const fresh = await WebClient.signIn(app, 'revisor@demo.local');
    expect((await fresh.open(fresh.landedOn!)).html).toContain('<html lang="en"');

    const chose = WebClient.visitor(app);
    await chose.post('/sprak', { lang: 'sv', next: '/logga-in' }, '/logga-in');
    const signedIn = await chose.post('/logga-in', { email: 'revisor@demo.local', password: 'demo-password' }, '/logga-in');
    expect(signedIn.status).toBe(303);
    expect((await chose.open(signedIn.location!)).html).toContain('<html lang="sv"');
  });
});
