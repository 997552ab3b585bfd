// GitHub code-scanning ingestion checks that the SARIF schema does not express (reference/integration.md §1.2, §2.5).

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function textOf(message: unknown): unknown {
  return isObject(message) ? message.text : undefined;
}

// GitHub's limits (sarif-limits.md, reference/integration.md §1.7).
const MAX_RESULTS = 25_000;
const MAX_RULES = 25_000;
const MAX_LOCATIONS = 1_000;
const MAX_TAGS = 20;
const MAX_DESCRIPTION = 1024;
const MAX_NAME = 255;

/**
 * Problems with a relative, segment-encoded artifact URI: GitHub resolves `uri` against the
 * checkout root and ignores `uriBaseId` (codeql-action src/fingerprints.ts, §1.3).
 */
function uriProblems(uri: unknown, where: string): string[] {
  if (!nonEmptyText(uri)) return [`${where}: artifactLocation.uri is missing or empty`];
  const problems: string[] = [];
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri)) problems.push(`${where}: uri "${uri}" is absolute, not repository-relative`);
  if (uri.startsWith('/')) problems.push(`${where}: uri "${uri}" starts with "/"`);
  // Only unreserved characters, sub-delimiters, ':', '@', '/' and %XX escapes (RFC 3986 path).
  if (!/^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/.test(uri)) problems.push(`${where}: uri "${uri}" is not percent-encoded`);
  return problems;
}

function ruleProblems(rule: unknown, i: number, seen: Set<string>): string[] {
  const where = `runs[0].tool.driver.rules[${i}]`;
  if (!isObject(rule)) return [`${where}: not an object`];
  const problems: string[] = [];
  if (!nonEmptyText(rule.id)) problems.push(`${where}: id is missing or empty`);
  else if (seen.has(rule.id)) problems.push(`${where}: duplicate id "${rule.id}"`);
  else seen.add(rule.id);
  if (rule.name !== undefined && (!nonEmptyText(rule.name) || rule.name.length > MAX_NAME)) {
    problems.push(`${where}: name must be a non-empty string of at most ${MAX_NAME} characters`);
  }
  for (const key of ['shortDescription', 'fullDescription'] as const) {
    const text = textOf(rule[key]);
    if (!nonEmptyText(text)) problems.push(`${where}: ${key}.text is missing or empty`);
    else if (text.length > MAX_DESCRIPTION) problems.push(`${where}: ${key}.text is longer than ${MAX_DESCRIPTION} characters`);
  }
  if (!nonEmptyText(textOf(rule.help))) problems.push(`${where}: help.text is missing or empty`);
  const props = isObject(rule.properties) ? rule.properties : {};
  const tags = Array.isArray(props.tags) ? props.tags : [];
  if (tags.length > MAX_TAGS) problems.push(`${where}: more than ${MAX_TAGS} tags`);
  const severity = props['security-severity'];
  if (severity !== undefined) {
    // GitHub reads security-severity as a string holding a number from 0.1 to 10.0 (§1.2).
    if (typeof severity !== 'string' || !/^\d+(?:\.\d+)?$/.test(severity) || Number(severity) < 0.1 || Number(severity) > 10) {
      problems.push(`${where}: security-severity must be a numeric string from "0.1" to "10.0"`);
    }
    if (!tags.includes('security')) problems.push(`${where}: security-severity needs the "security" tag`);
  }
  return problems;
}

function resultProblems(result: unknown, i: number, rules: unknown[]): string[] {
  const where = `runs[0].results[${i}]`;
  if (!isObject(result)) return [`${where}: not an object`];
  const problems: string[] = [];
  if (!nonEmptyText(textOf(result.message))) problems.push(`${where}: message.text is missing or empty`);
  const locations = result.locations;
  if (!Array.isArray(locations) || locations.length === 0) {
    problems.push(`${where}: needs at least one location`);
  } else {
    if (locations.length > MAX_LOCATIONS) problems.push(`${where}: more than ${MAX_LOCATIONS} locations`);
    const physical = isObject(locations[0]) ? locations[0].physicalLocation : undefined;
    const artifact = isObject(physical) ? physical.artifactLocation : undefined;
    const region = isObject(physical) ? physical.region : undefined;
    problems.push(...uriProblems(isObject(artifact) ? artifact.uri : undefined, `${where}.locations[0]`));
    const startLine = isObject(region) ? region.startLine : undefined;
    if (!Number.isInteger(startLine) || (startLine as number) < 1) problems.push(`${where}.locations[0]: region.startLine is missing`);
  }
  if (Array.isArray(result.relatedLocations)) {
    result.relatedLocations.forEach((loc, j) => {
      const physical = isObject(loc) ? loc.physicalLocation : undefined;
      const artifact = isObject(physical) ? physical.artifactLocation : undefined;
      if (artifact !== undefined) problems.push(...uriProblems(isObject(artifact) ? artifact.uri : undefined, `${where}.relatedLocations[${j}]`));
    });
  }
  if (result.ruleIndex !== undefined) {
    const index = result.ruleIndex;
    if (!Number.isInteger(index) || (index as number) < 0 || (index as number) >= rules.length) {
      problems.push(`${where}: ruleIndex ${String(index)} is out of range (${rules.length} rules)`);
    } else {
      const rule = rules[index as number];
      const id = isObject(rule) ? rule.id : undefined;
      if (result.ruleId !== undefined && result.ruleId !== id) problems.push(`${where}: ruleId "${String(result.ruleId)}" is not rules[${String(index)}].id "${String(id)}"`);
    }
  } else if (typeof result.ruleId === 'string' && !rules.some((r) => isObject(r) && r.id === result.ruleId)) {
    problems.push(`${where}: ruleId "${result.ruleId}" has no rule descriptor`);
  }
  return problems;
}

/**
 * What GitHub code scanning would reject or mishandle in a SARIF log, beyond schema validity
 * (reference/integration.md §2.5): one run; every rule described (non-empty short and full
 * descriptions and help, ≤1024 characters); numeric `security-severity`; every result with a
 * non-empty message, a location with a relative encoded `uri` and a `startLine`, and a `ruleIndex`
 * that points at its `ruleId`. Returns one line per problem; empty when the log is fine.
 */
export function githubSarifProblems(log: unknown): string[] {
  if (!isObject(log)) return ['the log is not an object'];
  const problems: string[] = [];
  if (!nonEmptyText(log.$schema)) problems.push('$schema is missing');
  if (log.version !== '2.1.0') problems.push('version is not "2.1.0"');
  if (!Array.isArray(log.runs) || log.runs.length !== 1) {
    // Several runs with one category are rejected since July 2025 (§1.5).
    problems.push(`expected exactly one run, found ${Array.isArray(log.runs) ? log.runs.length : 'none'}`);
    return problems;
  }
  const run = log.runs[0];
  if (!isObject(run)) return [...problems, 'runs[0] is not an object'];
  const driver = isObject(run.tool) && isObject(run.tool.driver) ? run.tool.driver : undefined;
  if (!driver) return [...problems, 'runs[0].tool.driver is missing'];
  if (!nonEmptyText(driver.name)) problems.push('runs[0].tool.driver.name is missing or empty');
  const rules = Array.isArray(driver.rules) ? driver.rules : [];
  if (!Array.isArray(driver.rules)) problems.push('runs[0].tool.driver.rules is missing');
  if (rules.length > MAX_RULES) problems.push(`more than ${MAX_RULES} rules`);
  const seen = new Set<string>();
  rules.forEach((rule, i) => problems.push(...ruleProblems(rule, i, seen)));
  if (!Array.isArray(run.results)) {
    problems.push('runs[0].results is missing (an empty array closes alerts)');
  } else {
    if (run.results.length > MAX_RESULTS) problems.push(`more than ${MAX_RESULTS} results`);
    run.results.forEach((result, i) => problems.push(...resultProblems(result, i, rules)));
  }
  return problems;
}
