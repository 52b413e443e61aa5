import { keptFields } from './form-drafts';
import { formNamed } from './web-pages';

describe('what a form posted after the session ended keeps', () => {
  it('keeps what was typed, never the form token, the page it came from, a password or anything not text', () => {
    const body = {
      _csrf: 'token',
      _from: '/rekommendationer/1',
      note: 'Ringde Järva',
      progressPercent: '55',
      currentPassword: 'hemligt',
      newPassword: 'hemligare',
      password: 'x',
      evidence: ['a', 'b'],
    };
    expect(keptFields(body)).toEqual({ note: 'Ringde Järva', progressPercent: '55' });
    expect(keptFields(undefined)).toEqual({});
  });
});

describe('which form on a page a kept post belongs to', () => {
  const page = `
    <form method="post" action="/sprak"><input type="hidden" name="lang" value="en"></form>
    <form method="post" action="/rekommendationer/r/atgarder/a1/framsteg#progress-a1-errors" class="stack">
      <input type="hidden" name="_csrf" value="x">
      <input id="progress-a1-progressPercent" name="progressPercent" type="number" value="0">
      <textarea id="progress-a1-note" name="note"></textarea>
    </form>
    <form method="post" action="/rekommendationer/r/atgarder/a2/framsteg#progress-a2-errors">
      <textarea id="progress-a2-note" name="note"></textarea>
    </form>`;

  it('is the one posting to the same address (its fragment aside), named by its fields’ ids', () => {
    expect(formNamed(page, { action: '/rekommendationer/r/atgarder/a2/framsteg' })).toBe('progress-a2');
    expect(formNamed(page, { action: '/rekommendationer/r/atgarder/a1/framsteg' })).toBe('progress-a1');
  });

  it('is none when the page has no such form (it is no longer offered) or the form has no named fields', () => {
    expect(formNamed(page, { action: '/rekommendationer/r/atgarder/a3/framsteg' })).toBeNull();
    expect(formNamed(page, { action: '/sprak' })).toBeNull();
  });
});
