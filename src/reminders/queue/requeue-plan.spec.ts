import type { Reminder } from '../domain/reminder-plan';
import { FIRST_PAGE, nextCursor, requeuePlan, type PipelineReply } from './requeue-plan';

const reminder = (id: string, sendAt: string): Reminder => ({
  id,
  kind: 'action_overdue',
  recipient: 'handlaggare.sfi@demo.local',
  recommendationId: 'r2',
  actionId: 'a1',
  milestoneKey: null,
  cycleId: null,
  sendAt,
  dueKey: '2012-04-16/week-1',
});

const NOW = new Date('2012-04-17T05:00:00.000Z');
/** HMGET <job key> timestamp finishedOn, as ioredis answers it. */
const missing: PipelineReply = [null, [null, null]];
const live: PipelineReply = [null, ['1334638800000', null]];
const finished: PipelineReply = [null, ['1334638800000', '1334642400000']];

describe('which reminders are queued again', () => {
  const page = [
    reminder('id-1', '2012-04-17T06:00:00.000Z'),
    reminder('id-2', '2012-04-17T06:00:00.000Z'),
    reminder('id-3', '2012-04-10T06:00:00.000Z'),
    reminder('id-4', '2012-04-10T06:00:00.000Z'),
  ];

  it('a reminder whose job Redis does not have is added under its own id, waiting until its send time (or not at all when that has passed)', () => {
    expect(requeuePlan(page, [missing, live, missing, live], NOW, 'reminder')).toEqual({
      add: [
        { name: 'reminder', data: page[0], opts: { jobId: 'id-1', delay: 3_600_000 } },
        { name: 'reminder', data: page[2], opts: { jobId: 'id-3', delay: 0 } },
      ],
      retry: [],
    });
  });

  it('a job that finished while its reminder is still unrecorded is retried; a waiting, delayed or running one is left alone', () => {
    expect(requeuePlan(page, [live, finished, live, finished], NOW, 'reminder')).toEqual({ add: [], retry: [page[1], page[3]] });
  });

  it('nothing when Redis has a live job for every reminder', () => {
    expect(requeuePlan(page, page.map(() => live), NOW, 'reminder')).toEqual({ add: [], retry: [] });
  });

  it('a lookup that failed fails the page instead of taking the job for present or missing', () => {
    const replies: PipelineReply[] = [missing, [new Error('LOADING Redis is loading the dataset in memory'), null], missing, missing];
    expect(() => requeuePlan(page, replies, NOW, 'reminder')).toThrow('LOADING Redis is loading the dataset in memory');
  });

  it('an answer missing or of the wrong length fails the page', () => {
    expect(() => requeuePlan(page, null, NOW, 'reminder')).toThrow('Redis answered 0 of 4 job lookups');
    expect(() => requeuePlan(page, [missing], NOW, 'reminder')).toThrow('Redis answered 1 of 4 job lookups');
  });
});

describe('paging through the unfinished reminders', () => {
  it('a full page continues after its last reminder; a short page is the last', () => {
    const page = [reminder('b', '2012-04-17T06:00:00.000Z'), reminder('a', '2012-04-24T06:00:00.000Z')];
    expect(nextCursor(page, 2)).toEqual({ sendAt: '2012-04-24T06:00:00.000Z', id: 'a' });
    expect(nextCursor(page, 3)).toBeNull();
    expect(nextCursor([], 500)).toBeNull();
  });

  it('the first page starts before every stored instant and id', () => {
    expect(FIRST_PAGE.sendAt < '1900-01-01T00:00:00.000Z').toBe(true);
    expect(FIRST_PAGE.id < '00000000-0000-0000-0000-000000000000').toBe(true);
  });
});
