// Growable typed-array columns for the index build: numbers outside the JS heap, so a large build
// neither fills the garbage collector's old space nor pays 8 bytes a slot.

export class IntColumn {
  private data: Int32Array;
  private size = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(Math.max(16, capacity));
  }

  get length(): number {
    return this.size;
  }

  push(value: number): void {
    if (this.size === this.data.length) this.reserve(this.size + 1);
    this.data[this.size++] = value;
  }

  at(index: number): number {
    return this.data[index];
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  /** Grows to `length` slots, new ones zero. */
  extendTo(length: number): void {
    if (length > this.data.length) this.reserve(length);
    if (length > this.size) this.size = length;
  }

  /** The filled part as an array of its own size; the column must not be used afterwards. */
  finish(): Int32Array {
    const data = this.size === this.data.length ? this.data : this.data.slice(0, this.size);
    this.data = new Int32Array(0);
    this.size = 0;
    return data;
  }

  private reserve(length: number): void {
    let capacity = this.data.length;
    while (capacity < length) capacity *= 2;
    const grown = new Int32Array(capacity);
    grown.set(this.data.subarray(0, this.size));
    this.data = grown;
  }
}

/** Values grouped by a small integer key (a stable counting sort): group k is `values[start[k]..start[k+1])`. */
export interface Groups {
  readonly start: Int32Array;
  readonly values: Int32Array;
}

/** Steps between yields in long loops of the build: well under a millisecond of work each. */
export const BUILD_STEP = 1 << 16;

/** Groups `values` by `keys` (both consumed), keeping the order of values within a group. */
export function* groupByKey(keys: Int32Array, values: Int32Array, keyCount: number): Generator<void, Groups> {
  const start = new Int32Array(keyCount + 1);
  for (let i = 0; i < keys.length; i++) {
    start[keys[i] + 1]++;
    if ((i & (BUILD_STEP - 1)) === BUILD_STEP - 1) yield;
  }
  for (let key = 0; key < keyCount; key++) start[key + 1] += start[key];
  const cursor = start.slice(0, keyCount);
  const grouped = new Int32Array(values.length);
  for (let i = 0; i < keys.length; i++) {
    grouped[cursor[keys[i]]++] = values[i];
    if ((i & (BUILD_STEP - 1)) === BUILD_STEP - 1) yield;
  }
  return { start, values: grouped };
}
