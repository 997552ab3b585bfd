// Content pre-filter for large trees: grep reads the files on every core, Node reads only candidates.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

/**
 * Case-insensitive ERE that every file some adapter's `accepts` takes contains: the union of the
 * adapters' cheap text tests (a test in test/cli.test.ts checks it against every fixture).
 */
export const CANDIDATE_PATTERN = 'cors|access-control|allowedorigins|http_origin|more_(set|clear)_headers|include|add_header|check_request_enabled|import \\*';

/** Below this many files, reading them in-process costs less than starting grep. */
const MIN_FILES = 1000;

/**
 * The files among `paths` (absolute) that may hold a CORS configuration, found by GNU/BSD grep in
 * parallel chunks, or undefined for every chunk grep could not vouch for (grep missing, a file it
 * could not read — then corslint reads those itself and reports what it cannot read). Reading
 * 20,000 files one syscall at a time costs a single-threaded Node process about as much again as
 * grep's whole run; the pre-filter keeps corslint within a small factor of a plain grep.
 */
export async function prefilterCandidates(paths: readonly string[], env: NodeJS.ProcessEnv): Promise<(path: string) => boolean> {
  if (paths.length < MIN_FILES || env.CORSLINT_PREFILTER === 'off') return () => true;
  const parts = chunk(paths);
  const results: (string[] | undefined)[] = new Array(parts.length);
  let next = 0;
  const worker = async () => {
    while (next < parts.length) {
      const i = next++;
      results[i] = await grepChunk(parts[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), parts.length) }, worker));
  const candidates = new Set<string>();
  const unknown = new Set<string>();
  results.forEach((found, i) => {
    if (found === undefined) for (const p of parts[i]) unknown.add(p);
    else for (const p of found) candidates.add(p);
  });
  return (path) => candidates.has(path) || unknown.has(path);
}

/** Splits the paths so that each grep's argument list stays far below the kernel's ARG_MAX. */
function chunk(paths: readonly string[]): string[][] {
  const parts: string[][] = [];
  const perCore = Math.ceil(paths.length / availableParallelism());
  let current: string[] = [];
  let bytes = 0;
  for (const p of paths) {
    if (current.length > 0 && (bytes + p.length > 512 * 1024 || current.length >= perCore)) {
      parts.push(current);
      current = [];
      bytes = 0;
    }
    current.push(p);
    bytes += p.length + 1;
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

function grepChunk(paths: readonly string[]): Promise<string[] | undefined> {
  return new Promise((resolveChunk) => {
    // -l names only, -I skip binary, -i case-insensitive, -E extended, -s quiet, -Z NUL-separated
    // names; LC_ALL=C so bytes are bytes (no UTF-8 decoding, no "binary" verdicts from it).
    const child = spawn('grep', ['-lIiEsZ', '-e', CANDIDATE_PATTERN, '--', ...paths], {
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, LC_ALL: 'C' },
    });
    const out: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.on('error', () => resolveChunk(undefined));
    child.on('close', (code) => {
      // 0: matches, 1: none; 2: an error (an unreadable file) — let corslint read and report it.
      if (code !== 0 && code !== 1) resolveChunk(undefined);
      else resolveChunk(Buffer.concat(out).toString('utf8').split('\0').filter((p) => p !== ''));
    });
  });
}
