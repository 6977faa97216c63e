import { FieldProblem, ProblemException } from './problem';

/** The deepest nesting of objects and arrays a JSON body may have (documented in the README). */
export const MAX_JSON_DEPTH = 32;

/** NUL (PostgreSQL stores it in neither text nor jsonb) and lone UTF-16 surrogates (jsonb refuses them). */
// eslint-disable-next-line no-control-regex -- NUL is exactly what is looked for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_REASON = 'must not contain U+0000 or an unpaired UTF-16 surrogate';

/** Why a string cannot be stored, or undefined when it can. */
export function unstorable(value: string): string | undefined {
  return UNSTORABLE.test(value) ? UNSTORABLE_REASON : undefined;
}

interface Frame {
  object: boolean;
  /** Object: the keys seen so far. */
  keys?: Set<string>;
  /** Object: the key whose value is being read; array: the current index. */
  key: string;
  index: number;
  /** Object: the next string is a key. */
  expectKey: boolean;
}

function fieldPath(stack: Frame[]): string {
  let path = '';
  for (const frame of stack) {
    if (frame.object) path = path ? `${path}.${frame.key}` : frame.key;
    else path = `${path}[${frame.index}]`;
  }
  return path;
}

function refused(field: string, reason: string, detail: string): ProblemException {
  const problem: FieldProblem = { field, reason };
  return Object.assign(new ProblemException(400, 'REQUEST.BAD_REQUEST', 'Invalid request', detail, [problem]), { type: 'entity.verify.failed' });
}

/**
 * One linear pass over a JSON text, before anything parses it recursively. Refuses (400, naming the
 * field) nesting deeper than MAX_JSON_DEPTH, a key given twice in one object, and strings PostgreSQL
 * cannot store. A text that is not JSON is left to the parser, which says so: the scan stops as soon
 * as the structure is not what JSON allows. The stack is bounded by the depth limit.
 */
export function assertStorableJson(text: string): void {
  const stack: Frame[] = [];
  const length = text.length;
  let i = 0;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let end = i + 1;
      let escaped = false;
      // A NUL or a surrogate seen raw (a body in UTF-16 may hold a lone one): the string is checked.
      let suspicious = false;
      while (end < length) {
        const d = text.charCodeAt(end);
        if (d === 0x5c /* \ */) {
          escaped = true;
          end += 2;
          continue;
        }
        if (d === 0x22) break;
        if (d === 0 || (d >= 0xd800 && d <= 0xdfff)) suspicious = true;
        end++;
      }
      if (end >= length) return; // unterminated: not JSON
      const top = stack[stack.length - 1];
      const isKey = top?.object === true && top.expectKey;
      if (!isKey && !escaped && !suspicious) {
        i = end + 1;
        continue;
      }
      let value = text.slice(i + 1, end);
      if (escaped) {
        try {
          value = JSON.parse(text.slice(i, end + 1)) as string;
        } catch {
          return; // a bad escape: not JSON
        }
      }
      if (isKey) {
        top.key = value;
        top.expectKey = false;
        const reason = unstorable(value);
        if (reason) throw refused(fieldPath(stack), `key ${reason}`, `A key of the request body ${reason}.`);
        if (top.keys!.has(value)) throw refused(fieldPath(stack), 'key appears twice in the same object', `The request body gives the key "${value}" twice in one object.`);
        top.keys!.add(value);
      } else {
        const reason = unstorable(value);
        if (reason) throw refused(fieldPath(stack), reason, `A string in the request body ${reason}.`);
      }
      i = end + 1;
      continue;
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= MAX_JSON_DEPTH) {
        throw refused(fieldPath(stack) || '(body)', `nesting deeper than ${MAX_JSON_DEPTH} levels`, `The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
      }
      stack.push(c === 0x7b ? { object: true, keys: new Set(), key: '', index: 0, expectKey: true } : { object: false, key: '', index: 0, expectKey: false });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      const top = stack.pop();
      if (!top || top.object !== (c === 0x7d)) return; // unbalanced: not JSON
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (!top) return;
      if (top.object) top.expectKey = true;
      else top.index++;
    }
    i++;
  }
}
