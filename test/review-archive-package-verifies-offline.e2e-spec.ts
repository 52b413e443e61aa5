import type { INestApplication } from '@nestjs/common';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { runCli } from './support/cli';
import { api, bearer, binary, demoTokens, startApp, TEST_DATABASE, TestDatabase } from './support/test-app';
import { WebClient } from './support/web-client';

const EVENTS = 'representations/rep1/data/events.ndjson';

/** `npm run verify -- …` with neither the app's database nor its configuration: the verifier must need none. */
const verify = (args: string[]) => runCli('verify', args, { PATH: process.env.PATH ?? '/usr/bin:/bin' });

describe(`a review's archive package, verified offline (${TEST_DATABASE})`, () => {
  let db: TestDatabase;
  let app: INestApplication;
  let dir: string;
  let t: Awaited<ReturnType<typeof demoTokens>>;
  let reviewId: string;
  let archive: string;
  let publicKey: string;

  beforeAll(async () => {
    db = await TestDatabase.create();
    dir = mkdtempSync(join(tmpdir(), 'uppfoljning-archive-'));
    app = await startApp(db, { ANCHOR_DIR: join(dir, 'anchors') });
    t = await demoTokens(app);
    reviewId = (await api(app).get('/api/v1/reviews').set(bearer(t.secretary)).expect(200)).body[0].id;
    const cycleId = (await api(app).get('/api/v1/cycles').set(bearer(t.secretary))).body[0].id;
    const asOf = new Date().toISOString();
    await api(app).post('/api/v1/reports').set(bearer(t.secretary)).send({ cycleId, milestoneKey: 'T1', reviewId, asOf, language: 'sv', format: 'pdf' }).expect(201);
    const zip = await api(app).get(`/api/v1/reviews/${reviewId}/archive`).set(bearer(t.auditor)).buffer(true).parse(binary).expect(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    archive = join(dir, 'package.zip');
    writeFileSync(archive, zip.body as Buffer);
    publicKey = join(dir, 'public-key.pem');
    writeFileSync(publicKey, (await api(app).get('/api/v1/audit/public-key').set(bearer(t.auditor)).expect(200)).text);
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is laid out after FGS/E-ARK CSIP, with every file in METS.xml under its SHA-256', () => {
    const listing = execFileSync('unzip', ['-l', archive], { encoding: 'utf8' });
    for (const path of ['METS.xml', EVENTS, 'representations/rep1/data/anchors.ndjson', 'representations/rep1/data/public-key.pem']) expect(listing).toContain(path);
    expect(listing).toMatch(/representations\/rep1\/data\/reports\/[0-9a-f]{8}-\S+\.pdf/);
    const files = unzipSync(new Uint8Array(readFileSync(archive)));
    const mets = strFromU8(files['METS.xml']);
    for (const [path, bytes] of Object.entries(files).filter(([p]) => p !== 'METS.xml')) {
      expect(mets).toContain(`CHECKSUM="${createHash('sha256').update(bytes).digest('hex')}" CHECKSUMTYPE="SHA-256">\n        <mets:FLocat LOCTYPE="URL" xlink:type="simple" xlink:href="${encodeURI(path)}"/>`);
    }
    const pdf = Object.entries(files).find(([p]) => p.endsWith('.pdf'))![1];
    expect(Buffer.from(pdf).toString('latin1')).toMatch(/<pdfaid:part>2<\/pdfaid:part>\s*<pdfaid:conformance>B<\/pdfaid:conformance>/);
    const lines = strFromU8(files[EVENTS]).trim().split('\n').map((l) => JSON.parse(l));
    const events = lines.filter((l) => l.position !== undefined);
    expect(events.length).toBeGreaterThan(5);
    expect(new Set(events.map((e) => e.streamId.split('-')[0]))).toEqual(new Set(['review', 'recommendation']));
    expect(events[0]).toMatchObject({ chain: { prevHash: expect.stringMatching(/^[0-9a-f]{64}$/), hash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    // The review's newest event is signed: the package pins it.
    expect(lines).toContainEqual({ anchor: expect.objectContaining({ position: events[events.length - 1].position, headHash: events[events.length - 1].chain.hash }) });
  });

  it('verifies offline, with its own public key and with the one given', async () => {
    const own = await verify([archive]);
    expect(own).toMatchObject({ code: 0, stdout: expect.stringMatching(/OK: \d+ events .* \d+ anchors, signatures checked/) });
    expect((await verify([archive, '--public-key', publicKey])).code).toBe(0);
  });

  it('fails, naming it, when one byte of its event file changes: the checksum, and with the checksum redone, the event', async () => {
    const files = unzipSync(new Uint8Array(readFileSync(archive)));
    const text = strFromU8(files[EVENTS]);
    const at = text.indexOf('"data":{') + '"data":{'.length + 2;
    const changed = strToU8(text.slice(0, at) + (text[at] === 'x' ? 'y' : 'x') + text.slice(at + 1));
    const position = JSON.parse(text.split('\n')[0]).position;
    const tampered = join(dir, 'tampered.zip');
    writeFileSync(tampered, zipSync({ ...files, [EVENTS]: changed }));
    const found = await verify([tampered]);
    expect(found.code).toBe(1);
    expect(found.stderr).toContain(`FAILED: ${EVENTS}: does not match its SHA-256 checksum in METS.xml`);
    const oldSum = createHash('sha256').update(files[EVENTS]).digest('hex');
    const newSum = createHash('sha256').update(changed).digest('hex');
    const mets = strToU8(strFromU8(files['METS.xml']).replace(oldSum, newSum));
    const forged = join(dir, 'forged.zip');
    writeFileSync(forged, zipSync({ ...files, [EVENTS]: changed, 'METS.xml': mets }));
    const altered = await verify([forged]);
    expect(altered.code).toBe(1);
    expect(altered.stderr).toContain(`FAILED: altered at position ${position}`);
  });

  it('the whole log exported as NDJSON verifies offline too, and a line removed from it is missing', async () => {
    const ndjson = (await api(app).get('/api/v1/audit/events?format=ndjson&limit=10000').set(bearer(t.auditor)).expect(200)).text;
    const file = join(dir, 'events.ndjson');
    writeFileSync(file, ndjson);
    expect(await verify([file, '--public-key', publicKey])).toMatchObject({ code: 0, stdout: expect.stringContaining('(the whole log)') });
    const lines = ndjson.split('\n');
    writeFileSync(file, [...lines.slice(0, 3), ...lines.slice(4)].join('\n'));
    expect(await verify([file, '--public-key', publicKey])).toMatchObject({ code: 1, stderr: expect.stringContaining('FAILED: missing at position 4') });
  });

  it("a first page of the log verifies as such, not as the whole log: where it ends, and how to get the rest", async () => {
    const firstPage = await api(app).get('/api/v1/audit/events?format=ndjson&limit=10').set(bearer(t.auditor)).expect(200);
    expect(firstPage.headers['x-next-after']).toBe('10');
    const file = join(dir, 'first-page.ndjson');
    writeFileSync(file, firstPage.text);
    const verdict = await verify([file, '--public-key', publicKey]);
    expect(verdict).toMatchObject({ code: 0, stdout: expect.stringContaining('OK: 10 events (the log from its start to position 10, NOT the whole log: it went on after that (export the rest with after=10)') });
    expect(verdict.stdout).not.toContain('(the whole log)');
  });

  it('with the anchors kept in ANCHOR_DIR, an export of a log cut short (its anchors deleted too) is truncated', async () => {
    const kept = join(dir, 'anchors', 'anchors.ndjson');
    const ndjson = (await api(app).get('/api/v1/audit/events?format=ndjson&limit=10000').set(bearer(t.auditor)).expect(200)).text;
    const file = join(dir, 'cut.ndjson');
    writeFileSync(file, ndjson);
    expect(await verify([file, '--public-key', publicKey, '--anchors', kept])).toMatchObject({ code: 0 });
    // What the database would export after its newest events and every anchor were deleted behind the app.
    const firstAnchored = Math.min(...readFileSync(kept, 'utf8').trim().split('\n').map((l) => JSON.parse(l).position as number));
    const lines = ndjson.trim().split('\n').map((l) => JSON.parse(l));
    const cut = lines.filter((l) => l.position !== undefined && l.position < firstAnchored);
    writeFileSync(file, [...cut, { export: { complete: true, upTo: firstAnchored - 1, atHead: true } }].map((l) => JSON.stringify(l)).join('\n'));
    expect(await verify([file, '--public-key', publicKey])).toMatchObject({ code: 0 });
    expect(await verify([file, '--public-key', publicKey, '--anchors', kept])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`FAILED: truncated at position ${firstAnchored}`),
    });
  });

  it('is offered on the review page to secretaries and auditors, not to officers, and refused to them', async () => {
    const secretary = await WebClient.signIn(app, 'sekreterare@demo.local');
    const page = await secretary.get(`/granskningar/${reviewId}`);
    expect(page.html).toContain(`href="/granskningar/${reviewId}/arkivpaket"`);
    expect(page.html).toContain('Hämta arkivpaket (zip)');
    const download = await secretary.get(`/granskningar/${reviewId}/arkivpaket`);
    expect(download.status).toBe(200);
    const officer = await WebClient.signIn(app, 'handlaggare.sfi@demo.local');
    expect((await officer.get(`/granskningar/${reviewId}`)).html).not.toContain('arkivpaket');
    await api(app).get(`/api/v1/reviews/${reviewId}/archive`).set(bearer(t.sfiOfficer)).expect(403);
    await api(app).get('/api/v1/reviews/00000000-0000-4000-8000-000000000000/archive').set(bearer(t.auditor)).expect(404);
  });
});
