import * as assert from 'node:assert/strict';
import { formatDuration, parseDuration } from '../../src/core/durations';

/** `text -> minutes [consumed text]`, or `text -> none`. */
function read(text: string): string {
  const parsed = parseDuration(text);
  if (!parsed) return `${text} -> none`;
  return `${text} -> ${Math.round(parsed.minutes * 1000) / 1000} [${text.slice(parsed.start, parsed.end)}]`;
}

describe('durations', () => {
  describe('parseDuration', () => {
    it('reads the forms the SPEC names', () => {
      assert.deepEqual(['2h 35m', '155 minutes', '1 hour 20 minutes', '1d 3h'].map(read), [
        '2h 35m -> 155 [2h 35m]',
        '155 minutes -> 155 [155 minutes]',
        '1 hour 20 minutes -> 80 [1 hour 20 minutes]',
        '1d 3h -> 1620 [1d 3h]',
      ]);
    });

    it('reads other common spellings, units and joiners', () => {
      assert.deepEqual(
        ['2 hours 35 minutes', '45m', '2h35m', '2 hrs 5 mins', '90 min', '1 day, 3 hours', '2 hours and 35 minutes', '1h + 5m', '2H 35M', '1w 2d', '90s', '3 days'].map(read),
        [
          '2 hours 35 minutes -> 155 [2 hours 35 minutes]',
          '45m -> 45 [45m]',
          '2h35m -> 155 [2h35m]',
          '2 hrs 5 mins -> 125 [2 hrs 5 mins]',
          '90 min -> 90 [90 min]',
          '1 day, 3 hours -> 1620 [1 day, 3 hours]',
          '2 hours and 35 minutes -> 155 [2 hours and 35 minutes]',
          '1h + 5m -> 65 [1h + 5m]',
          '2H 35M -> 155 [2H 35M]',
          '1w 2d -> 12960 [1w 2d]',
          '90s -> 1.5 [90s]',
          '3 days -> 4320 [3 days]',
        ],
      );
    });

    it('reads decimals: 2.5 hours is 150 minutes', () => {
      assert.deepEqual(['2.5 hours', '1.5h', '0.5 d'].map(read), ['2.5 hours -> 150 [2.5 hours]', '1.5h -> 90 [1.5h]', '0.5 d -> 720 [0.5 d]']);
    });

    it('reads ISO 8601 durations', () => {
      assert.deepEqual(['PT2H35M', 'P1DT3H', 'pt45m', 'PT', 'P'].map(read), ['PT2H35M -> 155 [PT2H35M]', 'P1DT3H -> 1620 [P1DT3H]', 'pt45m -> 45 [pt45m]', 'PT -> none', 'P -> none']);
    });

    it('includes a leading approximation in the duration it returns', () => {
      assert.deepEqual(['~2h 35m', 'about 155 minutes', 'approx. 2h', '  ≈ 45m'].map(read), [
        '~2h 35m -> 155 [~2h 35m]',
        'about 155 minutes -> 155 [about 155 minutes]',
        'approx. 2h -> 120 [approx. 2h]',
        '  ≈ 45m -> 45 [≈ 45m]',
      ]);
    });

    it('stops at the end of the duration and allows a remark after it', () => {
      assert.deepEqual(['2h 35m (14:02 to 16:37)', '155 minutes total', '2h 35m, 14:02-16:37', '2h 35m, from alert to all clear'].map(read), [
        '2h 35m (14:02 to 16:37) -> 155 [2h 35m]',
        '155 minutes total -> 155 [155 minutes]',
        '2h 35m, 14:02-16:37 -> 155 [2h 35m]',
        '2h 35m, from alert to all clear -> 155 [2h 35m]',
      ]);
    });

    it('rejects what is not a length: bare numbers, clock forms, months, prose, a dangling number', () => {
      assert.deepEqual(
        ['155', '2:35', '14:02-16:37', '2 months', '3mo', 'TBD', 'ongoing', '', '   ', '2 hours 35', '2h 35m 10', 'h', '-5m', '2,5 hours', 'Total: 2h'].map(read),
        [
          '155 -> none',
          '2:35 -> none',
          '14:02-16:37 -> none',
          '2 months -> none',
          '3mo -> none',
          'TBD -> none',
          'ongoing -> none',
          ' -> none',
          '    -> none',
          '2 hours 35 -> none',
          '2h 35m 10 -> none',
          'h -> none',
          '-5m -> none',
          '2,5 hours -> none',
          'Total: 2h -> none',
        ],
      );
    });

    it('does not take a word that starts with a unit letter for a unit', () => {
      assert.equal(read('5 days3'), '5 days3 -> none');
      assert.equal(read('2 hoursish'), '2 hoursish -> none');
      assert.equal(read('45 mice'), '45 mice -> none');
    });
  });

  describe('formatDuration', () => {
    it('writes the 2h 35m form, leaving zero parts out', () => {
      assert.deepEqual([155, 45, 120, 0, 60, 1620, 1625, 1440, 59.6, 0.4, -3].map(formatDuration), ['2h 35m', '45m', '2h', '0m', '1h', '1d 3h', '1d 3h 5m', '1d', '1h', '0m', '0m']);
    });

    it('reads back to the same whole minutes', () => {
      for (const minutes of [0, 1, 59, 60, 61, 155, 1439, 1440, 1441, 4000, 20000]) {
        assert.equal(parseDuration(formatDuration(minutes))?.minutes, minutes, formatDuration(minutes));
      }
    });
  });
});
