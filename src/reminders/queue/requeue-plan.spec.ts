import type { Reminder } from '../domain/reminder-plan';
import { FIRST_PAGE, jobsToRequeue, nextCursor, type PipelineReply } from './requeue-plan';

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

describe('which reminders are queued again', () => {
  const page = [reminder('id-1', '2012-04-17T06:00:00.000Z'), reminder('id-2', '2012-04-17T06:00:00.000Z'), reminder('id-3', '2012-04-10T06:00:00.000Z')];

  it('only those whose job Redis does not have, under their own id, waiting until their send time', () => {
    const exists: PipelineReply[] = [
      [null, 0],
      [null, 1],
      [null, 0],
    ];
    expect(jobsToRequeue(page, exists, NOW, 'reminder')).toEqual([
      { name: 'reminder', data: page[0], opts: { jobId: 'id-1', delay: 3_600_000 } },
      { name: 'reminder', data: page[2], opts: { jobId: 'id-3', delay: 0 } },
    ]);
  });

  it('none when Redis has every job', () => {
    expect(jobsToRequeue(page, page.map((): PipelineReply => [null, 1]), NOW, 'reminder')).toEqual([]);
  });

  it('a lookup that failed fails the page instead of taking the job for present or missing', () => {
    const exists: PipelineReply[] = [
      [null, 0],
      [new Error('LOADING Redis is loading the dataset in memory'), null],
      [null, 0],
    ];
    expect(() => jobsToRequeue(page, exists, NOW, 'reminder')).toThrow('LOADING Redis is loading the dataset in memory');
  });

  it('an answer missing or of the wrong length fails the page', () => {
    expect(() => jobsToRequeue(page, null, NOW, 'reminder')).toThrow('Redis answered 0 of 3 job lookups');
    expect(() => jobsToRequeue(page, [[null, 0]], NOW, 'reminder')).toThrow('Redis answered 1 of 3 job lookups');
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
