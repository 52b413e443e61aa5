import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { unzipSync } from 'fflate';
import { parseAnchor, type Anchor } from '../audit/domain/anchor';
import { ChainCheck, type Problem } from '../audit/domain/chain-check';
import { GENESIS_HASH, chainHash } from '../event-store/event-hash';

/**
 * The offline verifier's checks, with the app's own hash (event-hash.ts) and
 * anchor (audit/domain/anchor.ts) code and nothing else of the app: no
 * database, no configuration. `npm run verify` (verify.ts) reads the file;
 * tests call these directly too.
 */

/** A problem the verifier names: in the log (a position and a kind) or in the file itself (a line, a checksum). */
export type Finding = (Problem & { where?: undefined }) | { where: string; message: string };

export interface Verdict {
  ok: boolean;
  events: number;
  anchors: number;
  /** Whether the events were the log from position 1 on, without a gap (the export said so), or a part of it. */
  complete: boolean;
  /** Where a complete export ended before the log did (a first page: the export said `atHead: false`); null: at its end. */
  endedBefore: number | null;
  /** Whether anchors' signatures were checked (a public key was at hand). */
  signaturesChecked: boolean;
  findings: Finding[];
}

export const describeFinding = (f: Finding): string => (f.where !== undefined ? `${f.where}: ${f.message}` : `${f.kind} at position ${f.position}`);

interface ExportedEvent {
  position: number;
  streamId: string;
  version: number;
  type: string;
  occurredAt: string;
  chain: { schemaVersion: number; data: string; metadata: string; recordedAt: string; prevHash: string; hash: string };
}

const isEvent = (v: Record<string, unknown>): v is ExportedEvent & Record<string, unknown> =>
  Number.isInteger(v.position) && typeof v.streamId === 'string' && typeof v.chain === 'object' && v.chain !== null;

/**
 * An NDJSON export (GET /audit/events?format=ndjson, or an archive's event
 * file): event lines with their chain columns, then `{"anchor": …}` lines and
 * `{"export": {"complete": …}}`. The anchors are read first (they come last),
 * then the events are checked in order against them.
 */
export function verifyNdjson(text: string, publicKeys: KeyObject[] | null, name = 'events', kept: Anchor[] = []): Verdict {
  const findings: Finding[] = [];
  const events: Array<ExportedEvent & Record<string, unknown>> = [];
  // Anchors kept elsewhere (ANCHOR_DIR's file, given with --anchors) count as the file's own do.
  const anchors: Anchor[] = [];
  let complete = false;
  let upTo: number | null = null;
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(line) as Record<string, unknown>;
    } catch {
      findings.push({ where: `${name} line ${i + 1}`, message: 'is not JSON' });
      return;
    }
    if (value.anchor !== undefined) {
      const anchor = parseAnchor(value.anchor);
      if (anchor) anchors.push(anchor);
      else findings.push({ where: `${name} line ${i + 1}`, message: 'is not an anchor' });
    } else if (value.export !== undefined) {
      const said = value.export as { complete?: unknown; upTo?: unknown; atHead?: unknown };
      complete = said.complete === true;
      // A first page of a longer log: anchors kept elsewhere past its end are not its to answer for.
      if (said.atHead === false && typeof said.upTo === 'number') upTo = said.upTo;
    } else if (isEvent(value)) {
      events.push(value);
    } else {
      findings.push({ where: `${name} line ${i + 1}`, message: 'is neither an event with its chain columns nor an anchor' });
    }
  });
  events.sort((a, b) => a.position - b.position);
  const seen = new Set(anchors.map((a) => a.signature));
  for (const a of kept) {
    if (seen.has(a.signature) || (upTo !== null && a.position > upTo)) continue;
    seen.add(a.signature);
    anchors.push(a);
  }
  // Without a key the anchors' hashes are still compared; their signatures are not checked.
  const check = new ChainCheck(anchors, publicKeys, GENESIS_HASH, complete);
  for (const e of events) {
    const { chain } = e;
    const recomputedHash = chainHash(chain.prevHash, {
      position: e.position,
      streamId: e.streamId,
      version: e.version,
      type: e.type,
      schemaVersion: chain.schemaVersion,
      data: chain.data,
      metadata: chain.metadata,
      occurredAt: e.occurredAt,
      recordedAt: chain.recordedAt,
    });
    check.push({ position: e.position, prevHash: chain.prevHash, hash: chain.hash, recomputedHash });
    // What the line shows a reader must be what was hashed: a changed `data`, actor or reason is as altered as a changed hash.
    if (!showsWhatWasStored(e)) check.report(e.position, 'altered');
  }
  const problems = complete ? check.finish() : check.problems;
  findings.push(...problems.sort((a, b) => a.position - b.position));
  return { ok: findings.length === 0, events: events.length, anchors: anchors.length, complete, endedBefore: upTo, signaturesChecked: publicKeys !== null, findings };
}

/** Canonical JSON (keys sorted), so parsed-and-shown values compare with the stored text regardless of key order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );

function showsWhatWasStored(e: ExportedEvent & Record<string, unknown>): boolean {
  try {
    const metadata = JSON.parse(e.chain.metadata) as { actor?: unknown; reason?: unknown };
    return (
      canonical(JSON.parse(e.chain.data)) === canonical(e.data) &&
      canonical(metadata.actor) === canonical(e.actor) &&
      canonical(metadata.reason ?? null) === canonical(e.reason ?? null)
    );
  } catch {
    return false;
  }
}

/** The files of an archive package the manifest lists, with their SHA-256. */
export function manifestChecksums(metsXml: string): Array<{ path: string; sha256: string }> {
  const files: Array<{ path: string; sha256: string }> = [];
  for (const file of metsXml.matchAll(/<mets:file\b[^>]*>[\s\S]*?<\/mets:file>/g)) {
    const sha256 = /CHECKSUM="([0-9a-f]{64})"/.exec(file[0])?.[1];
    const path = /xlink:href="([^"]+)"/.exec(file[0])?.[1];
    if (sha256 && path) files.push({ path: decodeURIComponent(path), sha256 });
  }
  return files;
}

/** Where an archive package keeps what the verifier reads (src/reviews archive, FGS/E-ARK layout). */
export const ARCHIVE_PATHS = {
  mets: 'METS.xml',
  events: 'representations/rep1/data/events.ndjson',
  publicKey: 'representations/rep1/data/public-key.pem',
} as const;

/**
 * An archive package: every file the METS manifest lists is there with its
 * checksum, then the event file is verified with the package's public key,
 * or the one given (which the package's must then be).
 */
export function verifyArchive(zip: Uint8Array, givenKeyPem: string | null, kept: Anchor[] = []): Verdict {
  const files = unzipSync(zip);
  const findings: Finding[] = [];
  const text = (path: string) => (files[path] ? Buffer.from(files[path]).toString('utf8') : null);
  const mets = text(ARCHIVE_PATHS.mets);
  if (mets === null) return failed({ where: ARCHIVE_PATHS.mets, message: 'is missing: this is not an archive package' });
  const listed = manifestChecksums(mets);
  if (listed.length === 0) findings.push({ where: ARCHIVE_PATHS.mets, message: 'lists no files with checksums' });
  for (const { path, sha256 } of listed) {
    const bytes = files[path];
    if (!bytes) findings.push({ where: path, message: 'is listed in METS.xml but missing' });
    else if (createHash('sha256').update(bytes).digest('hex') !== sha256) findings.push({ where: path, message: 'does not match its SHA-256 checksum in METS.xml' });
  }
  for (const path of Object.keys(files)) {
    if (path !== ARCHIVE_PATHS.mets && !path.endsWith('/') && !listed.some((f) => f.path === path)) findings.push({ where: path, message: 'is not listed in METS.xml' });
  }
  const packageKey = text(ARCHIVE_PATHS.publicKey);
  let key: KeyObject | null = null;
  try {
    key = givenKeyPem ? createPublicKey(givenKeyPem) : packageKey ? createPublicKey(packageKey) : null;
    if (givenKeyPem && packageKey && !createPublicKey(packageKey).equals(key!)) {
      findings.push({ where: ARCHIVE_PATHS.publicKey, message: 'is not the public key given with --public-key' });
    }
  } catch (error) {
    findings.push({ where: ARCHIVE_PATHS.publicKey, message: `is not a public key: ${(error as Error).message}` });
  }
  const events = text(ARCHIVE_PATHS.events);
  if (events === null) return { ...failed({ where: ARCHIVE_PATHS.events, message: 'is missing' }), findings: [...findings, { where: ARCHIVE_PATHS.events, message: 'is missing' }] };
  const verdict = verifyNdjson(events, key ? [key] : null, ARCHIVE_PATHS.events, kept);
  const all = [...findings, ...verdict.findings];
  return { ...verdict, ok: all.length === 0, findings: all };
}

/**
 * The anchors of ANCHOR_DIR's file (anchors.ndjson) for one database: each
 * line names its installation; a file that holds several needs `installation`.
 */
export function keptAnchors(text: string, installation: string | null): Anchor[] {
  const lines = text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const installations = [...new Set(lines.map((l) => l.installation).filter((i): i is string => typeof i === 'string'))];
  if (!installation && installations.length > 1) {
    throw new Error(`the anchors file holds the anchors of ${installations.length} databases (${installations.join(', ')}): name one with --installation`);
  }
  return lines.filter((l) => !installation || l.installation === installation).flatMap((l) => parseAnchor(l) ?? []);
}

const failed = (finding: Finding): Verdict => ({ ok: false, events: 0, anchors: 0, complete: false, endedBefore: null, signaturesChecked: false, findings: [finding] });
