import { MAX_JSON_DEPTH, nestsDeeperThan, refuseDeepJson } from './json-depth';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('JSON nesting depth, without parsing', () => {
  it('counts arrays and objects alike, up to the limit', () => {
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(nestsDeeperThan('{"a":{"b":{"c":[1,{"d":2}]}}}', 5)).toBe(false);
    expect(nestsDeeperThan('{"a":{"b":{"c":[1,{"d":2}]}}}', 4)).toBe(true);
  });

  it('siblings do not add up: depth is how far in, not how many', () => {
    expect(nestsDeeperThan(`[${Array(1000).fill('{"a":[1]}').join(',')}]`, 3)).toBe(false);
  });

  it('brackets inside strings, escaped quotes included, do not count', () => {
    expect(nestsDeeperThan(JSON.stringify({ note: '[[[[[[{{{{{{', quoted: 'a \\" [[[[[[[' }), 1)).toBe(false);
    expect(nestsDeeperThan(JSON.stringify({ note: 'ends with a backslash \\' , next: [[[]]] }), 3)).toBe(true);
  });

  it('reads UTF-8 bytes and decoded text the same', () => {
    const text = JSON.stringify({ titel: 'Åtgärd – “Järva” ☃', evidence: [{ url: 'https://example.org/å' }] });
    expect(nestsDeeperThan(Buffer.from(text, 'utf8'), 2)).toBe(nestsDeeperThan(text, 2));
    expect(nestsDeeperThan(Buffer.from(text, 'utf8'), 3)).toBe(false);
  });

  it('the verify hook refuses a deep body with 400 and passes the others, in UTF-8 and UTF-16', () => {
    expect(() => refuseDeepJson(null, null, Buffer.from(nested(90_000)), 'utf-8')).toThrow(expect.objectContaining({ status: 400, type: 'entity.too.deep' }));
    expect(() => refuseDeepJson(null, null, Buffer.from('{"email":"a@b.se"}'), 'utf-8')).not.toThrow();
    expect(() => refuseDeepJson(null, null, Buffer.from(nested(30), 'utf16le'), 'utf-16le')).toThrow(expect.objectContaining({ status: 400 }));
    // U+5B5B is two '[' bytes in UTF-16: decoded, it is one character of text.
    expect(() => refuseDeepJson(null, null, Buffer.from(JSON.stringify({ t: '\u5b5b'.repeat(50) }), 'utf16le'), 'utf-16le')).not.toThrow();
  });
});
