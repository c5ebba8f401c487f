import assert from 'node:assert/strict';
import { exactRole, headerKey, resolveColumns } from '../../../src/core/template/columnRoles';

const timeline = (...headers: string[]) => resolveColumns('timeline', headers).index;
const actions = (...headers: string[]) => resolveColumns('actionItems', headers).index;

describe('column roles (template/columnRoles.ts)', () => {
  it('resolves the documented timeline synonyms exactly, case, punctuation, emoji and parentheses aside', () => {
    assert.deepStrictEqual(timeline('Time (UTC)', 'Description'), { time: 0, event: 1 });
    assert.deepStrictEqual(timeline('Time', 'Event', 'Actor'), { time: 0, event: 1, actor: 2 });
    assert.deepStrictEqual(timeline('Date/Time', 'What happened', 'Who'), { time: 0, event: 1, actor: 2 });
    assert.deepStrictEqual(timeline('When', 'Action / Impact', 'Source'), { time: 0, event: 1, actor: 2 });
    assert.deepStrictEqual(timeline('⏰ TIMESTAMP', 'Details', 'By'), { time: 0, event: 1, actor: 2 });
    assert.deepStrictEqual(timeline('Date', 'What', 'Owner'), { time: 0, event: 1, actor: 2 });
    assert.deepStrictEqual(timeline('Event', 'Actor', 'Time (PDT)'), { event: 0, actor: 1, time: 2 });
    assert.equal(headerKey('Time (UTC)'), 'time');
  });

  it('"Who/What" is the event column, unless another column is the event: then the actor', () => {
    const alone = resolveColumns('timeline', ['Time', 'Who/What']);
    assert.deepStrictEqual(alone.index, { time: 0, event: 1 });
    assert.deepStrictEqual(alone.ambiguities, ['"Who/What" names the event and the actor: read as the event']);
    assert.deepStrictEqual(timeline('Time', 'Event', 'Who/What'), { time: 0, event: 1, actor: 2 });
  });

  it('a phrase holding a synonym takes the role of its head (last) word', () => {
    assert.deepStrictEqual(timeline('Start time', 'Event description'), { time: 0, event: 1 });
    assert.deepStrictEqual(actions('Action', 'Action owner'), { action: 0, owner: 1 });
  });

  it('never falls back on positions: a table without a time column has no time role, unknown columns no role', () => {
    const resolved = resolveColumns('timeline', ['Moment', 'Happening', 'Notes']);
    assert.deepStrictEqual(resolved.index, {});
    assert.deepStrictEqual(resolved.roles, [undefined, undefined, undefined]);
  });

  it('two headers for one role: the better synonym is read, the other is not, and it is said', () => {
    const resolved = resolveColumns('timeline', ['Date', 'Time', 'Event']);
    assert.deepStrictEqual(resolved.roles, [undefined, 'time', 'event']);
    assert.deepStrictEqual(resolved.ambiguities, ['"Date" and "Time" both name the time column: "Time" is read, "Date" is not']);
  });

  it('configured names come first and match on words too', () => {
    const names = { timeline: { time: 'Zeit', event: ['Ereignis'], actor: 'Wer' }, actionItems: { owner: 'Verantwortlich' } };
    assert.deepStrictEqual(resolveColumns('timeline', ['ZEIT (UTC)', 'Ereignis', 'Wer'], names).index, { time: 0, event: 1, actor: 2 });
    assert.deepStrictEqual(resolveColumns('actionItems', ['Action', 'Verantwortlich', 'Due'], names).index, { action: 0, owner: 1, due: 2 });
    assert.equal(exactRole('timeline', 'Zeit', names), 'time');
    assert.equal(exactRole('timeline', 'Zeit'), undefined);
  });

  it('action items: Task | Assignee | Deadline | State, and the Google shape with no due column', () => {
    assert.deepStrictEqual(actions('Task', 'Assignee', 'Deadline', 'State'), { action: 0, owner: 1, due: 2, status: 3 });
    assert.deepStrictEqual(actions('Action', 'Owner', 'Due Date', 'Status'), { action: 0, owner: 1, due: 2, status: 3 });
    assert.deepStrictEqual(actions('Item', 'DRI', 'By when'), { action: 0, owner: 1, due: 2 });
    const google = resolveColumns('actionItems', ['Action Item', 'Type', 'Owner', 'Bug']);
    assert.deepStrictEqual(google.roles, ['action', undefined, 'owner', undefined]);
  });
});
