/** Small text helpers shared by the sequence tier's report steps. */

/** "1 event", "3 events" (en-US thousands separators). */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
/** "legacy event" for 1, "3 legacy events" otherwise (after "the first"/"the last"). */
export const few = (n: number, one: string): string => (n === 1 ? one : `${n.toLocaleString('en-US')} ${one}s`);
/** A rate as a percentage with two decimals. */
export const pctText = (x: number): string => `${(x * 100).toFixed(2)}%`;
/** Four significant digits, without trailing zeros. */
export const num4 = (x: number): string => String(Number(x.toPrecision(4)));
