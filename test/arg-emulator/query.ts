/**
 * The part of KQL the emulator executes: `Resources | where … | project … | order by …` (also over
 * `authorizationresources` and `resourcecontainers`; columns may index arrays, `a.b[0].c`), with
 * `==`, `=~`, `!=`, `!~`, `in`, `in~`, `!in`, `!in~`, `and`, `or` and parentheses. The query has
 * passed Microsoft's Kusto parser before it gets here; anything valid but outside this subset is
 * refused loudly (UnsupportedQuery) rather than answered wrongly.
 */

type Row = Record<string, unknown>;
type Predicate = (row: Row) => boolean;

export type Table = 'resources' | 'authorizationresources' | 'resourcecontainers';
export const TABLES: readonly Table[] = ['resources', 'authorizationresources', 'resourcecontainers'];

export interface CompiledQuery {
  table: Table;
  filter: Predicate;
  /** Output column name → path into the row; null keeps every column. */
  project: { name: string; path: string[] }[] | null;
  order: { path: string[]; desc: boolean } | null;
}

export class UnsupportedQuery extends Error {
  override name = 'UnsupportedQuery';
}

interface Token {
  kind: 'word' | 'string' | 'op';
  text: string;
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        value += text[j];
        j++;
      }
      out.push({ kind: 'string', text: value });
      i = j + 1;
      continue;
    }
    const op = /^(!in~|!in\b|in~|=~|==|!=|!~|\||,|\(|\)|\.|\[\d+\])/.exec(text.slice(i));
    if (op) {
      out.push({ kind: 'op', text: op[1]! });
      i += op[1]!.length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (!word) throw new UnsupportedQuery(`unexpected character ${JSON.stringify(c)} at ${i}`);
    out.push({ kind: 'word', text: word[0] });
    i += word[0].length;
  }
  return out;
}

class Parser {
  private i = 0;
  private readonly t: Token[];

  constructor(tokens: Token[]) {
    this.t = tokens;
  }

  private peek(): Token | undefined {
    return this.t[this.i];
  }

  private next(): Token {
    const tok = this.t[this.i++];
    if (!tok) throw new UnsupportedQuery('unexpected end of query');
    return tok;
  }

  private expect(text: string): void {
    const tok = this.next();
    if (tok.text.toLowerCase() !== text) throw new UnsupportedQuery(`expected "${text}", found "${tok.text}"`);
  }

  private at(text: string): boolean {
    return this.peek()?.text.toLowerCase() === text;
  }

  done(): boolean {
    return this.i >= this.t.length;
  }

  query(): CompiledQuery {
    const table = this.next();
    const name = TABLES.find((t) => t === table.text.toLowerCase());
    if (!name) throw new UnsupportedQuery(`table "${table.text}" is not served`);
    const filters: Predicate[] = [];
    let project: CompiledQuery['project'] = null;
    let order: CompiledQuery['order'] = null;
    while (!this.done()) {
      this.expect('|');
      const op = this.next().text.toLowerCase();
      if (op === 'where') filters.push(this.or());
      else if (op === 'project') project = this.projection();
      else if (op === 'order' || op === 'sort') {
        this.expect('by');
        const path = this.column();
        let desc = true; // Kusto's default sort order is descending
        if (this.at('asc') || this.at('desc')) desc = this.next().text.toLowerCase() === 'desc';
        if (this.at(',')) throw new UnsupportedQuery('multi-column order by');
        order = { path, desc };
      } else throw new UnsupportedQuery(`operator "${op}"`);
    }
    return { table: name, filter: (row) => filters.every((f) => f(row)), project, order };
  }

  private projection(): { name: string; path: string[] }[] {
    const cols: { name: string; path: string[] }[] = [];
    do {
      const path = this.column();
      cols.push({ name: path.join('_'), path });
    } while (this.at(',') && this.next());
    return cols;
  }

  private column(): string[] {
    const path = [this.word()];
    for (;;) {
      if (this.at('.')) {
        this.next();
        path.push(this.word());
      } else if (/^\[\d+\]$/.test(this.peek()?.text ?? '')) {
        path.push(this.next().text.slice(1, -1));
      } else return path;
    }
  }

  private word(): string {
    const tok = this.next();
    if (tok.kind !== 'word') throw new UnsupportedQuery(`expected a column name, found "${tok.text}"`);
    return tok.text;
  }

  private or(): Predicate {
    const parts = [this.and()];
    while (this.at('or')) {
      this.next();
      parts.push(this.and());
    }
    return parts.length === 1 ? parts[0]! : (row) => parts.some((p) => p(row));
  }

  private and(): Predicate {
    const parts = [this.term()];
    while (this.at('and')) {
      this.next();
      parts.push(this.term());
    }
    return parts.length === 1 ? parts[0]! : (row) => parts.every((p) => p(row));
  }

  private term(): Predicate {
    if (this.at('(')) {
      this.next();
      const p = this.or();
      this.expect(')');
      return p;
    }
    const path = this.column();
    const op = this.next().text.toLowerCase();
    const get = (row: Row): string | null => {
      const v = lookup(row, path);
      return typeof v === 'string' ? v : v === null || v === undefined ? null : JSON.stringify(v);
    };
    const fold = op.endsWith('~');
    const norm = (s: string): string => (fold ? s.toLowerCase() : s);
    if (op === '==' || op === '=~' || op === '!=' || op === '!~') {
      const tok = this.next();
      if (tok.kind !== 'string') throw new UnsupportedQuery(`comparison with a non-string literal "${tok.text}"`);
      const want = norm(tok.text);
      const negate = op.startsWith('!');
      return (row) => {
        const v = get(row);
        return (v !== null && norm(v) === want) !== negate;
      };
    }
    if (op === 'in' || op === 'in~' || op === '!in' || op === '!in~') {
      this.expect('(');
      const set = new Set<string>();
      for (;;) {
        const tok = this.next();
        if (tok.kind !== 'string') throw new UnsupportedQuery(`non-string list item "${tok.text}"`);
        set.add(norm(tok.text));
        if (this.at(')')) break;
        this.expect(',');
      }
      this.expect(')');
      const negate = op.startsWith('!');
      return (row) => {
        const v = get(row);
        return (v !== null && set.has(norm(v))) !== negate;
      };
    }
    throw new UnsupportedQuery(`operator "${op}" in where`);
  }
}

/** Column lookup: top-level names are matched case-insensitively (ARG's columns are), nested keys exactly. */
export function lookup(row: Row, path: readonly string[]): unknown {
  let cur: unknown = row;
  path.forEach((seg, depth) => {
    if (Array.isArray(cur) && /^\d+$/.test(seg)) {
      cur = cur[Number(seg)];
      return;
    }
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) {
      cur = undefined;
      return;
    }
    const o = cur as Row;
    const k = depth === 0 ? Object.keys(o).find((key) => key.toLowerCase() === seg.toLowerCase()) : seg;
    cur = k === undefined ? undefined : o[k];
  });
  return cur;
}

export function compileQuery(text: string): CompiledQuery {
  const p = new Parser(tokenize(text));
  return p.query();
}
