import { readFileSync } from 'node:fs';
import { createPublicKey } from 'node:crypto';
import { describeFinding, keptAnchors, verifyArchive, verifyNdjson, type Verdict } from './verify-log';

const USAGE = 'Usage: npm run verify -- <archive.zip | events.ndjson> [--public-key key.pem] [--anchors ANCHOR_DIR/anchors.ndjson [--installation id]]';

/** The value after `--name`, and the arguments without the pair. */
function option(args: string[], name: string): { value: string | null; rest: string[]; missing: boolean } {
  const at = args.indexOf(name);
  if (at < 0) return { value: null, rest: args, missing: false };
  const value = args[at + 1] ?? null;
  return { value, rest: args.filter((_, i) => i !== at && i !== at + 1), missing: value === null || value.startsWith('--') };
}

/**
 * `npm run verify -- <file> [--public-key key.pem]`: checks an archive
 * package (a review's zip) or an NDJSON export of the audit log without the
 * app or its database: the manifest's checksums, the hash chain with the
 * app's own hash code, the anchors against it and their signatures. Exits 0
 * when all holds, 1 naming the first problem (and the others after it), 2 on
 * a usage or file error.
 */
function main(): number {
  const key = option(process.argv.slice(2), '--public-key');
  const anchorsOption = option(key.rest, '--anchors');
  const installation = option(anchorsOption.rest, '--installation');
  const keyFile = key.value;
  const files = installation.rest;
  if (files.length !== 1 || files[0].startsWith('-') || key.missing || anchorsOption.missing || installation.missing) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const [file] = files;
  let verdict: Verdict;
  try {
    const keyPem = keyFile ? readFileSync(keyFile, 'utf8') : null;
    const kept = anchorsOption.value ? keptAnchors(readFileSync(anchorsOption.value, 'utf8'), installation.value) : [];
    const bytes = readFileSync(file);
    const zip = bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    verdict = zip ? verifyArchive(bytes, keyPem, kept) : verifyNdjson(bytes.toString('utf8'), keyPem ? [createPublicKey(keyPem)] : null, file, kept);
  } catch (error) {
    process.stderr.write(`verify: ${(error as Error).message}\n`);
    return 2;
  }
  const scope = verdict.complete ? 'the whole log' : 'a part of the log (events that follow each other are linked; each event is checked against its own hash)';
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
