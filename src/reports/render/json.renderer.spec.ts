import { buildReportModel } from '../domain/report-model';
import { stockholmT1Input } from '../../../test/fixtures/reports/stockholm-t1-2012';
import { renderJson } from './json.renderer';

describe('the JSON report', () => {
  const model = buildReportModel(stockholmT1Input('sv'));
  const rendered = renderJson(model);
  const text = rendered.content.toString('utf8');

  it('is the model itself, pretty-printed', () => {
    expect(JSON.parse(text)).toEqual(model);
    expect(text).toContain('\n  "asOf": "2012-04-30T23:59:59.999Z",\n');
    expect(rendered.contentType).toBe('application/json; charset=utf-8');
  });

  it('writes keys in sorted order at every level, whatever order the model was built in', () => {
    const reversed = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).reverse()) as T;
    const rebuilt = { ...reversed(model), summary: reversed(model.summary) };
    expect(Object.keys(rebuilt)[0]).not.toBe(Object.keys(model)[0]);
    expect(renderJson(rebuilt).content.equals(rendered.content)).toBe(true);
    const keys = Object.keys(JSON.parse(text));
    expect(keys).toEqual([...keys].sort());
  });

  it('keeps Swedish characters as they are', () => {
    expect(text).toContain('"title": "Förbättra uppföljning av kurserna"');
  });
});
