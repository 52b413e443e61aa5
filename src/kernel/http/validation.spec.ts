import { BadRequestException } from '@nestjs/common';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsNotBlank } from './not-blank';
import { inputProblems, validationPipe } from './validation';

class TitleRequest {
  @IsString() title: string;
}

/** As the requests declare a required title (RegisterRecommendationRequest). */
class LongTitleRequest {
  @IsString() @MinLength(1) @IsNotBlank() @MaxLength(300) title: string;
}

describe('input validation', () => {
  it('finds the NUL character in any string, naming the field by its path', () => {
    const nul = (value: unknown, path?: string) => inputProblems(value, path).map((p) => p.field);
    expect(nul({ title: 'a\u0000b', meeting: { body: 'ok', date: '\u0000' }, evidence: [{ url: 'x' }, { url: '\u0000' }] })).toEqual([
      'title',
      'meeting.date',
      'evidence.1.url',
    ]);
    expect(nul('a\u0000', 'asOf')).toEqual(['asOf']);
    expect(nul({ title: 'Åtgärd', n: 1, none: null })).toEqual([]);
  });

  it('finds half a character pair, but not a whole one (an emoji is two halves)', () => {
    expect(inputProblems({ title: 'Mål \ud83d', note: '\ude00 först', ok: 'Klart 😀' })).toEqual([
      { field: 'title', message: 'must not contain half of a character pair (a lone surrogate)' },
      { field: 'note', message: 'must not contain half of a character pair (a lone surrogate)' },
    ]);
  });

  it("finds keys named after Object.prototype's members, which class-validator's whitelist took for known fields", () => {
    expect(inputProblems(JSON.parse('{"title":"x","toString":"y","meeting":{"constructor":1,"__proto__":{}}}'))).toEqual([
      { field: 'toString', message: 'is not a known field' },
      { field: 'meeting.constructor', message: 'is not a known field' },
      { field: 'meeting.__proto__', message: 'is not a known field' },
    ]);
  });

  it('refuses it with a 400 naming the field, with or without a DTO', async () => {
    const pipe = validationPipe();
    const refused = (value: unknown, metatype?: new () => object) =>
      pipe.transform(value, { type: 'body', metatype }).then(
        () => null,
        (e: BadRequestException) => ({ status: e.getStatus(), details: (e.getResponse() as { details: unknown }).details }),
      );
    expect(await refused({ title: 'x\u0000' }, TitleRequest)).toEqual({ status: 400, details: [{ field: 'title', message: 'must not contain the NUL character' }] });
    expect(await refused({ from: '\u0000' })).toEqual({ status: 400, details: [{ field: 'from', message: 'must not contain the NUL character' }] });
    expect(await refused({ title: 'Åtgärd' }, TitleRequest)).toBeNull();
  });
});

describe('the message of a refused input', () => {
  it('names each field once', async () => {
    class Body {
      @IsString() title: string;
    }
    const pipe = validationPipe();
    const message = await pipe.transform({ title: 1, extra: true }, { type: 'body', metatype: Body }).then(
      () => null,
      (e: BadRequestException) => (e.getResponse() as { message: string }).message,
    );
    expect(message).toBe('Invalid input: extra is not a known field; title must be a string');
  });

  it("names the other fields' problems beside a key named after Object.prototype's members, and a missing field's absence before its length", async () => {
    const pipe = validationPipe();
    const details = await pipe.transform({ toString: 'x', extra: 1 }, { type: 'body', metatype: LongTitleRequest }).then(
      () => null,
      (e: BadRequestException) => (e.getResponse() as { details: { field: string; message: string }[] }).details,
    );
    expect([...new Set(details?.map((d) => d.field))]).toEqual(['toString', 'extra', 'title']);
    expect(details?.find((d) => d.field === 'title')?.message).toBe('title must not be empty or only whitespace');
  });
});
