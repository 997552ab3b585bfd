// The command line: arguments, reading files, printing and exit codes. The only layer with I/O.
import type { Command as CommandType, Option as OptionType } from 'commander';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LintResult } from '../api.js';
import type { Finding, Severity } from '../model/finding.js';
import { SEVERITIES, severityRank } from '../model/finding.js';
import type { LintReport, ReportContext, ToolNotification } from '../model/report.js';
import type { SourceFile } from '../model/source.js';
import { loadIgnore } from '../config/lazy.js';
import { discover } from './discover.js';
import { prefilterCandidates } from './prefilter.js';
import type { DiscoveredFile } from './discover.js';

// commander is CommonJS: require() loads it in about half the time an ESM import of it takes,
// and start-up time is what a pre-commit run pays on every commit.
const requireHere = createRequire(import.meta.url);
const { Command, CommanderError, Option } = requireHere('commander') as typeof import('commander');

/** Files above this size are not read (a CORS configuration is never this large). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

interface LintFlags {
  format: string;
  output?: string;
  config?: string | false;
  failOn: Severity;
  maxWarnings?: number;
  quiet?: boolean;
  stdin?: boolean;
  stdinFilename?: string;
  reportSuppressed?: boolean;
  reportUnusedIgnores?: boolean;
  baseline?: string;
  writeBaseline?: string;
  sarifCategory?: string;
  color?: boolean;
}

/** A usage, config or I/O problem: one line on stderr, exit code 2. */
export class UsageError extends Error {}

/** Runs corslint with these arguments; returns the exit code (never calls process.exit). */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = buildProgram((code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // --help and --version end through here with code 0.
    if (error.exitCode === 0) return 0;
    process.stderr.write(`corslint: ${error.message.replace(/^error: /, '')}\n`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`corslint: ${message.split('\n')[0]}\n`);
  if (process.env.DEBUG?.split(',').includes('corslint') && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return 2;
}

function severityOption(flags: string, description: string, fallback?: Severity): OptionType {
  const option = new Option(flags, description).choices(SEVERITIES as string[]);
  return fallback ? option.default(fallback) : option;
}

function buildProgram(setExit: (code: number) => void): CommandType {
  const program = new Command('corslint')
    .description('Static linter for CORS configuration: Express/Node, Django, FastAPI/Starlette, Flask-CORS, nginx and S3')
    .version(packageVersion(), '-v, --version')
    .exitOverride()
    // Options after a subcommand belong to it (`corslint explain x --format json`).
    .enablePositionalOptions()
    .configureOutput({ writeErr: () => undefined, outputError: () => undefined })
    .showSuggestionAfterError(true)
    .argument('[paths...]', 'files or folders to lint', ['.'])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['stylish', 'json', 'sarif', 'github']).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('-c, --config <file>', 'use this config file (default: nearest .corslintrc.json, .corslintrc.yaml or package.json "corslint")')
    .option('--no-config', 'ignore config files')
    .addOption(severityOption('--fail-on <severity>', 'exit 1 if a finding at or above this severity remains', 'medium'))
    .option('--max-warnings <n>', 'also exit 1 if more than n findings remain', parseCount)
    .option('--quiet', 'report only findings at or above --fail-on')
    .option('--stdin', 'lint standard input')
    .option('--stdin-filename <file>', 'the file name standard input is linted as')
    .option('--report-suppressed', 'include findings silenced by corslint-ignore comments or the baseline')
    .option('--report-unused-ignores', 'report corslint-ignore comments that silence nothing')
    .option('--baseline <file>', 'fail only on findings that are not in this baseline file')
    .option('--write-baseline <file>', "record today's findings in a baseline file")
    .option('--sarif-category <name>', 'set SARIF automationDetails.id (off by default)')
    .option('--color', 'force colour')
    .option('--no-color', 'disable colour')
    .action(async (paths: string[], flags: LintFlags) => {
      setExit(await runLint(paths, flags));
    });

  program
    .command('rules')
    .description('list the rules with severity, stacks and summary')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (flags: { format: string }) => {
      setExit(await runRules(flags.format));
    });

  program
    .command('explain')
    .description('print the normalised CORS policies (the model) found in each file')
    .argument('[paths...]', 'files or folders', ['.'])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('-c, --config <file>', 'config file')
    .option('--no-config', 'ignore config files')
    .action(async (paths: string[], flags: { format: string; config?: string | false }) => {
      setExit(await runExplain(paths, flags));
    });
  return program;
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings takes a whole number, not "${value}"`);
  return Number(value);
}

function packageRoot(): string {
  // dist/src/cli/main.js → package root
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

interface Prepared {
  cwd: string;
  files: SourceFile[];
  extraFindings: Finding[];
  notifications: ToolNotification[];
  lintOptions: Omit<import('../api.js').LintOptions, 'files'>;
}

async function prepare(paths: readonly string[], flags: { config?: string | false; stdin?: boolean; stdinFilename?: string }): Promise<Prepared> {
  const cwd = process.cwd();
  // Routing needs only the adapters' cheap halves; the rules load when a config or a file needs them.
  const { builtinAdapters } = await import('../stacks/index.js');
  const { loadConfig } = await import('./load-config.js');
  const loaded = await loadConfig({
    cwd,
    configPath: typeof flags.config === 'string' ? flags.config : undefined,
    noConfig: flags.config === false,
    startDir: configStart(cwd, paths, flags.stdin === true),
    knownRuleIds: async () => {
      const { builtinRules } = await import('../../rules/index.js');
      return { ids: builtinRules.map((r) => r.id), rules: builtinRules };
    },
  });
  const { isIgnored } = await import('../config/ignore.js');
  const corslintIgnore = readIgnoreFile(loaded.dir);
  const notifications: ToolNotification[] = [];
  const extraFindings: Finding[] = [];
  const files: SourceFile[] = [];
  const wantsPath = (p: string) => builtinAdapters.some((a) => a.wantsPath(p));
  const lintOptions = {
    cwd,
    config: loaded.config,
    configDir: loaded.dir,
    plugins: loaded.plugins,
    readFile: (p: string) => readText(resolve(cwd, p)),
  };
  if (flags.stdin) {
    if (!flags.stdinFilename) throw new UsageError('--stdin needs --stdin-filename, the name to lint standard input as');
    files.push({ path: flags.stdinFilename.split('\\').join('/'), text: stripBom(readFileSync(0, 'utf8')) });
    return { cwd, files, extraFindings, notifications, lintOptions };
  }
  const hasIgnorePatterns = (loaded.config.ignorePatterns?.length ?? 0) > 0;
  const found = discover(paths, {
    cwd,
    wantsPath,
    isIgnored: (p) => (hasIgnorePatterns && isIgnored(resolve(cwd, p), loaded.config, loaded.dir)) || corslintIgnore(p),
  });
  if (found.missing.length > 0) throw new UsageError(`no such file or folder: ${found.missing.join(', ')}`);
  // Per file, the content hints of the adapters that want its path: a file containing none of
  // them is never decoded (undefined: some adapter wants every such file decoded).
  const hintsFor = (p: string): readonly string[] | undefined => {
    const wanting = builtinAdapters.filter((a) => a.wantsPath(p));
    return wanting.some((a) => !a.contentHints) ? undefined : wanting.flatMap((a) => a.contentHints ?? []);
  };
  const candidate = await prefilterCandidates(
    found.files.filter((f) => !f.explicit).map((f) => f.absolute),
    process.env,
  );
  for (const file of found.files) {
    if (file.explicit ? wantsPath(file.path) : candidate(file.absolute)) readInto(file, files, extraFindings, notifications, hintsFor(file.path));
  }
  const listed = found.files.map((f) => f.path);
  return { cwd, files, extraFindings, notifications, lintOptions: { ...lintOptions, listFiles: () => listed } };
}

/** Where the config search starts: the one folder (or a file's folder) being linted, else cwd. */
function configStart(cwd: string, paths: readonly string[], stdin: boolean): string {
  if (stdin || paths.length !== 1) return cwd;
  const target = resolve(cwd, paths[0]);
  try {
    return statSync(target).isDirectory() ? target : dirname(target);
  } catch {
    return cwd; // a missing path is reported by discovery
  }
}

/** `.corslintignore` next to the config (or in cwd): gitignore syntax, paths relative to it. */
function readIgnoreFile(dir: string): (path: string) => boolean {
  const text = readText(join(dir, '.corslintignore'));
  if (text === undefined) return () => false;
  const matcher = loadIgnore()().add(text);
  const cwd = process.cwd();
  return (path) => {
    const rel = relativePosix(dir, resolve(cwd, path));
    return rel !== undefined && matcher.ignores(rel);
  };
}

function relativePosix(from: string, to: string): string | undefined {
  const rel = relative(from, to).split('\\').join('/');
  return rel === '' || rel.startsWith('..') ? undefined : rel;
}

function readText(absolute: string): string | undefined {
  try {
    return stripBom(readFileSync(absolute, 'utf8'));
  } catch {
    return undefined;
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** One buffer for every small file: most candidates are a few KB, and readFileSync's fstat and allocation per file double the cost of a 20,000-file run. */
const SMALL = Buffer.allocUnsafe(64 * 1024);

function readBytes(path: string): Buffer | 'too-large' {
  const fd = openSync(path, 'r');
  try {
    const n = readSync(fd, SMALL, 0, SMALL.length, 0);
    if (n < SMALL.length) return SMALL.subarray(0, n);
    return fstatSync(fd).size > MAX_FILE_BYTES ? 'too-large' : readFileSync(path);
  } finally {
    closeSync(fd);
  }
}

function readInto(file: DiscoveredFile, files: SourceFile[], findings: Finding[], notifications: ToolNotification[], hints?: readonly string[]): void {
  let buffer: Buffer | 'too-large';
  try {
    buffer = readBytes(file.absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'EISDIR') return; // a folder named like a config file
    findings.push({
      ruleId: 'parse-error',
      severity: 'medium',
      level: 'error',
      message: `cannot read this file (${code}${code === 'ELOOP' ? ': symbolic link loop' : ''})`,
      span: { file: file.path, line: 1, column: 1, endLine: 1, endColumn: 1 },
    });
    return;
  }
  if (buffer === 'too-large') {
    notifications.push({ level: 'warning', message: `${file.path}: skipped, larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` });
    return;
  }
  // A NUL byte in the first 8 KB means binary (git's heuristic): never a configuration.
  if (buffer.subarray(0, 8000).includes(0)) return;
  if (hints && !hints.some((h) => buffer.includes(h))) return;
  files.push({ path: file.path, text: stripBom(buffer.toString('utf8')) });
}

async function runLint(paths: readonly string[], flags: LintFlags): Promise<number> {
  if (flags.stdinFilename && !flags.stdin) throw new UsageError('--stdin-filename goes with --stdin');
  if (flags.baseline && flags.writeBaseline) throw new UsageError('--baseline and --write-baseline cannot be used together');
  const prepared = await prepare(paths, flags);
  // Nothing any adapter wants (the common pre-commit case): a human-readable "no findings" needs
  // neither the rules nor the engine, so they are not loaded.
  if (flags.format === 'stylish' && prepared.files.length === 0 && prepared.extraFindings.length === 0 && !flags.writeBaseline) {
    const { stylish } = await import('../reporters/stylish.js');
    const { decideColor } = await import('../reporters/color.js');
    const color = flags.output === undefined && decideColor({ flag: flags.color, env: process.env, isTTY: Boolean(process.stdout.isTTY && process.stdout.hasColors?.()) });
    const output = stylish({ files: [], findings: [], notifications: prepared.notifications }, { rules: [], tool: { name: 'corslint', version: packageVersion(), informationUri: '' }, repoPrefix: '', color });
    if (flags.output !== undefined) writeFileSync(resolve(prepared.cwd, flags.output), output);
    else process.stdout.write(output);
    for (const n of prepared.notifications) process.stderr.write(`corslint: ${n.message}\n`);
    return 0;
  }
  const api = await import('../api.js');
  const result = await api.lint({ files: prepared.files, ...prepared.lintOptions, reportUnusedIgnores: flags.reportUnusedIgnores, stacksCovered: stacksCoveredLookup() });
  const findings = [...result.findings, ...prepared.extraFindings].sort((await import('../engine/lint.js')).compareFindings);
  if (flags.writeBaseline || flags.baseline) await applyBaselineFlags(flags, findings, prepared);
  if (flags.writeBaseline) return 0;

  const threshold = severityRank(flags.failOn);
  const active = findings.filter((f) => !f.suppressed);
  const shown = findings.filter((f) => (flags.reportSuppressed || !f.suppressed) && (!flags.quiet || severityRank(f.severity) <= threshold));
  const notifications = [...prepared.notifications, ...result.notes.map((message): ToolNotification => ({ level: 'note', message }))];
  const report: LintReport = { files: result.files, findings: shown, notifications };
  const toFile = flags.output !== undefined;
  const { decideColor, getFormatter } = await import('../reporters/index.js');
  const color = !toFile && (flags.format === 'stylish') && decideColor({ flag: flags.color, env: process.env, isTTY: Boolean(process.stdout.isTTY && process.stdout.hasColors?.()) });
  const ctx: ReportContext = {
    get rules() {
      return result.rules;
    },
    tool: { name: 'corslint', version: api.VERSION, informationUri: api.INFORMATION_URI },
    // Only SARIF and workflow annotations need repository-relative paths: spare the others a git call.
    repoPrefix: flags.format === 'sarif' || flags.format === 'github' ? gitPrefix(prepared.cwd) : '',
    color,
    ...(flags.sarifCategory ? { sarifCategory: flags.sarifCategory } : {}),
  };
  const formatter = getFormatter(flags.format);
  if (!formatter) throw new UsageError(`unknown format "${flags.format}"`);
  const output = formatter(report, ctx);
  if (toFile) writeFileSync(resolve(prepared.cwd, flags.output as string), output);
  else process.stdout.write(output);
  for (const n of notifications) process.stderr.write(`corslint: ${n.message}\n`);

  const failing = active.filter((f) => f.level === 'error' && severityRank(f.severity) <= threshold);
  if (failing.length > 0) return 1;
  if (flags.maxWarnings !== undefined && active.length > flags.maxWarnings) return 1;
  return 0;
}

/** `--write-baseline` records the active findings; `--baseline` marks the known ones as suppressed. */
async function applyBaselineFlags(flags: LintFlags, findings: Finding[], prepared: Prepared): Promise<void> {
  const { fingerprintFindings, readBaseline, applyBaseline, serializeBaseline } = await import('../engine/baseline.js');
  const textOf = (path: string) => prepared.files.find((f) => f.path === path)?.text ?? readText(resolve(prepared.cwd, path));
  const fingerprints = fingerprintFindings(findings, textOf);
  if (flags.writeBaseline) {
    const active = findings.filter((f) => !f.suppressed);
    writeFileSync(resolve(prepared.cwd, flags.writeBaseline), serializeBaseline(active, fingerprints));
    process.stderr.write(`corslint: wrote ${active.length} finding${active.length === 1 ? '' : 's'} to ${flags.writeBaseline}\n`);
    return;
  }
  const baselinePath = flags.baseline as string;
  const text = readText(resolve(prepared.cwd, baselinePath));
  if (text === undefined) throw new UsageError(`cannot read the baseline file ${baselinePath}`);
  applyBaseline(findings, fingerprints, readBaseline(text, baselinePath));
}

/** Prefix from the repository root to cwd (`sub/dir/`), so SARIF paths are repository-relative. */
function gitPrefix(cwd: string): string {
  const run = spawnSync('git', ['rev-parse', '--show-prefix'], { cwd, encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : '';
}

/** Stacks each rule is covered for, computed from fixtures by `npm run docs`. */
function stacksCoveredLookup(): (id: string) => string[] {
  const text = readText(join(packageRoot(), 'docs', 'rules', 'coverage.json'));
  const coverage = text === undefined ? {} : (JSON.parse(text) as Record<string, string[]>);
  return (id) => coverage[id] ?? [];
}

async function runRules(format: string): Promise<number> {
  const api = await import('../api.js');
  const covered = stacksCoveredLookup();
  const rows = [...api.builtinRules]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((r) => ({ id: r.id, severity: r.meta.severity, recommended: r.meta.recommended, stacks: covered(r.id), summary: r.meta.summary }));
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify({ schemaVersion: 1, rules: rows }, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...rows.map((r) => r.id.length));
  const stacksWidth = Math.max(...rows.map((r) => r.stacks.join(',').length), 1);
  for (const r of rows) {
    process.stdout.write(`${r.id.padEnd(width)}  ${r.severity.padEnd(6)}  ${(r.stacks.join(',') || '-').padEnd(stacksWidth)}  ${r.summary}\n`);
  }
  return 0;
}

async function runExplain(paths: readonly string[], flags: { format: string; config?: string | false }): Promise<number> {
  const prepared = await prepare(paths, flags);
  const api = await import('../api.js');
  const result: LintResult = await api.lint({ files: prepared.files, ...prepared.lintOptions });
  const { explainJson, explainText } = await import('../model/print-policy.js');
  const policies = result.models.flatMap((m) => m.policies);
  process.stdout.write(flags.format === 'json' ? `${JSON.stringify(explainJson(policies), null, 2)}\n` : explainText(policies));
  return 0;
}
