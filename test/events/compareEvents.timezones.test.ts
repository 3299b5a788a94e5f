import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compareEvents, type EventReport } from '../../src/index.js';

// Node re-reads process.env.TZ when it is assigned (Node >= 13), so each zone is set here and the
// effect checked through getTimezoneOffset before anything is compared.
const ZONES = [
  { tz: 'America/Los_Angeles', januaryOffset: 480 },
  { tz: 'Asia/Kolkata', januaryOffset: -330 },
];

const legacy = [
  { id: 1, ts: '2024-03-10 02:30:00' }, // ISO 8601 with a space, naive: UTC
  { id: 2, ts: '2024-03-10T02:30:00.250+05:30' },
  { id: 3, ts: '03/10/2024 02:30' }, // not ISO 8601: Date.parse would read local time
  { id: 4, ts: 'Mar 10 2024 02:30:00' },
  { id: 5, ts: 'N/A' },
];
const shadow = [
  { id: 1, ts: '2024-03-10T02:30:00Z' },
  { id: 2, ts: '2024-03-09T21:00:00.250Z' },
  { id: 3, ts: '2024-03-10T02:30:00Z' },
  { id: 4, ts: '2024-03-10T02:30:00Z' },
  { id: 5, ts: 'N/A' },
];

const reports: EventReport[] = [];
for (const { tz, januaryOffset } of ZONES) {
  describe(`time strings under TZ=${tz}`, () => {
    const before = process.env.TZ;
    beforeAll(() => {
      process.env.TZ = tz;
    });
    afterAll(() => {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    });
    test('the zone is in effect', () => {
      expect(new Date(2024, 0, 1).getTimezoneOffset()).toBe(januaryOffset);
    });
    test('fails on the values a time rule cannot read, counted as mismatches with a reason naming the field and an example', () => {
      const r = compareEvents(legacy, shadow, { key: 'id', fields: { ts: { time: '1s' } } });
      reports.push(r);
      const f = r.fields.find((x) => x.field === 'ts')!;
      expect(f.mismatches).toBe(3);
      expect(f.unparseable).toEqual({ count: 4, example: '03/10/2024 02:30' });
      expect(r.counts.equal).toBe(2);
      const reason = r.reasons.find((x) => x.code === 'TIME_UNPARSEABLE');
      expect(reason?.message).toMatchInlineSnapshot(`"ts has a time rule but 4 values are not a time it can read (e.g. "03/10/2024 02:30"); write ISO 8601 (2024-03-31T10:00:00Z), epoch numbers or Dates, or convert with fields['ts'].normalize"`);
    });
  });
}

describe('time strings in any zone', () => {
  test('give the same report under every TZ', () => {
    expect(reports).toHaveLength(ZONES.length);
    expect(JSON.stringify(reports[1])).toBe(JSON.stringify(reports[0]));
  });
});
