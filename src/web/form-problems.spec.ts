import { InternalServerErrorException, ServiceUnavailableException } from '@nestjs/common';
import { ReportProgressRequest } from '../recommendations/report-progress/report-progress.request';
import { RecordDecisionRequest } from '../recommendations/record-decision/record-decision.request';
import { conflict, forbidden, invalid } from '../kernel/domain-error';
import { dictionary } from './i18n';
import { formInputName, messageFor, refusal, validateForm, wholeNumber } from './form-problems';

const sv = dictionary('sv');
const en = dictionary('en');

describe('form problems', () => {
  it("validates with the API's DTO and names each form field in the user's language", async () => {
    const result = await validateForm(
      ReportProgressRequest,
      { progressPercent: wholeNumber('140'), note: '', evidence: [{ title: 'Karta', url: 'ftp://x' }] },
      sv,
      (field) => formInputName(field, [3]),
    );
    expect(result).toEqual({
      ok: false,
      fields: { progressPercent: sv.errors.percent, note: sv.errors.required, evidenceUrl3: sv.errors.url },
    });
  });

  it('passes a form with nothing to check (a withdrawal is only its button), which made the page answer 500', async () => {
    class NothingToCheck {}
    await expect(validateForm(NothingToCheck, {}, sv)).resolves.toEqual({ ok: true, value: new NothingToCheck() });
  });

  it('maps nested meeting fields and passes valid input through', async () => {
    const bad = await validateForm(RecordDecisionRequest, { decision: 'maybe', reason: 'x', meeting: { body: 'AMN', date: '2012-02-30' } }, en, formInputName);
    expect(bad).toEqual({ ok: false, fields: { decision: en.errors.choice, meetingDate: en.errors.date } });
    const good = await validateForm(RecordDecisionRequest, { decision: 'accepted', reason: 'Ja' }, en);
    expect(good.ok).toBe(true);
  });

  it("turns the domain's refusals into the user's language, keeping the domain's sentence as detail", () => {
    expect(refusal(forbidden('Only the unit sfi may report progress'), 'f', sv)).toEqual({
      form: 'f',
      message: sv.errors.forbidden,
      detail: 'Only the unit sfi may report progress',
      fields: {},
      status: 403,
    });
    expect(refusal(conflict('already due'), 'f', en).status).toBe(409);
    expect(refusal(invalid('A reason is required', [{ field: 'reason', message: 'must not be empty' }]), 'f', sv).fields).toEqual({ reason: sv.errors.required });
    // A new due date in the past says so, not "check the value".
    const past = invalid('dueDate 2012-01-01 is before today (2012-04-10)', [{ field: 'dueDate', message: 'must not be before today, 2012-04-10' }]);
    expect(refusal(past, 'f', sv).fields).toEqual({ dueDate: 'Datumet kan inte ligga före i dag.' });
    expect(() => refusal(new Error('boom'), 'f', sv)).toThrow('boom');
  });

  it('keeps the form, filled in, for what could not be done right now (503) and says why; any other failure of ours is an error page', () => {
    expect(refusal(new ServiceUnavailableException('The report could not be made: the app was stopping'), 'f', sv)).toEqual({
      form: 'f',
      message: sv.errors.unavailable,
      detail: 'The report could not be made: the app was stopping',
      fields: {},
      status: 503,
    });
    expect(() => refusal(new InternalServerErrorException('boom'), 'f', sv)).toThrow('boom');
  });

  it('calls a missing address an address, not too long: a missing value fails isEmail and maxLength alike', () => {
    expect(messageFor('ownerEmail', ['isEmail', 'maxLength'], sv)).toBe('Ange en giltig e-postadress.');
    expect(messageFor('title', ['maxLength'], sv)).toBe('Texten är för lång.');
  });

  it('keeps anything but a whole number as typed, so the DTO names it', () => {
    expect(wholeNumber(' 40 ')).toBe(40);
    expect(wholeNumber('4.5')).toBe('4.5');
    expect(wholeNumber('')).toBe('');
  });
});
