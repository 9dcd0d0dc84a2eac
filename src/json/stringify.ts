/**
 * Containers this close to the root may be written member by member; deeper values in one
 * JSON.stringify call each. Four levels reach the elements of the large arrays of the reports
 * (`findings[i]`, `clusters[i]`, SARIF's `runs[0].results[i]`).
 */
const DESCEND = 4;

/**
 * Arrays of at least this many elements are written element by element, and so are the containers
 * holding one (within DESCEND levels); everything else goes to JSON.stringify whole, which is much
 * faster than walking it here (a finding in one call rather than one call per member).
 */
const MANY = 16;

/** Text is gathered into strings about this long (UTF-16 code units) before it is yielded. */
const BATCH = 1 << 20;

/** JSON.stringify's `space` argument, and the indentation it gives one level. */
interface Spacing {
  indent: number | string;
  gap: string;
  /** See MANY (a parameter, so that tests can walk every container). */
  many: number;
}

/** A container being written: an array, or a plain object and its keys; `i` counts the members done. */
interface Frame {
  list: readonly unknown[] | null;
  object: Record<string, unknown>;
  keys: string[];
  i: number;
  /** Members written so far (an object's undefined members are left out). */
  written: number;
  /** The indentation of the container's own lines, and of its members'. */
  cur: string;
  inner: string;
}

/**
 * `JSON.stringify(value, null, indent)` in pieces whose concatenation is exactly that text, so
 * that a report of hundreds of megabytes can be written without its whole text in memory. Yields
 * nothing where JSON.stringify returns undefined (`undefined`, a function, a symbol).
 */
export function* jsonChunks(value: unknown, indent: number | string = 2, many = MANY): Generator<string> {
  const gap = typeof indent === 'number' ? ' '.repeat(Math.max(0, Math.min(10, Math.trunc(indent)))) : indent.slice(0, 10);
  const s: Spacing = { indent, gap, many };
  // Deeper values are re-indented by their line breaks: an indentation with its own cannot be.
  const root = gap.includes('\n') ? null : frame(value, 0, '', s);
  if (!root) {
    const text = JSON.stringify(value, null, indent) as string | undefined;
    if (text !== undefined) yield text;
    return;
  }
  const stack: Frame[] = [root];
  const comma = gap ? ',\n' : ',';
  const colon = gap ? ': ' : ':';
  let out = '';
  while (stack.length > 0) {
    const f = stack[stack.length - 1] as Frame;
    if (f.i === (f.list ? f.list.length : f.keys.length)) {
      out += f.written === 0 ? (f.list ? '[]' : '{}') : `${gap ? `\n${f.cur}` : ''}${f.list ? ']' : '}'}`;
      stack.pop();
    } else {
      const key = f.list ? f.i : (f.keys[f.i] as string);
      const member = f.list ? f.list[f.i] : f.object[key];
      f.i++;
      const child = frame(member, stack.length, f.inner, s);
      const text = child ? '' : leaf(key, member, f.inner, s);
      if (text !== undefined || f.list) {
        const head = f.written === 0 ? `${f.list ? '[' : '{'}${gap ? '\n' : ''}` : comma;
        out += `${head}${f.inner}${f.list ? '' : `${JSON.stringify(key)}${colon}`}`;
        f.written++;
        if (child) stack.push(child);
        // What an object leaves out, an array holds as null.
        else out += text ?? 'null';
      }
    }
    if (out.length >= BATCH) {
      yield out;
      out = '';
    }
  }
  if (out) yield out;
}

/** A frame for `value` if it is written member by member at `depth`; null if it is written whole. */
function frame(value: unknown, depth: number, cur: string, s: Spacing): Frame | null {
  if (!walked(value, depth) || !holdsMany(value, depth, s.many)) return null;
  const inner = cur + s.gap;
  if (Array.isArray(value)) return { list: value, object: {}, keys: [], i: 0, written: 0, cur, inner };
  const object = value as Record<string, unknown>;
  return { list: null, object, keys: Object.keys(object), i: 0, written: 0, cur, inner };
}

/**
 * Whether `value` is a container this walk may enter: an array or a plain object within DESCEND
 * levels. Boxed primitives, class instances, raw JSON, values with toJSON and the like go to
 * JSON.stringify whole, which knows how each is written.
 */
function walked(value: unknown, depth: number): value is object {
  if (depth >= DESCEND || typeof value !== 'object' || value === null || hasToJSON(value)) return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  return (proto === Object.prototype || proto === null) && !isRawJSON(value);
}

/** Whether an array of `many` elements or more is within the container, at a level the walk reaches. */
function holdsMany(value: object, depth: number, many: number): boolean {
  const members: unknown[] = Array.isArray(value) ? value : Object.values(value);
  if (Array.isArray(value) && value.length >= many) return true;
  for (const m of members) if (walked(m, depth + 1) && holdsMany(m, depth + 1, many)) return true;
  return false;
}

/** One value's text through JSON.stringify, its lines indented to `cur`; undefined where it is left out. */
function leaf(key: string | number, value: unknown, cur: string, s: Spacing): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
    case 'symbol':
      return undefined;
    default:
      break;
  }
  if (value === null) return 'null';
  if (hasToJSON(value)) return viaHolder(String(key), value, cur, s);
  if (typeof value === 'function') return undefined;
  if (!s.gap) return JSON.stringify(value) as string | undefined;
  // Nested in as many one-element arrays as `cur` has levels, JSON.stringify indents the value's
  // lines as they stand here; cutting the arrays' own text off is cheaper than re-indenting.
  const levels = cur.length / s.gap.length;
  let wrapped: unknown = value;
  for (let l = 0; l < levels; l++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, s.indent) as string;
  // `[\n<gap>` per level before the value, `\n<indent>]` per level after it.
  const before = levels + (levels * (levels + 1) * s.gap.length) / 2 + levels;
  const after = levels + (levels * (levels - 1) * s.gap.length) / 2 + levels;
  return text.slice(before, text.length - after);
}

/**
 * toJSON is called with the member's key, and its result is not asked for a toJSON of its own:
 * stringifying a one-member object and cutting the member out of its text keeps both exact.
 */
function viaHolder(key: string, value: unknown, cur: string, s: Spacing): string | undefined {
  const text = JSON.stringify({ [key]: value }, null, s.indent);
  if (text === '{}') return undefined;
  const name = JSON.stringify(key);
  if (!s.gap) return text.slice(name.length + 2, -1);
  return text.slice(`{\n${s.gap}${name}: `.length, -2).replaceAll(`\n${s.gap}`, `\n${cur}`);
}

function hasToJSON(value: unknown): boolean {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

const isRawJSON = (JSON as { isRawJSON?: (v: unknown) => boolean }).isRawJSON ?? ((): boolean => false);
