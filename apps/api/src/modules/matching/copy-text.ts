import { once } from 'node:events';
import { type PoolClient } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

// Bulk reads and writes over COPY's text format. At a million open needs the pg driver's
// row parser (a string and a type parser per field, an object per row) spent more time in
// the garbage collector than Postgres spent producing the rows; reading the bytes of a
// COPY in place allocates only the strings the caller keeps.

const TAB = 9;
const NEWLINE = 10;
const BACKSLASH = 92;
const MINUS = 45;
const ZERO = 48;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A uuid as an SQL literal; COPY takes no bind parameters, so it is checked before it is inlined. */
export function uuidLiteral(id: string | null): string {
  if (id === null) return 'NULL';
  if (!UUID.test(id)) throw new Error(`not a uuid: ${id}`);
  return `'${id}'::uuid`;
}

/** Runs `COPY (query) TO STDOUT` and returns its text output. */
export async function copyOut(client: PoolClient, query: string): Promise<Buffer> {
  const stream = client.query(copyTo(`COPY (${query}) TO STDOUT`));
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}

/** Runs `COPY table (columns) FROM STDIN` with rows already in COPY's text format. */
export async function copyIn(
  client: PoolClient,
  target: string,
  rows: CopyLines | string,
): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${target} FROM STDIN`));
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', resolve);
  });
  for (const chunk of typeof rows === 'string' ? [rows] : rows.chunks()) {
    if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), finished]);
  }
  stream.end();
  await finished;
}

/**
 * Reads COPY text output field by field, in column order: every row must be read to its
 * last field. Numbers are parsed from the bytes; only text fields become strings.
 */
export class CopyText {
  private pos = 0;

  constructor(private readonly buf: Buffer) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  /** End of the current field; `pos` moves past its delimiter. */
  private fieldEnd(): number {
    const buf = this.buf;
    let i = this.pos;
    while (i < buf.length && buf[i] !== TAB && buf[i] !== NEWLINE) i++;
    return i;
  }

  isNull(): boolean {
    const b = this.buf;
    const p = this.pos;
    return (
      b[p] === BACKSLASH &&
      b[p + 1] === 78 &&
      (b[p + 2] === TAB || b[p + 2] === NEWLINE || p + 2 >= b.length)
    );
  }

  skip(): void {
    this.pos = this.fieldEnd() + 1;
  }

  /** An identifier (uuid, code, enum label): ASCII without escapes. */
  ascii(): string {
    const start = this.pos;
    const end = this.fieldEnd();
    this.pos = end + 1;
    return this.buf.toString('latin1', start, end);
  }

  /** Free text: UTF-8 with COPY's backslash escapes. */
  text(): string {
    const start = this.pos;
    const end = this.fieldEnd();
    this.pos = end + 1;
    const raw = this.buf.toString('utf8', start, end);
    return raw.includes('\\') ? unescapeCopy(raw) : raw;
  }

  int(): number {
    const buf = this.buf;
    let i = this.pos;
    let negative = false;
    if (buf[i] === MINUS) {
      negative = true;
      i++;
    }
    let n = 0;
    for (let c = buf[i]; c !== TAB && c !== NEWLINE && i < buf.length; c = buf[++i])
      n = n * 10 + (c - ZERO);
    this.pos = i + 1;
    return negative ? -n : n;
  }

  nullableInt(): number | null {
    if (this.isNull()) {
      this.skip();
      return null;
    }
    return this.int();
  }

  float(): number {
    const start = this.pos;
    const end = this.fieldEnd();
    this.pos = end + 1;
    return Number(this.buf.toString('latin1', start, end));
  }

  nullableFloat(): number | null {
    if (this.isNull()) {
      this.skip();
      return null;
    }
    return this.float();
  }

  bool(): boolean {
    const t = this.buf[this.pos] === 116; // 't'
    this.skip();
    return t;
  }

  /** A text array of identifiers ({a,b}); none of ours needs quoting. */
  asciiArray(): string[] {
    const s = this.ascii();
    return s.length <= 2 ? [] : s.slice(1, -1).split(',');
  }
}

function unescapeCopy(raw: string): string {
  return raw.replace(/\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.))/g, (_m, oct, hex, ch: string) => {
    if (oct) return String.fromCharCode(parseInt(oct, 8));
    if (hex) return String.fromCharCode(parseInt(hex, 16));
    return { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' }[ch] ?? ch;
  });
}

/** Bytes per chunk of rows being written. */
const CHUNK = 1 << 20;

/**
 * Rows in COPY's text format, written as bytes into chunks as they are made — no string
 * per row or per line. Fields are ASCII (ids, numbers, flags), which need no escaping.
 */
export class CopyLines {
  rows = 0;
  private readonly done: Buffer[] = [];
  private buf = Buffer.allocUnsafe(CHUNK);
  private pos = 0;
  private fields = 0;

  get empty(): boolean {
    return this.rows === 0;
  }

  /** Room for a field of `n` bytes and its separator. */
  private field(n: number): void {
    if (this.pos + n + 1 > this.buf.length) {
      this.done.push(this.buf.subarray(0, this.pos));
      this.buf = Buffer.allocUnsafe(Math.max(CHUNK, n + 1));
      this.pos = 0;
    }
    if (this.fields++ > 0) this.buf[this.pos++] = TAB;
  }

  ascii(s: string): this {
    this.field(s.length);
    this.pos += this.buf.write(s, this.pos, 'latin1');
    return this;
  }

  /** Bytes of a field read from another COPY (an id in place). */
  bytes(from: Buffer, start: number, end: number): this {
    this.field(end - start);
    this.pos += from.copy(this.buf, this.pos, start, end);
    return this;
  }

  /** A field of `length` bytes that `write` puts at `at` in `target`. */
  written(length: number, write: (target: Buffer, at: number) => void): this {
    this.field(length);
    write(this.buf, this.pos);
    this.pos += length;
    return this;
  }

  null(): this {
    this.field(2);
    this.buf[this.pos++] = BACKSLASH;
    this.buf[this.pos++] = 78; // N
    return this;
  }

  bool(b: boolean): this {
    this.field(1);
    this.buf[this.pos++] = b ? 116 : 102; // t, f
    return this;
  }

  /** A score held as whole centipoints (non-negative), written as units.cc. */
  centipoints(cp: number): this {
    this.field(24);
    const units = Math.floor(cp / 100);
    const cents = cp - units * 100;
    this.pos += this.buf.write(String(units), this.pos, 'latin1');
    this.buf[this.pos++] = 46; // .
    this.buf[this.pos++] = ZERO + Math.floor(cents / 10);
    this.buf[this.pos++] = ZERO + (cents % 10);
    return this;
  }

  end(): void {
    if (this.pos + 1 > this.buf.length) {
      this.done.push(this.buf.subarray(0, this.pos));
      this.buf = Buffer.allocUnsafe(CHUNK);
      this.pos = 0;
    }
    this.buf[this.pos++] = NEWLINE;
    this.fields = 0;
    this.rows++;
  }

  chunks(): Buffer[] {
    return [...this.done, this.buf.subarray(0, this.pos)];
  }
}
