import type { KeyObject } from 'node:crypto';
import { anchorSignatureHolds, keyIdOf, type Anchor } from './anchor';

/**
 * What a verification found, at which position:
 * - altered: a row's hash does not match its content, or does not link to the row before;
 * - missing: positions are absent (a gap, or rows removed from the start);
 * - forged: the chain holds but differs from an anchor at that position, or an anchor's signature fails;
 * - truncated: the log ends before an anchored position, or a read model's checkpoint points past its end;
 * - unsigned: an anchor signed by a key the verifier does not know (its signature cannot vouch for anything),
 *   or (the app's check) events stored longer ago than the anchor interval that no anchor covers yet.
 */
export type ProblemKind = 'altered' | 'missing' | 'forged' | 'truncated' | 'unsigned';

export interface Problem {
  position: number;
  kind: ProblemKind;
}

/** A stored event as the checker needs it: its links, and the hash recomputed from its stored content over its own prev hash. */
export interface CheckedRow {
  position: number;
  prevHash: string;
  hash: string;
  recomputedHash: string;
}

/** More than this many problems are not listed: the first ones say where to look. */
export const MAX_PROBLEMS = 1000;

/**
 * Checks a log row by row, in position order, against its anchors, without
 * holding the log: the app streams the table into it, the offline verifier
 * a file. `complete`: the rows are the whole log from position 1 (an export
 * of a review's streams is not: there gaps are expected, and only rows that
 * follow each other are linked).
 */
export class ChainCheck {
  readonly problems: Problem[] = [];
  /** Events that hold, counted from the first until the first problem. */
  checkedEvents = 0;
  /** The hash the log holds up to `checkedEvents`: the head when nothing is wrong. */
  headHash: string;
  private last: { position: number; hash: string } | null = null;
  private broken = false;
  private readonly anchorsAt = new Map<number, Anchor[]>();
  private readonly anchors: Anchor[];

  constructor(
    anchors: Anchor[],
    /** The keys anchors may be signed with; null: signatures are not checked (the offline verifier without a key), hashes still are. */
    publicKeys: KeyObject[] | null,
    private readonly genesisHash: string,
    private readonly complete = true,
  ) {
    this.headHash = genesisHash;
    this.anchors = [...anchors].sort((a, b) => a.position - b.position);
    for (const anchor of this.anchors) {
      const key = publicKeys === null || publicKeys.find((k) => anchorSignatureHolds(anchor, k));
      if (!key) {
        const known = (publicKeys ?? []).some((k) => keyIdOf(k) === anchor.keyId);
        this.report(anchor.position, known ? 'forged' : 'unsigned');
        continue;
      }
      this.anchorsAt.set(anchor.position, [...(this.anchorsAt.get(anchor.position) ?? []), anchor]);
    }
  }

  get anchorsChecked(): number {
    return this.anchors.length;
  }

  push(row: CheckedRow): void {
    const before = this.problems.length;
    const expected = (this.last?.position ?? 0) + 1;
    const follows = row.position === expected;
    if (row.position < expected) this.report(row.position, 'altered');
    else if (!follows && this.complete) this.report(expected, 'missing');
    else if ((follows || this.complete) && row.prevHash !== (this.last?.hash ?? this.genesisHash)) this.report(row.position, 'altered');
    if (row.hash !== row.recomputedHash) this.report(row.position, 'altered');
    for (const anchor of this.anchorsAt.get(row.position) ?? []) if (anchor.headHash !== row.hash) this.report(row.position, 'forged');
    const fine = this.problems.length === before;
    if (!fine) this.broken = true;
    if (fine && (!this.broken || !this.complete)) {
      this.checkedEvents++;
      this.headHash = row.hash;
    }
    this.last = { position: row.position, hash: row.hash };
  }

  /** After the last row: anchors past the end say the log was cut. */
  finish(): Problem[] {
    const end = this.last?.position ?? 0;
    for (const [position] of this.anchorsAt) if (position > end) this.report(position, 'truncated');
    return this.problems;
  }

  /** The position the log ends at, as far as it was read. */
  get endPosition(): number {
    return this.last?.position ?? 0;
  }

  report(position: number, kind: ProblemKind): void {
    if (this.problems.length >= MAX_PROBLEMS) return;
    if (this.problems.some((p) => p.position === position && p.kind === kind)) return;
    this.problems.push({ position, kind });
  }
}
