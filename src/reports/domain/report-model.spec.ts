import type { RecommendationState } from '../../recommendations/domain/recommendation.state';
import { RecordedHistory } from '../../../test/fixtures/reports/recorded-history';
import { renderedAt } from '../../../test/fixtures/reports/report-test-helpers';
import { STOCKHOLM_CYCLE, STOCKHOLM_REVIEW, STOCKHOLM_UNITS, stockholmHistory, stockholmT1Input, t1InputOf } from '../../../test/fixtures/reports/stockholm-t1-2012';
import { buildReportModel, compareCodes, type ReportInput, type ReportModel } from './report-model';

const byCode = (model: ReportModel, code: string) => {
  const found = model.recommendations.find((r) => r.code === code);
  if (!found) throw new Error(`no ${code} in the report`);
  return found;
};

describe('the committee report model', () => {
  describe('given the Stockholm review at Tertialrapport 1 2012, in Swedish', () => {
    const model = buildReportModel(stockholmT1Input('sv'));

    it('is titled by the milestone and year, names the review and states the as-of instant and event position', () => {
      expect(model.title).toBe('Uppföljning av rekommendationer – Tertialrapport 1 2012');
      expect(model.reviewTitle).toBe(STOCKHOLM_REVIEW.title);
      expect(model.asOf).toBe('2012-04-30T23:59:59.999Z');
      expect(model.asOfText).toBe('2012-04-30 23:59 UTC');
      expect(model.position).toBe(67);
      expect(model.locale).toBe('sv-SE');
    });

    it('lists every recommendation by code with its status in Swedish words', () => {
      expect(model.recommendations.map((r) => [r.code, r.title, r.statusText])).toEqual([
        ['R1', 'Dialog', 'Pågående'],
        ['R2', 'Uppsökande verksamhet', 'Pågående'],
        ['R3', 'Dela erfarenheter', 'Pågående'],
        ['R4', 'Förbättra uppföljning av kurserna', 'Pågående'],
        ['R5', 'Synlig strategi', 'Bordlagd'],
      ]);
    });

    it('summarises recommendations per status and the open, overdue and completed actions', () => {
      expect(model.summary.byStatus.map((s) => [s.label, s.count])).toEqual([
        ['Bordlagd', 1],
        ['Pågående', 4],
      ]);
      const { actions } = model.summary;
      expect([actions.total.count, actions.open.count, actions.overdue.count, actions.completed.count, actions.cancelled.count]).toEqual([
        8, 6, 1, 1, 1,
      ]);
      expect(model.summary.byTrafficLight.map((l) => [l.label, l.count])).toEqual([
        ['Röd', 1],
        ['Gul', 2],
        ['Grön', 2],
      ]);
    });

    it('shows the committee decision with its reason and meeting reference', () => {
      const decision = byCode(model, 'R5').decision;
      expect(decision).toMatchObject({
        outcomeText: 'Bordlagd',
        reason: 'Bordläggs i avvaktan på stadens nya integrationsprogram, som väntas hösten 2012.',
        meeting: { body: 'Arbetsmarknadsnämnden', date: '2012-02-21', paragraph: '§ 9', diaryNumber: '302-118/2012' },
        meetingText: 'Arbetsmarknadsnämnden 2012-02-21, § 9, dnr 302-118/2012',
      });
    });

    it('sets each traffic light by the stated rule and says which part applied', () => {
      expect(model.recommendations.map((r) => [r.code, r.trafficLightText, r.trafficLightReason])).toEqual([
        ['R1', 'Grön', 'Följer planen'],
        ['R2', 'Röd', '1 åtgärd är försenad'],
        ['R3', 'Grön', 'Följer planen'],
        ['R4', 'Gul', '1 åtgärd har slutdatum inom 30 dagar och under 50 % framsteg'],
        ['R5', 'Gul', 'Bordlagd, väntar på nytt beslut'],
      ]);
      expect(model.trafficLightRule.map((r) => r.text.slice(0, 4))).toEqual(['Röd:', 'Gul:', 'Grön']);
    });

    it('shows each action with unit, owner, due date (and the original when moved), status, progress and latest note', () => {
      const council = byCode(model, 'R1').actions[1];
      expect(council).toMatchObject({
        responsibleUnitText: 'Utvecklings- och utredningsstaben',
        owner: 'handlaggare.utredning@demo.local',
        dueDate: '2012-09-30',
        originalDueDate: '2012-04-15',
        dueText: '2012-09-30 (ursprungligen 2012-04-15)',
        statusText: 'Pågående',
        progressText: '10\u00a0%',
        latestNote: { atText: '2012-04-20', note: 'Förslag till arbetsordning för rådet är skickat på remiss till fem invandrarorganisationer.' },
      });
      const survey = byCode(model, 'R2').actions[0];
      expect(survey).toMatchObject({ overdue: true, statusText: 'Pågående, försenad', originalDueDate: null, dueText: '2012-03-31' });
      expect(byCode(model, 'R2').actions[1].evidence).toEqual([
        { title: 'Inbjudan informationsträffar (pdf)', url: 'https://dokument.example.se/amf/sfi/inbjudan-informationstraffar-2012.pdf' },
      ]);
    });

    it('lists what changed in the period: decisions, new actions, completions, cancellations and reschedules with reasons', () => {
      const kinds = model.changes.map((c) => c.kindText);
      expect(kinds.filter((k) => k === 'Beslut')).toHaveLength(5);
      expect(kinds.filter((k) => k === 'Ny åtgärd')).toHaveLength(8);
      expect(model.changes.find((c) => c.kind === 'action_rescheduled')).toMatchObject({
        recommendationCode: 'R1',
        subject: 'Inrätta ett invandrarråd med bred representation av stadens invandrargrupper',
        details: 'Från 2012-04-15 till 2012-09-30',
        reason: 'Rådets ordförande och ledamöter utses av nämnden först i juni; arbetet skjuts till hösten.',
      });
      expect(model.changes.find((c) => c.kind === 'action_completed')).toMatchObject({ recommendationCode: 'R3' });
      expect(model.changes.find((c) => c.kind === 'action_cancelled')?.reason).toContain('Skolverket');
      expect(model.changes.map((c) => c.position)).toEqual([...model.changes.map((c) => c.position)].sort((a, b) => a - b));
      expect(model.changesSinceText).toBe('Händelser från planens början (2012-01-01) fram till uppgiftsdagen.');
    });

    it('leaves progress reports out of the changes, as each action shows its latest note', () => {
      expect(model.changes.some((c) => c.subject.includes('lägesrapport'))).toBe(false);
      expect(model.changes).toHaveLength(5 + 8 + 1 + 1 + 1);
    });
  });

  describe('given the same facts in English', () => {
    const model = buildReportModel(stockholmT1Input('en'));

    it('speaks English in every label, status and heading, with en-GB dates', () => {
      expect(model.title).toBe('Follow-up of recommendations – Tertialrapport 1 2012');
      expect(model.labels.summary).toBe('Summary');
      expect(model.labels.changes).toBe('Changes since the previous report');
      expect(byCode(model, 'R5').statusText).toBe('Deferred');
      expect(byCode(model, 'R2').actions[0].statusText).toBe('In progress, overdue');
      expect(byCode(model, 'R1').actions[1].dueText).toBe('30 September 2012 (originally 15 April 2012)');
      expect(model.asOfText).toBe('30 April 2012, 23:59 UTC');
      expect(model.milestone.dueDateText).toBe('22 May 2012');
      expect(byCode(model, 'R1').progressText).toBe('25%');
      expect(model.locale).toBe('en-GB');
    });
  });

  describe('given an action due on the as-of day and one due the day before', () => {
    const history = new RecordedHistory()
      .record('r', '2012-01-10T10:00:00Z', 's@x', {
        type: 'RecommendationRegistered',
        data: { recommendationId: 'r', reviewId: STOCKHOLM_REVIEW.id, code: 'R1', title: 'T', text: 'T', textEn: null, responsibleUnit: 'sfi' },
      })
      .record('r', '2012-01-11T10:00:00Z', 's@x', { type: 'RecommendationDecided', data: { decision: 'accepted', reason: 'ok', meeting: null } })
      .record('r', '2012-01-12T10:00:00Z', 's@x', {
        type: 'ActionAdded',
        data: { actionId: 'today', title: 'A', description: null, responsibleUnit: 'sfi', ownerEmail: 'o@x', dueDate: '2012-04-30' },
      })
      .record('r', '2012-01-12T10:01:00Z', 's@x', {
        type: 'ActionAdded',
        data: { actionId: 'yesterday', title: 'B', description: null, responsibleUnit: 'sfi', ownerEmail: 'o@x', dueDate: '2012-04-29' },
      });

    it('counts only the one due before the as-of UTC date as overdue', () => {
      const model = buildReportModel(t1InputOf(history, { asOf: '2012-04-30T00:00:00.000Z' }));
      expect(model.recommendations[0].actions.map((a) => [a.id, a.overdue])).toEqual([
        ['today', false],
        ['yesterday', true],
      ]);
      expect(model.recommendations[0].decision?.meetingText).toBeNull();
    });
  });

  describe('given a decision whose meeting came in as [] before the API refused it (stored as a meeting with no body or date)', () => {
    const history = new RecordedHistory()
      .record('r', '2012-01-10T10:00:00Z', 's@x', {
        type: 'RecommendationRegistered',
        data: { recommendationId: 'r', reviewId: STOCKHOLM_REVIEW.id, code: 'R1', title: 'T', text: 'T', textEn: null, responsibleUnit: 'sfi' },
      })
      .record('r', '2012-01-11T10:00:00Z', 's@x', { type: 'RecommendationDecided', data: { decision: 'accepted', reason: 'ok', meeting: {} as never } });

    it('is made, the decision naming no meeting, instead of failing on the missing date', () => {
      const model = buildReportModel(t1InputOf(history, { asOf: '2012-04-30T00:00:00.000Z' }));
      expect(model.recommendations[0].decision).toMatchObject({ outcome: 'accepted', reason: 'ok', meeting: null, meetingText: null });
    });
  });

  describe('given the report for Tertialrapport 2', () => {
    it('lists only the changes after Tertialrapport 1 and says so', () => {
      const input = stockholmHistory().reportInput({
        language: 'sv',
        review: STOCKHOLM_REVIEW,
        cycle: STOCKHOLM_CYCLE,
        milestone: STOCKHOLM_CYCLE.milestones[1],
        previousMilestone: STOCKHOLM_CYCLE.milestones[0],
        asOf: '2012-08-31T23:59:59.999Z',
        changesSince: '2012-01-01',
        unitNames: STOCKHOLM_UNITS,
      });
      const model = buildReportModel(input);
      expect(model.title).toBe('Uppföljning av rekommendationer – Tertialrapport 2 2012');
      expect(model.changes).toEqual([]);
      expect(model.changesSinceText).toBe(
        'Händelser efter föregående rapport (Tertialrapport 1, period t.o.m. 2012-04-30) fram till uppgiftsdagen.',
      );
      expect(byCode(model, 'R1').actions[0]).toMatchObject({ overdue: true, statusText: 'Pågående, försenad' });
    });
  });

  describe('given changes of a recommendation outside the report', () => {
    it('leaves them out', () => {
      const input = stockholmT1Input('sv');
      const foreign = { ...input.changes[0], streamId: 'recommendation-of-another-review', position: 9999 };
      const model = buildReportModel({ ...input, changes: [...input.changes, foreign] });
      expect(model.changes.map((c) => c.position)).not.toContain(9999);
    });
  });

  describe('given codes past R9', () => {
    it('orders them by number, R2 before R10', () => {
      expect(['R10', 'R2', 'R1', 'R1a', 'Q3'].sort(compareCodes)).toEqual(['Q3', 'R1', 'R1a', 'R2', 'R10']);
      const input = stockholmT1Input('sv');
      const renamed = input.recommendations.map((r, i): RecommendationState => ({ ...r, code: `R${[10, 2, 33, 1, 9][i]}` }));
      expect(buildReportModel({ ...input, recommendations: renamed }).recommendations.map((r) => r.code)).toEqual([
        'R1',
        'R2',
        'R9',
        'R10',
        'R33',
      ]);
    });
  });

  describe('when built twice, years apart', () => {
    it('is the same model: nothing depends on the time it is built', async () => {
      const input: ReportInput = stockholmT1Input('sv');
      const first = await renderedAt('2012-05-02T08:00:00Z', () => buildReportModel(input));
      const later = await renderedAt('2031-11-17T22:13:00Z', () => buildReportModel(input));
      expect(later).toEqual(first);
    });
  });
});
