import type { Actor, Role } from '../../kernel/actor';
import { DomainError } from '../../kernel/domain-error';
import { refusal } from '../../../test/support/refusal';
import { decideReport, evolveReport, type GeneratedReport, type ReportCommand } from './report.decide';

const actor = (role: Role): Actor => ({ id: role, email: `${role}@demo.local`, name: role, role, unit: role === 'officer' || role === 'unit_head' ? 'sfi' : null });

const report: GeneratedReport = {
  id: 'rep-1',
  cycleId: 'vp-2012',
  milestoneKey: 'T1',
  reviewId: null,
  asOf: '2012-04-30T23:59:59.999Z',
  language: 'sv',
  format: 'pdf',
  position: 42,
  sha256: 'a'.repeat(64),
  fileName: 'uppfoljning-T1-2012-sv.pdf',
  contentType: 'application/pdf',
};
const record: ReportCommand = { type: 'RecordGeneratedReport', report };

describe('report rules', () => {
  it.each<Role>(['secretary', 'admin'])('a %s makes a report: one ReportGenerated event with what was made', (role) => {
    const events = decideReport(record, null, actor(role));
    expect(events).toEqual([{ type: 'ReportGenerated', data: report }]);
    expect(evolveReport(null, events[0])).toEqual({ id: 'rep-1', version: 1 });
  });

  it.each<Role>(['officer', 'unit_head', 'auditor'])('a %s may not make reports', (role) => {
    const error = refusal(() => decideReport(record, null, actor(role)));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.kind).toBe('forbidden');
  });

  it('a report already recorded is not recorded again', () => {
    const state = evolveReport(null, { type: 'ReportGenerated', data: report });
    expect(refusal(() => decideReport(record, state, actor('secretary'))).kind).toBe('conflict');
  });
});
