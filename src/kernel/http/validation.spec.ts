import { BadRequestException } from '@nestjs/common';
import { IsString } from 'class-validator';
import { fieldsWithNul, validationPipe } from './validation';

class TitleRequest {
  @IsString() title: string;
}

describe('input validation', () => {
  it('finds the NUL character in any string, naming the field by its path', () => {
    expect(fieldsWithNul({ title: 'a\u0000b', meeting: { body: 'ok', date: '\u0000' }, evidence: [{ url: 'x' }, { url: '\u0000' }] })).toEqual([
      'title',
      'meeting.date',
      'evidence.1.url',
    ]);
    expect(fieldsWithNul('a\u0000', 'asOf')).toEqual(['asOf']);
    expect(fieldsWithNul({ title: 'Åtgärd', n: 1, none: null })).toEqual([]);
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
});
