// The metadata-only view of the active rules that reporters receive (they never import rules).
import type { RuleCatalogEntry } from '../model/report.js';
import type { Rule } from '../rule-api/index.js';
import { renderRuleDoc, ruleDocUri, stripMarkdown } from '../rule-docs/render.js';

/** Catalog entries for rules, sorted by id (SARIF `ruleIndex` refers to this order). */
export function buildRuleCatalog(
  rules: readonly Rule[],
  version: string,
  stacksCovered: (id: string) => string[] = () => [],
): RuleCatalogEntry[] {
  return [...rules]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((rule) => {
      const input = { id: rule.id, meta: rule.meta, stacksCovered: stacksCovered(rule.id), version };
      const plugin = rule.id.includes('/') ? rule.id.slice(0, rule.id.indexOf('/')) : undefined;
      return {
        id: rule.id,
        summary: rule.meta.summary,
        severity: rule.meta.severity,
        recommended: rule.meta.recommended,
        fullDescription: stripMarkdown(rule.meta.docs.why),
        helpText: renderRuleDoc(input, 'text'),
        helpMarkdown: renderRuleDoc(input, 'markdown'),
        // A plugin documents its rules itself; without a URL, point at the plugin section of our docs.
        helpUri: rule.meta.docs.url ?? (plugin ? 'https://github.com/corslint/corslint#plugins' : ruleDocUri(rule.id, version)),
        ...(plugin ? { plugin } : {}),
      };
    });
}
