// Renders a rule's documentation page from its metadata (STYLE.md §8.9): docs/rules/<id>.md and SARIF help.
import type { RuleExample, RuleMeta } from '../rule-api/index.js';

/** What a rule page is rendered from. */
export interface RuleDocInput {
  id: string;
  meta: RuleMeta<string, unknown>;
  /** Stacks whose fixtures expect this rule (computed from annotations, so the badge line is honest). */
  stacksCovered: string[];
  /**
   * The release the page belongs to. Pages do not print it, so committed docs do not change on
   * every release; links to a page at a version come from `ruleDocUri`.
   */
  version: string;
}

export type RuleDocFormat = 'markdown' | 'text';

/** Fenced-code language per stack, for syntax highlighting on GitHub. */
const LANGUAGE: Readonly<Record<string, string>> = {
  s3: 'json',
  nginx: 'nginx',
  express: 'js',
  fastify: 'js',
  koa: 'js',
  nestjs: 'js',
  node: 'js',
  django: 'python',
  fastapi: 'python',
  flask: 'python',
};

/** The page of rule `id` at release `version` (SARIF `helpUri`, pinned like tflint's reference links). */
export function ruleDocUri(id: string, version: string): string {
  const tag = version.replace(/^v/, '');
  return `https://github.com/corslint/corslint/blob/v${tag}/docs/rules/${id.split('/').map(encodeURIComponent).join('/')}.md`;
}

// Private-use characters stand in for backslash-escaped characters while emphasis is removed, so an
// escaped `\*` never opens emphasis; they are turned back into the literal character afterwards.
const ESCAPE_BASE = 0xe000;

function stripInline(text: string): string {
  const escaped: string[] = [];
  let out = text.replace(/\\([\\`*_{}[\]()#+\-.!|>~<])/g, (_, ch: string) => {
    escaped.push(ch);
    return String.fromCharCode(ESCAPE_BASE + escaped.length - 1);
  });
  const parts = out.split(/(`+)([\s\S]*?[^`])\1(?!`)/);
  // split with two capture groups yields [text, ticks, code, text, ticks, code, …].
  const pieces: string[] = [];
  for (let i = 0; i < parts.length; i += 3) {
    pieces.push(stripEmphasisAndLinks(parts[i]));
    if (i + 2 < parts.length) {
      const code = parts[i + 2];
      // CommonMark strips one space on each side when both are present (`` ` `x` ` ``).
      pieces.push(/^ .* $/s.test(code) && code.trim() !== '' ? code.slice(1, -1) : code);
    }
  }
  out = pieces.join('');
  return out.replace(/[\uE000-\uF8FF]/g, (c) => escaped[c.charCodeAt(0) - ESCAPE_BASE] ?? c);
}

function stripEmphasisAndLinks(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g, (_, label: string, url: string) => (label === url ? url : `${label} (${url})`))
    .replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1')
    .replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, '$1')
    .replace(/(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)/g, '$1')
    .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, '$1')
    .replace(/\*(?=\S)([^*]+?)(?<=\S)\*/g, '$1')
    .replace(/(?<!\w)_(?=\S)([^_]+?)(?<=\S)_(?!\w)/g, '$1');
}

/**
 * Markdown to plain text for places that show no Markdown (SARIF `fullDescription`, `help.text`):
 * drops heading, quote and emphasis markers, code fences and backticks, and turns links into
 * `label (url)`. Code is kept verbatim.
 */
export function stripMarkdown(md: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of md.replace(/\r\n?/g, '\n').split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      else out.push(line);
      continue;
    }
    if (marker !== undefined) {
      fence = marker;
      continue;
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      out.push('');
      continue;
    }
    const plain = line
      .replace(/^\s{0,3}#{1,6}\s+/, '')
      .replace(/\s+#+\s*$/, '')
      .replace(/^(\s*)>\s?/, '$1')
      .replace(/^(\s*)[*+]\s+/, '$1- ');
    out.push(stripInline(plain));
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

function fenceFor(code: string): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

interface OptionDoc {
  name: string;
  type?: string;
  description?: string;
  defaultValue?: unknown;
  hasDefault: boolean;
}

function optionDocs(meta: RuleMeta<string, unknown>): OptionDoc[] {
  const spec = meta.options;
  if (!spec) return [];
  const properties = spec.schema.properties;
  if (typeof properties !== 'object' || properties === null) return [];
  const defaults = (typeof spec.defaults === 'object' && spec.defaults !== null ? spec.defaults : {}) as Record<string, unknown>;
  return Object.entries(properties as Record<string, Record<string, unknown>>).map(([name, prop]) => {
    const type = Array.isArray(prop.type) ? prop.type.join(' | ') : typeof prop.type === 'string' ? prop.type : undefined;
    const description = typeof prop.description === 'string' ? prop.description : undefined;
    // The rule's `defaults` are what `check` gets; the schema's `default` is only a fallback.
    if (Object.hasOwn(defaults, name)) return { name, type, description, defaultValue: defaults[name], hasDefault: true };
    if (Object.hasOwn(prop, 'default')) return { name, type, description, defaultValue: prop.default, hasDefault: true };
    return { name, type, description, hasDefault: false };
  });
}

function badgeParts(input: RuleDocInput): { label: string; value: string }[] {
  const { meta } = input;
  let severity = meta.severity as string;
  if (meta.raisedByCredentials && meta.severity !== 'high') severity += ' (high when credentials are allowed)';
  const parts = [
    { label: 'Severity', value: severity },
    { label: 'Recommended', value: meta.recommended ? 'yes' : 'no' },
  ];
  if (meta.productionOnly) parts.push({ label: 'Context', value: 'production only' });
  parts.push({ label: 'Stacks covered', value: input.stacksCovered.length > 0 ? input.stacksCovered.join(', ') : 'none yet' });
  return parts;
}

function examplesByStack(examples: readonly RuleExample[]): Map<string, RuleExample[]> {
  const byStack = new Map<string, RuleExample[]>();
  for (const ex of examples) byStack.set(ex.stack, [...(byStack.get(ex.stack) ?? []), ex]);
  // ❌ before ✅ within each stack; the sort is stable, so authored order is kept otherwise.
  for (const list of byStack.values()) list.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'bad' ? -1 : 1));
  return byStack;
}

/** Plugin rule ids carry their plugin's name (`acme/foo`); only built-in rules live in `rules/<id>.ts`. */
function isBuiltIn(id: string): boolean {
  return !id.includes('/');
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

function renderMarkdown(input: RuleDocInput): string {
  const { id, meta } = input;
  const out: string[] = [`# ${id}`, ''];
  out.push(badgeParts(input).map((p) => `**${p.label}:** ${p.value}`).join(' · '), '');
  out.push(sentence(meta.summary), '');
  out.push('## Why this is risky', '', meta.docs.why.trim(), '');
  if (meta.docs.examples.length > 0) {
    out.push('## Examples', '');
    for (const [stack, examples] of examplesByStack(meta.docs.examples)) {
      out.push(`### ${stack}`, '');
      for (const ex of examples) {
        const label = ex.kind === 'bad' ? '❌ Bad' : '✅ Good';
        out.push(ex.filename ? `${label} (\`${ex.filename}\`)` : label, '');
        const fence = fenceFor(ex.code);
        out.push(`${fence}${LANGUAGE[stack] ?? ''}`, ex.code.replace(/\s+$/, ''), fence, '');
      }
    }
  }
  out.push('## How to fix', '', meta.docs.fix.trim(), '');
  out.push('## Options', '');
  const options = optionDocs(meta);
  if (options.length === 0) out.push('This rule has no options.', '');
  else {
    for (const o of options) {
      const details = [o.type, o.hasDefault ? `default \`${JSON.stringify(o.defaultValue)}\`` : undefined].filter(Boolean).join(', ');
      out.push(`- \`${o.name}\`${details ? ` (${details})` : ''}${o.description ? `: ${o.description}` : ''}`);
    }
    out.push('');
  }
  const references = meta.docs.references ?? [];
  if (references.length > 0) out.push('## References', '', ...references.map((r) => `- <${r}>`), '');
  if (isBuiltIn(id)) out.push('---', '', `Generated from \`rules/${id}.ts\`; edit that file, then run \`npm run docs\`.`);
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

function renderText(input: RuleDocInput): string {
  const { id, meta } = input;
  const out: string[] = [id, badgeParts(input).map((p) => `${p.label}: ${p.value}`).join(' · '), ''];
  out.push(sentence(meta.summary), '');
  out.push('Why this is risky', stripMarkdown(meta.docs.why), '');
  if (meta.docs.examples.length > 0) {
    out.push('Examples');
    for (const [stack, examples] of examplesByStack(meta.docs.examples)) {
      for (const ex of examples) {
        const label = `${ex.kind === 'bad' ? '❌ Bad' : '✅ Good'} (${stack}${ex.filename ? `, ${ex.filename}` : ''}):`;
        out.push(label, ...ex.code.replace(/\s+$/, '').split('\n').map((l) => (l === '' ? '' : `    ${l}`)), '');
      }
    }
  }
  out.push('How to fix', stripMarkdown(meta.docs.fix), '');
  out.push('Options');
  const options = optionDocs(meta);
  if (options.length === 0) out.push('This rule has no options.');
  for (const o of options) {
    const details = [o.type, o.hasDefault ? `default ${JSON.stringify(o.defaultValue)}` : undefined].filter(Boolean).join(', ');
    out.push(`- ${o.name}${details ? ` (${details})` : ''}${o.description ? `: ${stripMarkdown(o.description)}` : ''}`);
  }
  out.push('');
  const references = meta.docs.references ?? [];
  if (references.length > 0) out.push('References', ...references.map((r) => `- ${r}`), '');
  if (isBuiltIn(id)) out.push(`Generated from rules/${id}.ts; edit that file, then run npm run docs.`);
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

/**
 * A rule's page: title, badge line (severity · recommended · stacks covered), summary, why,
 * examples per stack (❌ then ✅), how to fix, options, references and, for built-in rules, the
 * "generated" footer (a plugin rule's page is not generated from this repository).
 * `text` is the same content without Markdown syntax (for SARIF `help.text`).
 */
export function renderRuleDoc(input: RuleDocInput, format: RuleDocFormat): string {
  return format === 'markdown' ? renderMarkdown(input) : renderText(input);
}
