/**
 * How deeply a JSON body may nest. The deepest body the API takes is three
 * levels (a progress report's evidence links); twenty leaves room for any
 * client's envelope and still stops the bodies that cost real CPU: a 90 kB
 * body of nested arrays parses quickly, but the validation that follows
 * recurses once per level and ends in a stack overflow.
 */
export const MAX_JSON_DEPTH = 20;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/**
 * Whether a JSON text nests deeper than `limit`, in one pass over its code
 * units without parsing it: brackets and braces count outside strings only.
 * It takes the raw bytes of UTF-8 (no byte of a multi-byte character is
 * ASCII) or, for other encodings, the decoded text. Malformed JSON is not its
 * concern: the parser refuses that afterwards.
 */
export function nestsDeeperThan(text: Uint8Array | string, limit = MAX_JSON_DEPTH): boolean {
  const at: (i: number) => number = typeof text === 'string' ? (i) => text.charCodeAt(i) : (i) => text[i];
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = at(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
      depth--;
    }
  }
  return false;
}

/** What express.json's `verify` throws for such a body: body-parser keeps its status and type. */
export class JsonTooDeep extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';

  constructor(readonly limit: number) {
    super(`The request body nests deeper than ${limit} levels`);
    this.name = 'JsonTooDeep';
  }
}

/** express.json's `verify` hook: runs on the raw body before it is parsed. */
export function refuseDeepJson(_req: unknown, _res: unknown, body: Buffer, encoding: string | null): void {
  const utf8 = !encoding || /^utf-?8$/i.test(encoding);
  const text = utf8 ? body : decode(body, encoding);
  if (nestsDeeperThan(text)) throw new JsonTooDeep(MAX_JSON_DEPTH);
}

/** Other charsets body-parser accepts for JSON (UTF-16); one TextDecoder cannot read is scanned as bytes. */
function decode(body: Buffer, encoding: string): Uint8Array | string {
  try {
    return new TextDecoder(encoding).decode(body);
  } catch {
    return body;
  }
}
