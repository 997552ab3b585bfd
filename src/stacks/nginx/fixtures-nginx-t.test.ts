// Every nginx fixture meant to be valid passes `nginx -t`; those marked `# nginx-t: fail` must fail.
//
// Convention: a fixture with a top-level `http` or `events` block is a whole configuration and is
// included at nginx's main level; one with top-level `server`/`map` blocks is included inside
// `http {}`; anything else is a location body, included inside a `server {}`. The generated
// nginx.conf loads headers-more for fixtures that use `more_*`. A `.fixture-group` folder is
// copied as a whole and checked through its own nginx.conf, with `/etc/nginx/` includes pointed
// at the copy (the adapter reads them relative to the prefix too); a group without a top-level
// nginx.conf (nginx next to an application) has each of its .conf files checked like a single. `# nginx-t: skip` marks files
// that are not nginx at all; `# nginx-t: fail 'fragment'` also requires nginx's message to contain it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const NGINX = '/usr/sbin/nginx';
const HEADERS_MORE = '/usr/lib/nginx/modules/ngx_http_headers_more_filter_module.so';
const ROOT = join(import.meta.dirname, '..', '..', '..');
const FIXTURES = join(ROOT, 'fixtures', 'nginx');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const all = walk(FIXTURES);
const groups = all.filter((p) => p.endsWith('/.fixture-group')).map((p) => p.slice(0, -'.fixture-group'.length));
const singles = all.filter((p) => !groups.some((g) => p.startsWith(g)) && !p.endsWith('.expect'));

function marker(text: string): { kind?: 'fail' | 'skip'; fragment?: string } {
  const m = /^# nginx-t: (fail|skip)(?: '([^']*)')?/m.exec(text);
  return m ? { kind: m[1] as 'fail' | 'skip', fragment: m[2] } : {};
}

const tmp = mkdtempSync(join(tmpdir(), 'corslint-nginx-t-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function nginxT(prefix: string, conf: string): { ok: boolean; output: string } {
  const r = spawnSync(NGINX, ['-t', '-q', '-p', prefix, '-c', conf, '-e', 'stderr'], { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

function wrap(text: string, file: string, prefix: string): string {
  const loadMore = /\bmore_(?:set|clear)_headers\b/.test(text) ? `load_module ${HEADERS_MORE};\n` : '';
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${join(prefix, t)};`).join(' ');
  if (/^(?:events|http)\b/m.test(text)) return `${loadMore}include ${file};\n`;
  if (/^(?:server|map)\b/m.test(text)) return `${loadMore}events {}\nhttp {\n ${temp}\n include ${file};\n}\n`;
  return `${loadMore}events {}\nhttp {\n ${temp}\n server {\n  listen 127.0.0.1:8080;\n  include ${file};\n }\n}\n`;
}

describe.skipIf(!existsSync(NGINX))('nginx fixtures agree with nginx -t', () => {
  it('finds the fixtures', () => {
    expect(singles.length).toBeGreaterThan(20);
    expect(groups.length).toBeGreaterThan(0);
  });

  for (const path of singles) {
    const name = relative(FIXTURES, path);
    const text = readFileSync(path, 'utf8');
    const { kind, fragment } = marker(text);
    it.skipIf(kind === 'skip')(`${name} ${kind === 'fail' ? 'is refused' : 'is accepted'}`, () => {
      const prefix = mkdtempSync(join(tmp, 'single-'));
      const file = join(prefix, 'fixture.conf');
      writeFileSync(file, text);
      writeFileSync(join(prefix, 'nginx.conf'), wrap(text, file, prefix));
      const { ok, output } = nginxT(prefix, join(prefix, 'nginx.conf'));
      expect(ok, output).toBe(kind !== 'fail');
      if (fragment !== undefined) expect(output).toContain(fragment);
    });
  }

  for (const dir of groups) {
    it(`${relative(FIXTURES, dir)} (group) is accepted`, () => {
      const prefix = mkdtempSync(join(tmp, 'group-'));
      cpSync(dir, prefix, { recursive: true });
      for (const file of walk(prefix)) {
        const text = readFileSync(file, 'utf8');
        if (text.includes('/etc/nginx/')) writeFileSync(file, text.split('/etc/nginx/').join(`${prefix}/`));
      }
      const main = join(prefix, 'nginx.conf');
      if (existsSync(main)) {
        const { ok, output } = nginxT(prefix, main);
        expect(ok, output).toBe(true);
        return;
      }
      // A group that pairs nginx with an application: each nginx file is checked as a single fixture.
      const confs = walk(prefix).filter((f) => f.endsWith('.conf'));
      expect(confs.length).toBeGreaterThan(0);
      for (const file of confs) {
        const wrapper = join(prefix, `${relative(prefix, file).replace(/\W+/g, '-')}.wrapper`);
        writeFileSync(wrapper, wrap(readFileSync(file, 'utf8'), file, prefix));
        const { ok, output } = nginxT(prefix, wrapper);
        expect(ok, output).toBe(true);
      }
    });
  }
});

if (!existsSync(NGINX)) {
  describe('nginx fixtures agree with nginx -t', () => {
    it.skip(`${NGINX} is not installed: install nginx-light and libnginx-mod-http-headers-more-filter to run this check`, () => {});
  });
}
