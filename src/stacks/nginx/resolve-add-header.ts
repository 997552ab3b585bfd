// Which response headers a configuration level sends: add_header inheritance, `always`, headers-more, proxy_hide_header.
import type { DroppedHeaders } from '../../model/policy.js';
import type { SourceSpan } from '../../model/source.js';
import type { NginxArg, NginxDirective } from './parser.js';

/** One `add_header name value [always];`. */
export interface AddHeader {
  directive: NginxDirective;
  name: string;
  lname: string;
  value: NginxArg;
  always: boolean;
}

/** One header of a `more_set_headers`/`more_clear_headers` command. */
interface MoreHeader {
  name: string;
  lname: string;
  /** Empty for `more_clear_headers` and for `'Name:'` (which clears too). */
  value: string;
  /** `more_clear_headers 'X-*'`: a trailing `*` matches a prefix (headers-more README). */
  prefix: boolean;
}

interface MoreCommand {
  directive: NginxDirective;
  clear: boolean;
  headers: MoreHeader[];
  /** `-s 'codes'`; undefined means every status (headers-more README, "more_set_headers"). */
  statuses?: number[];
}

/** `add_header_inherit` (nginx 1.29.3+); `on` is the default. */
export type InheritMode = 'on' | 'off' | 'merge';

/** The header directives in effect at one configuration level (http, server, location, if). */
export interface Level {
  /** The effective add_header list after inheritance. */
  add: AddHeader[];
  /** This level's own add_header lines (a non-empty list replaces the inherited one). */
  own: AddHeader[];
  inherit: InheritMode;
  /** headers-more commands, parent's first: headers-more merges them (`merge_loc_conf`, L177-207). */
  more: MoreCommand[];
  /** `*_hide_header` names (lower-case) in effect: a level with its own list replaces the parent's. */
  hidden: string[];
  /** Inherited CORS headers this level (or the level it inherits from) stopped sending. */
  dropped?: DroppedHeaders;
  /** Whether an add_header line in effect names an `Access-Control-*` header (a fast path for scopes without CORS). */
  addCors: boolean;
  /** Whether a headers-more command in effect names an `Access-Control-*` header. */
  moreCors: boolean;
}

/** The level above `http`: no headers at all. */
export const EMPTY_LEVEL: Level = { add: [], own: [], inherit: 'on', more: [], hidden: [], addCors: false, moreCors: false };

const HIDE = new Set(['proxy_hide_header', 'fastcgi_hide_header', 'uwsgi_hide_header', 'grpc_hide_header', 'scgi_hide_header']);

/** Whether a lower-case header name is one of the `Access-Control-*` response headers. */
export const isCorsHeader = (lname: string) => lname.startsWith('access-control-');

function readAddHeader(d: NginxDirective): AddHeader | undefined {
  if (d.args.length < 2 || d.args.length > 3 || (d.args.length === 3 && d.args[2].value !== 'always')) return undefined;
  const name = d.args[0].value;
  return { directive: d, name, lname: name.toLowerCase(), value: d.args[1], always: d.args.length === 3 };
}

/** Reads `more_set_headers [-s codes] [-t types] 'Name: value' …` and `more_clear_headers`. */
function readMore(d: NginxDirective): MoreCommand {
  const clear = d.name === 'more_clear_headers';
  const cmd: MoreCommand = { directive: d, clear, headers: [] };
  for (let i = 0; i < d.args.length; i++) {
    const a = d.args[i].value;
    if (a === '-s' || a === '-t') {
      const next = d.args[++i]?.value ?? '';
      if (a === '-s') cmd.statuses = [...(cmd.statuses ?? []), ...next.split(/\s+/).filter(Boolean).map(Number)];
      continue;
    }
    const colon = a.indexOf(':');
    const name = (colon < 0 ? a : a.slice(0, colon)).trim();
    if (name === '') continue;
    const value = clear || colon < 0 ? '' : a.slice(colon + 1).trim();
    const prefix = name.endsWith('*');
    const bare = prefix ? name.slice(0, -1) : name;
    cmd.headers.push({ name: bare, lname: bare.toLowerCase(), value, prefix });
  }
  return cmd;
}

/**
 * The level a block defines, given its parent's. nginx's merge (ngx_http_headers_merge_conf,
 * L698-756): a level inherits the parent's add_header list only if it has none of its own; with
 * `add_header_inherit merge` (1.29.3+) it appends the parent's after its own, with `off` it inherits
 * nothing. A level that replaces the list records which inherited CORS headers it no longer sends.
 */
export function childLevel(parent: Level, block: readonly NginxDirective[]): Level {
  const own: AddHeader[] = [];
  const more: MoreCommand[] = [];
  let hidden: string[] | undefined;
  let inherit = parent.inherit;
  for (const d of block) {
    if (d.name === 'add_header') {
      const h = readAddHeader(d);
      if (h) own.push(h);
    } else if (d.name === 'more_set_headers' || d.name === 'more_clear_headers') more.push(readMore(d));
    else if (HIDE.has(d.name) && d.args.length === 1) (hidden ??= []).push(d.args[0].value.toLowerCase());
    else if (d.name === 'add_header_inherit' && d.args.length === 1 && ['on', 'off', 'merge'].includes(d.args[0].value)) {
      inherit = d.args[0].value as InheritMode;
    }
  }
  let add: AddHeader[];
  if (inherit === 'off') add = own;
  else if (own.length === 0) add = parent.add;
  else add = inherit === 'merge' ? [...own, ...parent.add] : own;
  const level: Level = {
    add,
    own,
    inherit,
    more: more.length > 0 ? [...parent.more, ...more] : parent.more,
    hidden: hidden ?? parent.hidden,
    addCors: add === parent.add ? parent.addCors : add.some((h) => isCorsHeader(h.lname)),
    moreCors: parent.moreCors || more.some((c) => c.headers.some((h) => isCorsHeader(h.lname))),
  };
  if (add === parent.add) {
    if (parent.dropped) level.dropped = parent.dropped;
  } else if (parent.addCors) {
    // (Without a CORS header in the parent's list, nothing can have been dropped.)
    const dropped = droppedFrom(parent.add, add, own[0]?.directive ?? block[0]);
    if (dropped) level.dropped = dropped;
  }
  return level;
}

/** CORS headers of `reference` that `now` does not send (because of directive `by`), or undefined when none is missing. */
export function droppedFrom(reference: readonly AddHeader[], now: readonly AddHeader[], by: NginxDirective | undefined, only?: ReadonlySet<string>): DroppedHeaders | undefined {
  if (!by) return undefined;
  // A header the nested scope names itself, even with an empty value, is a deliberate choice.
  const sent = new Set(now.map((h) => h.lname));
  const missing = reference.filter((h) => isCorsHeader(h.lname) && h.value.value !== '' && !sent.has(h.lname) && (!only || only.has(h.lname)));
  if (missing.length === 0) return undefined;
  const names = [...new Map(missing.map((h) => [h.lname, h.name])).values()];
  return { names, by: by.span, inherited: missing.map((h) => h.directive.span) };
}

/** One header line a scope sends (or may send, when its value is a variable). */
export interface Emitter {
  name: string;
  value: NginxArg | { value: string; raw: string; span: SourceSpan };
  /** Sent on 4xx/5xx responses too. */
  onErrors: boolean;
  span: SourceSpan;
  via: 'add_header' | 'more_set_headers';
}

/**
 * The header lines a level produces, by lower-case name: add_header lines first, then those of
 * headers-more. (On the wire headers-more's come first: its filter runs before the headers filter,
 * [X] /more showed the location's `more_set_headers` value and then the inherited add_header value;
 * the list order here is configuration order, so that a duplicate is reported at the later line.)
 * more_set_headers replaces a header of the same name set earlier by headers-more and
 * more_clear_headers removes one; neither touches add_header lines, which are added after them.
 * add_header with an empty value adds nothing (ngx_http_add_header: `if (value->len)`).
 */
export function emittedHeaders(level: Level): Map<string, Emitter[]> {
  const out = new Map<string, Emitter[]>();
  const push = (lname: string, e: Emitter) => {
    const list = out.get(lname);
    if (list) list.push(e);
    else out.set(lname, [e]);
  };
  const more = new Map<string, Emitter>();
  for (const cmd of level.more) {
    for (const h of cmd.headers) {
      if (cmd.clear || h.value === '') {
        for (const key of [...more.keys()]) if (h.prefix ? key.startsWith(h.lname) : key === h.lname) more.delete(key);
        continue;
      }
      const onErrors = cmd.statuses === undefined || cmd.statuses.some((s) => s >= 400);
      const span = cmd.directive.span;
      more.set(h.lname, { name: h.name, value: { value: h.value, raw: h.value, span }, onErrors, span, via: 'more_set_headers' });
    }
  }
  for (const h of level.add) {
    if (h.value.value === '') continue;
    push(h.lname, { name: h.name, value: h.value, onErrors: h.always, span: h.directive.span, via: 'add_header' });
  }
  for (const [lname, e] of more) push(lname, e);
  return out;
}
