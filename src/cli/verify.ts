import { readFileSync } from 'node:fs';
import { createPublicKey } from 'node:crypto';
import { parseArgs } from 'node:util';
import { describeFinding, keptAnchors, verifyArchive, verifyNdjson, type Verdict } from './verify-log';

const USAGE = 'Usage: npm run verify -- <archive.zip | events.ndjson> [--public-key key.pem] [--anchors ANCHOR_DIR/anchors.ndjson [--installation id]]';

/**
 * `npm run verify -- <file> [--public-key key.pem]`: checks an archive
 * package (a review's zip) or an NDJSON export of the audit log without the
 * app or its database: the manifest's checksums, the hash chain with the
 * app's own hash code, the anchors against it and their signatures. Exits 0
 * when all holds, 1 naming the first problem (and the others after it), 2 on
 * a usage or file error.
 */
function main(): number {
  let args;
  try {
    args = parseArgs({ allowPositionals: true, options: { 'public-key': { type: 'string' }, anchors: { type: 'string' }, installation: { type: 'string' } } });
  } catch {
    args = null;
  }
  if (!args || args.positionals.length !== 1) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const { values, positionals: [file] } = args;
  let verdict: Verdict;
  try {
    const keyPem = values['public-key'] ? readFileSync(values['public-key'], 'utf8') : null;
    const kept = values.anchors ? keptAnchors(readFileSync(values.anchors, 'utf8'), values.installation ?? null) : [];
    const bytes = readFileSync(file);
    const zip = bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    verdict = zip ? verifyArchive(bytes, keyPem, kept) : verifyNdjson(bytes.toString('utf8'), keyPem ? [createPublicKey(keyPem)] : null, file, kept);
  } catch (error) {
    process.stderr.write(`verify: ${(error as Error).message}\n`);
    return 2;
  }
  const scope = !verdict.complete
    ? 'a part of the log (events that follow each other are linked; each event is checked against its own hash)'
    : verdict.endedBefore !== null
      ? `the log from its start to position ${verdict.endedBefore}, NOT the whole log: it went on after that (export the rest with after=${verdict.endedBefore})`
      : 'the whole log';
  const signatures = verdict.signaturesChecked ? 'signatures checked' : 'signatures NOT checked (no public key: give --public-key)';
  if (!verdict.ok) {
    process.stderr.write(`verify: ${file}: FAILED: ${describeFinding(verdict.findings[0])}\n`);
    for (const f of verdict.findings.slice(1, 20)) process.stderr.write(`  also: ${describeFinding(f)}\n`);
    return 1;
  }
  process.stdout.write(`verify: ${file}: OK: ${verdict.events} events (${scope}), ${verdict.anchors} anchors, ${signatures}\n`);
  return 0;
}

process.exitCode = main();
