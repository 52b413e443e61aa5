import type { INestApplication } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Database } from '../src/event-store/database';
import { Clock } from '../src/kernel/clock';
import { CommentMails, MAX_ATTEMPTS } from '../src/recommendations/discussion/comment-mails';
import { eventually, SmtpReceiver } from './support/smtp-receiver';
import { api, bearer, binary, demoTokens, givenAcceptedR2WithAnAction, startApp, TestDatabase } from './support/test-app';

/** A small but real PDF: what a scanned protocol starts and ends with. */
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <</Type /Catalog>> endobj\n', 'latin1'), Buffer.alloc(4096, 0x20), Buffer.from('\ntrailer <<>>\n%%EOF\n')]);
/** A Linux program: its ELF header, whatever it is called. */
const PROGRAM = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(512, 0)]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('attachments as evidence and comments on an action', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let smtp: SmtpReceiver;
  let t: Awaited<ReturnType<typeof demoTokens>>;
  let r2: string;
  let actionId: string;

  beforeAll(async () => {
    db = await TestDatabase.create();
    // The unit head's mailbox refuses mail, as a server does for an unknown address.
    smtp = await SmtpReceiver.start({ refuse: ['chef.sfi@demo.local'] });
    app = await startApp(db, { SMTP_URL: smtp.url, MAIL_FROM: 'uppfoljning@stad.test', APP_NOW: '2012-06-01T08:00:00Z' });
    t = await demoTokens(app);
    ({ r2, actionId } = await givenAcceptedR2WithAnAction(app, t, { title: 'Uppsökande möten i Rinkeby', dueDate: '2012-09-30' }));
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await db?.drop();
  });

  const attach = (token: string, bytes: Buffer, name: string) =>
    api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/attachments`).set(bearer(token)).attach('file', bytes, name);

  it('takes a PDF, gives it back byte for byte as a download, and names its SHA-256 in the history', async () => {
    const added = await attach(t.sfiOfficer, PDF, 'protokoll 2012-05-30.pdf').expect(201);
    expect(added.body).toEqual({ id: expect.any(String), filename: 'protokoll 2012-05-30.pdf', contentType: 'application/pdf', size: PDF.length, sha256: sha256(PDF) });

    const got = await api(app)
      .get(`/api/v1/attachments/${added.body.id}`)
      .set(bearer(t.auditor))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(Buffer.compare(got.body as Buffer, PDF)).toBe(0);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toBe('attachment; filename="protokoll 2012-05-30.pdf"');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    await api(app).get(`/api/v1/attachments/${added.body.id}`).expect(401);

    const history = await api(app).get(`/api/v1/recommendations/${r2}/history`).set(bearer(t.auditor)).expect(200);
    const event = history.body.find((e: { type: string }) => e.type === 'AttachmentAdded');
    expect(event.data).toMatchObject({ actionId, attachmentId: added.body.id, filename: 'protokoll 2012-05-30.pdf', sha256: sha256(PDF), size: PDF.length });

    // The same file again is a second attachment of the same stored bytes.
    const again = await attach(t.sfiHead, PDF, 'kopia.pdf').expect(201);
    expect(again.body.sha256).toBe(added.body.sha256);
    const [{ n }] = await app.get(Database).query<{ n: number | string }>('SELECT COUNT(*) AS n FROM attachment_blobs WHERE sha256 = ?', [sha256(PDF)]);
    expect(Number(n)).toBe(1);
    const listed = await api(app).get(`/api/v1/recommendations/${r2}/actions/${actionId}/attachments`).set(bearer(t.secretary)).expect(200);
    expect(listed.body.map((a: { filename: string }) => a.filename).slice(0, 2)).toEqual(['protokoll 2012-05-30.pdf', 'kopia.pdf']);
  });

  it('takes a CSV by its UTF-8 text and keeps its Swedish name; a PNG sent as .pdf is served as the PNG it is', async () => {
    const csv = await attach(t.sfiOfficer, Buffer.from('namn;datum\nÅsa Öberg;2012-05-30\n'), 'närvarolista möte.csv').expect(201);
    expect(csv.body).toMatchObject({ filename: 'närvarolista möte.csv', contentType: 'text/csv; charset=utf-8' });
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001', 'hex');
    const photo = await attach(t.sfiOfficer, png, 'foto.pdf').expect(201);
    expect(photo.body).toMatchObject({ filename: 'foto.pdf.png', contentType: 'image/png' });
    const got = await api(app).get(`/api/v1/attachments/${csv.body.id}`).set(bearer(t.sfiHead)).expect(200);
    expect(got.headers['content-disposition']).toBe(`attachment; filename="n?rvarolista m?te.csv"; filename*=UTF-8''n%C3%A4rvarolista%20m%C3%B6te.csv`);
  });

  it('answers the same Idempotency-Key with the same file by the first attachment, and with another file by 409', async () => {
    const first = await attach(t.sfiOfficer, PDF, 'en gång.pdf').set('Idempotency-Key', 'bilaga-1').expect(201);
    const again = await attach(t.sfiOfficer, PDF, 'en gång.pdf').set('Idempotency-Key', 'bilaga-1').expect(201);
    expect(again.body).toEqual(first.body);
    await attach(t.sfiOfficer, Buffer.from('annat\n'), 'annat.txt').set('Idempotency-Key', 'bilaga-1').expect(409);
    const listed = await api(app).get(`/api/v1/recommendations/${r2}/actions/${actionId}/attachments`).set(bearer(t.secretary)).expect(200);
    expect(listed.body.filter((f: { filename: string }) => f.filename === 'en gång.pdf')).toHaveLength(1);
  });

  it('refuses a program renamed .pdf with 415, a file over 25 MB with 413, and another unit’s officer with 403', async () => {
    const refused = await attach(t.sfiOfficer, PROGRAM, 'protokoll.pdf').expect(415);
    expect(refused.body.message).toContain('protokoll.pdf');
    await attach(t.sfiOfficer, Buffer.alloc(26 * 1024 * 1024, 0x41), 'stor.txt').expect(413);
    await attach(t.utredningOfficer, PDF, 'protokoll.pdf').expect(403);
    await attach(t.auditor, PDF, 'protokoll.pdf').expect(403);
    // Still answering after all of it.
    await api(app).get(`/api/v1/recommendations/${r2}`).set(bearer(t.sfiOfficer)).expect(200);
    const history = await api(app).get(`/api/v1/recommendations/${r2}/history`).set(bearer(t.auditor)).expect(200);
    expect(history.body.filter((e: { type: string }) => e.type === 'AttachmentAdded')).toHaveLength(5);
  });

  it('lists a comment for staff, mails the others in the thread, and keeps it off /oppet and the public API', async () => {
    const posted = await api(app)
      .post(`/api/v1/recommendations/${r2}/actions/${actionId}/comments`)
      .set(bearer(t.secretary))
      .send({ text: 'Kan ni bifoga närvarolistan från mötet i Rinkeby?' })
      .expect(201);
    expect(posted.body).toMatchObject({ id: expect.any(String), text: 'Kan ni bifoga närvarolistan från mötet i Rinkeby?', author: { email: 'sekreterare@demo.local' } });
    // The owner hears of it.
    const [toOwner] = await eventually(() => {
      const mails = smtp.to('handlaggare.sfi@demo.local');
      expect(mails).toHaveLength(1);
      return mails;
    });
    expect(toOwner.parsed.subject).toBe('Ny kommentar på R2: Uppsökande möten i Rinkeby');
    expect(toOwner.parsed.text).toContain('Kan ni bifoga närvarolistan från mötet i Rinkeby?');
    expect(toOwner.parsed.text).toContain(`/rekommendationer/${r2}`);

    // The owner answers: the secretary, who wrote before, hears of it; the writer does not.
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/comments`).set(bearer(t.sfiOfficer)).send({ text: 'Den kommer i morgon.' }).expect(201);
    await eventually(() => expect(smtp.to('sekreterare@demo.local')).toHaveLength(1));
    expect(smtp.to('handlaggare.sfi@demo.local')).toHaveLength(1);

    const listed = await api(app).get(`/api/v1/recommendations/${r2}/actions/${actionId}/comments`).set(bearer(t.auditor)).expect(200);
    expect(listed.body.map((c: { text: string }) => c.text)).toEqual(['Kan ni bifoga närvarolistan från mötet i Rinkeby?', 'Den kommer i morgon.']);

    await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/comments`).set(bearer(t.auditor)).send({ text: 'Revisorn' }).expect(403);
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/comments`).set(bearer(t.utredningOfficer)).send({ text: 'Fel enhet' }).expect(403);
    const blank = await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/comments`).set(bearer(t.secretary)).send({ text: '  ' }).expect(400);
    expect(JSON.stringify(blank.body)).toContain('text');

    const history = await api(app).get(`/api/v1/recommendations/${r2}/history`).set(bearer(t.auditor)).expect(200);
    expect(history.body.filter((e: { type: string }) => e.type === 'ActionCommented')).toHaveLength(2);

    // Search finds a comment in another word form ("närvarolista" → "närvarolistan"), for staff only.
    const found = await api(app).get('/api/v1/search?q=närvarolista').set(bearer(t.auditor)).expect(200);
    expect(found.body).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'comment', recommendationId: r2, actionId, code: 'R2' })]));
    await api(app).get('/api/v1/search?q=närvarolista').expect(401);

    const publicBody = JSON.stringify((await api(app).get('/api/v1/public/recommendations').expect(200)).body);
    const publicPage = (await api(app).get('/oppet').expect(200)).text;
    for (const text of [publicBody, publicPage]) {
      expect(text).not.toContain('närvarolistan');
      expect(text).not.toContain('protokoll');
      expect(text).not.toContain(sha256(PDF));
    }
  });

  it('a comment mail that fails is recorded in the history, and the comment stays', async () => {
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/comments`).set(bearer(t.sfiHead)).send({ text: 'Jag tar det med nämnden.' }).expect(201);
    // The head wrote before: the secretary's next comment is mailed to the owner, who wrote, and the head, whose server refuses it.
    await api(app).post(`/api/v1/recommendations/${r2}/actions/${actionId}/comments`).set(bearer(t.secretary)).send({ text: 'Tack!' }).expect(201);
    await eventually(() => expect(smtp.to('handlaggare.sfi@demo.local').filter((m) => m.parsed.text?.includes('Tack!'))).toHaveLength(1));
    // The refused mail is tried again later (comment-mails.ts), and recorded once the last try fails.
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt += 1) {
      await eventually(async () => expect((await app.get(Database).query('SELECT id FROM comment_mails WHERE recipient = ? AND attempts = ? AND last_error IS NOT NULL', ['chef.sfi@demo.local', attempt - 1])).length).toBe(1));
      app.get(Clock).advance(60 * 60_000);
      await app.get(CommentMails).sweepNow();
    }
    await eventually(async () => {
      const history = await api(app).get(`/api/v1/recommendations/${r2}/history`).set(bearer(t.auditor)).expect(200);
      const failed = history.body.filter((e: { type: string; data: { kind?: string } }) => e.type === 'ReminderRecorded' && e.data.kind === 'comment');
      expect(failed).toEqual([expect.objectContaining({ data: expect.objectContaining({ recipient: 'chef.sfi@demo.local', outcome: 'failed', actionId }) })]);
    });
    const listed = await api(app).get(`/api/v1/recommendations/${r2}/actions/${actionId}/comments`).set(bearer(t.sfiHead)).expect(200);
    expect(listed.body.at(-1).text).toBe('Tack!');
  });

  it('names each attached file and its SHA-256 in the report’s evidence', async () => {
    const cycleId = (await api(app).get('/api/v1/cycles').set(bearer(t.secretary))).body[0].id;
    const made = await api(app)
      .post('/api/v1/reports')
      .set(bearer(t.secretary))
      .send({ cycleId, milestoneKey: 'T1', asOf: new Date(Date.now() + 60_000).toISOString(), language: 'sv', format: 'csv' })
      .expect(201);
    const file = await api(app).get(`/api/v1/reports/${made.body.id}/content`).set(bearer(t.secretary)).buffer(true).expect(200);
    const csv = String(file.text);
    expect(csv).toContain(`protokoll 2012-05-30.pdf (SHA-256 ${sha256(PDF)}) </api/v1/attachments/`);
    expect(csv).toContain(`kopia.pdf (SHA-256 ${sha256(PDF)})`);
  });
});
