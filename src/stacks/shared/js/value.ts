// The static values the JS resolver produces: a small tagged union, every member with its span.
import type { Function as FunctionNode, ObjectMethod } from '@babel/types';
import type { SourceSpan } from '../../../model/source.js';

/** A property of a resolved object literal. */
export interface JsProperty {
  value: JsValue;
  /** The key as written (for a spread-in property: the key in the spread object). */
  keySpan: SourceSpan;
  /** The whole `key: value` (or shorthand, or method). */
  span: SourceSpan;
  /** An unresolvable spread or computed key comes later in the literal and may replace this value. */
  mayBeOverridden?: boolean;
}

/**
 * A statically resolved JavaScript value. `span` is where the value is written (for a value reached
 * through a binding or an import, the definition, possibly in another file).
 */
export type JsValue =
  | {
      kind: 'string';
      value: string;
      span: SourceSpan;
      /**
       * The source had an escape a string drops or changes but a regex would keep: an identity
       * escape such as `\.` or `\d` (the string holds just `.` or `d`), `\b` (backspace, not a word
       * boundary) or a legacy octal `\1` (a control character, not a backreference).
       */
      lostEscapes?: boolean;
    }
  | { kind: 'number'; value: number; span: SourceSpan }
  | { kind: 'boolean'; value: boolean; span: SourceSpan }
  | { kind: 'null'; span: SourceSpan }
  | { kind: 'undefined'; span: SourceSpan }
  | {
      kind: 'regexp';
      /** The pattern the RegExp engine sees: for `new RegExp("a\.b")` that is `a.b` (string escapes applied). */
      pattern: string;
      flags: string;
      span: SourceSpan;
      /** Built with `RegExp(string)`: backslashes in the source were string escapes, not regex escapes. */
      fromString?: boolean;
      /** Built from a string whose source lost escapes (see the string kind): `"a\.b"` is `a.b`. */
      lostEscapes?: boolean;
    }
  | {
      kind: 'array';
      elements: JsValue[];
      span: SourceSpan;
      /** A spread of an unresolvable value: its elements are one `unknown` here, so later indexes may be wrong. */
      spreadUnknown?: boolean;
    }
  | {
      kind: 'object';
      /** In JS property order; a later key replaces an earlier one in place, as in JS. */
      properties: Map<string, JsProperty>;
      span: SourceSpan;
      /** An unresolvable spread or computed key: the object may have keys not listed here. */
      spreadUnknown?: boolean;
    }
  | { kind: 'function'; node: FunctionNode | ObjectMethod; span: SourceSpan }
  | {
      kind: 'module';
      /** The module specifier as written: `cors`, `@fastify/cors`, `node:process`. */
      source: string;
      /** `'*'` for the namespace or the `require()` result, `'default'`, or an export name. */
      imported: string;
      /** Property accesses after the import (`require('x').a.b` with imported `a`: `['b']`). */
      members: string[];
      via: 'import' | 'require' | 'dynamic-import';
      span: SourceSpan;
    }
  | {
      kind: 'env';
      /** `process.env.NAME`. */
      name: string;
      /**
       * The value of the whole expression when the variable is unset, if visible in the code
       * (`?? 'x'`, `|| 'x'`, a destructuring default), already transformed like the set value.
       */
      default?: JsValue;
      /** `??` and destructuring defaults apply when unset; `||` also when set to the empty string. */
      defaultWhen?: 'unset' | 'unset-or-empty';
      /** `.split(sep)`: the value is the list of pieces. */
      split?: string;
      /** `.trim()` on the string, or `.map(s => s.trim())` on the pieces. */
      trim?: boolean;
      /** `.filter(Boolean)` on the pieces: empty pieces dropped. */
      filterEmpty?: boolean;
      /** The expression's source text. */
      text: string;
      span: SourceSpan;
    }
  | {
      kind: 'unknown';
      /** The expression's source text (truncated for long expressions). */
      text: string;
      span: SourceSpan;
      /** Why it could not be resolved: `parameter`, `reassigned`, `cycle`, `call`, … */
      reason: string;
    };

export type JsValueKind = JsValue['kind'];
