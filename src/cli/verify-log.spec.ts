import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { Anchors } from '../audit/anchors/anchors';
import { AuditEventsHandler, AuditEventsQuery } from '../audit/list-events/list-events.query';
import { openDataSource } from '../event-store/data-source';
import { Database } from '../event-store/database';
import { EventStore, type EventMetadata } from '../event-store/event-store';
import { Clock } from '../kernel/clock';
import { parseAppConfig } from '../kernel/config';
import { verifyNdjson } from './verify-log';

const metadata: EventMetadata = {
  actor: { id: 'u1', email: 'revisor@stad.se', name: 'Rut Revisor', role: 'auditor' },
  unit: null,
  reason: 'Åäö, "citat" och \\ tecken',
  correlationId: 'c1',
  causationId: null,
  idempotencyKey: null,
};

/** The app writes and signs; the offline verifier, with none of the app's state, agrees on every hash and signature. */
describe('the offline verifier and the app agree', () => {
  let dir: string;
  let dataSource: DataSource;
  let db: Database;
  let anchors: Anchors;
  let events: AuditEventsHandler;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'uppfoljning-verify-'));
    dataSource = await openDataSource({ type: 'sqlite', path: join(dir, 'log.sqlite') });
    db = new Database(dataSource);
    const clock = new Clock();
    const store = new EventStore(db, clock);
    for (let i = 0; i < 30; i++) {
      const event = { type: 'Noted', data: { i, text: `ärende ${i} ✓`, nested: { a: [1, 2.5, null] } } };
      await db.write((tx) => store.append(tx, `stream-${i % 3}`, [event], { expectedVersion: Math.floor(i / 3), metadata }));
    }
    const config = parseAppConfig({ ANCHOR_DIR: join(dir, 'anchors'), AUDIT_SIGNING_KEY_FILE: writeKey(dir) });
    anchors = new Anchors(db, clock, config);
    events = new AuditEventsHandler(db, store);
  });

  afterAll(async () => {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const exported = async (filter = {}): Promise<string> => {
    const answer = await events.execute(new AuditEventsQuery({ limit: 10_000, ...filter }, true));
    let text = '';
    for await (const page of answer.pages) for (const e of page) text += `${JSON.stringify(e)}\n`;
    return text + (await answer.trailer!());
  };

  it('on the hash of every event and the signature of every anchor', async () => {
    await anchors.anchorAt(10);
    await anchors.anchorHead();
    const verdict = verifyNdjson(await exported(), [anchors.key.publicKey]);
    expect(verdict).toMatchObject({ ok: true, events: 30, anchors: 2, complete: true, signaturesChecked: true, findings: [] });
  });

  it('and the verifier finds what the app would: a changed byte, a removed line, an anchor under another key', async () => {
    const whole = await exported();
    const lines = whole.split('\n');
    const changed = whole.replace('ärende 7 ✓', 'ärende 8 ✓');
    expect(verifyNdjson(changed, [anchors.key.publicKey]).findings[0]).toEqual({ position: 8, kind: 'altered' });
    const removed = lines.filter((l) => !l.startsWith('{"position":12,')).join('\n');
    expect(verifyNdjson(removed, [anchors.key.publicKey]).findings[0]).toEqual({ position: 12, kind: 'missing' });
    const stranger = generateKeyPairSync('ed25519').publicKey;
    expect(verifyNdjson(whole, [stranger]).findings).toEqual([
      { position: 10, kind: 'unsigned' },
      { position: 30, kind: 'unsigned' },
    ]);
    // After a change of key the earlier one's anchors count when its public key is known too.
    expect(verifyNdjson(whole, [stranger, anchors.key.publicKey])).toMatchObject({ ok: true, findings: [] });
  });

  it('a filtered export is a part of the log: its gaps are not missing events, its events still hold', async () => {
    const part = await exported({ streamId: 'stream-1' });
    expect(verifyNdjson(part, [anchors.key.publicKey])).toMatchObject({ ok: true, events: 10, complete: false });
    expect(verifyNdjson(part.replace('ärende 4 ✓', 'ärende 5 ✓'), [anchors.key.publicKey]).findings).toEqual([{ position: 5, kind: 'altered' }]);
  });
});

function writeKey(dir: string): string {
  const file = join(dir, 'key.pem');
  writeFileSync(file, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
  return file;
}
