#!/usr/bin/env node
// Python adapters benchmark: parse + analysis throughput (MB/s) of the Django, FastAPI and Flask
// adapters on generated candidate files, and the one-off cost of loading the grammar.
// Runs against dist/ (build first: `npx tsc -p tsconfig.json`). Target (issue 6): ≥ 3 MB/s.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { prng } from './bench-lib.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (...parts) => pathToFileURL(join(root, 'dist', 'src', ...parts)).href;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_BYTES = Number(process.env.BENCH_BYTES ?? 4_000_000);


/** A settings module of the usual shape: apps, middleware, databases, logging, env reads, CORS. */
function settingsModule(i, rand) {
  const apps = Array.from({ length: 12 + Math.floor(rand() * 20) }, (_, k) => `    "project${i}.apps.app${k}",`);
  const loggers = Array.from({ length: 6 + Math.floor(rand() * 10) }, (_, k) =>
    [`        "project${i}.module${k}": {`, `            "handlers": ["console"],`, `            "level": env("LOG_LEVEL_${k}", default="INFO"),`, `            "propagate": False,`, `        },`].join('\n'),
  );
  return [
    `"""Settings for project${i}."""`,
    'import os',
    'from pathlib import Path',
    '',
    'import environ',
    '',
    'env = environ.Env(DEBUG=(bool, False))',
    'BASE_DIR = Path(__file__).resolve().parent.parent',
    `SECRET_KEY = env("SECRET_KEY", default="insecure-${i}")`,
    'DEBUG = env("DEBUG")',
    `ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["site${i}.example.com"])`,
    '',
    'INSTALLED_APPS = [',
    '    "django.contrib.admin",',
    '    "django.contrib.auth",',
    '    "corsheaders",',
    ...apps,
    ']',
    '',
    'MIDDLEWARE = [',
    '    "django.middleware.security.SecurityMiddleware",',
    '    "corsheaders.middleware.CorsMiddleware",',
    '    "django.contrib.sessions.middleware.SessionMiddleware",',
    '    "django.middleware.common.CommonMiddleware",',
    '    "django.middleware.csrf.CsrfViewMiddleware",',
    ']',
    '',
    'DATABASES = {',
    '    "default": {',
    '        "ENGINE": "django.db.backends.postgresql",',
    `        "NAME": env("DB_NAME", default="db${i}"),`,
    '        "HOST": os.environ.get("DB_HOST", "localhost"),',
    '        "PORT": int(os.getenv("DB_PORT", "5432")),',
    '    }',
    '}',
    '',
    'LOGGING = {',
    '    "version": 1,',
    '    "disable_existing_loggers": False,',
    '    "handlers": {"console": {"class": "logging.StreamHandler"}},',
    '    "loggers": {',
    ...loggers,
    '    },',
    '}',
    '',
    `FRONTEND = f"https://app${i}.example.com"`,
    'CORS_ALLOWED_ORIGINS = [',
    '    FRONTEND,',
    `    "https://admin${i}.example.com",`,
    ']',
    `CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://\\w+\\.site${i}\\.example\\.com$"]`,
    'CORS_ALLOW_CREDENTIALS = True',
    'if DEBUG:',
    '    CORS_ALLOWED_ORIGINS += ["http://localhost:3000"]',
    '',
    'def show_toolbar(request):',
    '    return DEBUG and request.META.get("REMOTE_ADDR") == "127.0.0.1"',
    '',
  ].join('\n');
}

/** A FastAPI application module with routes and a CORSMiddleware. */
function fastapiModule(i, rand) {
  const routes = Array.from({ length: 10 + Math.floor(rand() * 20) }, (_, k) =>
    [
      `@app.get("/items${k}/{item_id}")`,
      `async def read_item${k}(item_id: int, q: str | None = None) -> dict:`,
      `    """Returns item ${k}."""`,
      `    result = {"item_id": item_id, "name": f"item-{item_id}", "tags": ["a", "b", "c"]}`,
      '    if q:',
      '        result.update({"q": q})',
      '    return result',
      '',
    ].join('\n'),
  );
  return [
    'from fastapi import FastAPI',
    'from fastapi.middleware.cors import CORSMiddleware',
    '',
    `origins = ["https://app${i}.example.com", "https://admin${i}.example.com"]`,
    'app = FastAPI(title="svc")',
    'app.add_middleware(',
    '    CORSMiddleware,',
    '    allow_origins=origins,',
    `    allow_origin_regex=r"https://.*\\.preview${i}\\.example\\.com",`,
    '    allow_credentials=True,',
    '    allow_methods=["*"],',
    '    allow_headers=["Authorization", "Content-Type"],',
    ')',
    '',
    ...routes,
  ].join('\n');
}

/** A Flask application module with views, flask-cors and app config. */
function flaskModule(i, rand) {
  const views = Array.from({ length: 10 + Math.floor(rand() * 20) }, (_, k) =>
    [
      `@app.route("/v${k}", methods=["GET", "POST"])`,
      // One view in five has its own CORS options.
      ...(k % 5 === 0 ? [`@cross_origin(origins=["https://app${i}.example.com"])`] : []),
      `def view${k}():`,
      `    data = {"id": ${k}, "items": [1, 2, 3]}`,
      '    return jsonify(data)',
      '',
    ].join('\n'),
  );
  return [
    'from flask import Flask, jsonify',
    'from flask_cors import CORS, cross_origin',
    '',
    'app = Flask(__name__)',
    'app.config["CORS_SUPPORTS_CREDENTIALS"] = True',
    `CORS(app, resources={r"/api/.*": {"origins": [r"https://.*\\.site${i}\\.example\\.com$"]}})`,
    '',
    ...views,
  ].join('\n');
}

function generate(make, prefix, name) {
  const rand = prng(7);
  const files = [];
  let size = 0;
  for (let i = 0; size < TARGET_BYTES; i++) {
    const text = make(i, rand);
    files.push({ path: `${prefix}${i}/${name}`, text });
    size += text.length;
  }
  return { files, size };
}

const host = (files) => {
  const byPath = new Map(files.map((f) => [f.path, f.text]));
  return { readFile: (p) => byPath.get(p), listFiles: () => [...byPath.keys()], contextFor: () => 'production' };
};

async function main() {
  // The routing half is cheap: importing it and running `accepts` must not load the grammar.
  const importStart = performance.now();
  const { builtinAdapters } = await import(dist('stacks', 'index.js'));
  const importMs = performance.now() - importStart;
  const python = builtinAdapters.filter((a) => ['django', 'fastapi', 'flask'].includes(a.id));
  const { loadPythonParser } = await import(dist('stacks', 'shared', 'python', 'index.js'));
  const loadStart = performance.now();
  await loadPythonParser();
  console.log(`adapters import: ${importMs.toFixed(1)} ms; grammar load on first analyze: ${(performance.now() - loadStart).toFixed(1)} ms`);

  const cases = [
    ['django', generate(settingsModule, 'proj', 'settings.py')],
    ['fastapi', generate(fastapiModule, 'svc', 'main.py')],
    ['flask', generate(flaskModule, 'web', 'app.py')],
  ];
  for (const [id, { files, size }] of cases) {
    const adapter = python.find((a) => a.id === id);
    const parser = await adapter.load();
    // One warm-up run: wasm compilation and JIT are start-up costs, measured separately by the CLI benchmark.
    await parser.analyze(files.slice(0, 20), host(files));
    const wall = [];
    const cpu = [];
    let policies = 0;
    for (let run = 0; run < RUNS; run++) {
      const h = host(files);
      const start = performance.now();
      const cpuStart = process.cpuUsage();
      const result = await parser.analyze(files, h);
      const used = process.cpuUsage(cpuStart);
      wall.push(performance.now() - start);
      // CPU time of this process: steadier than wall time on a shared machine.
      cpu.push((used.user + used.system) / 1000);
      policies = result.policies.length;
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const rate = (ms) => (size / 1e6 / (ms / 1000)).toFixed(2);
    console.log(
      `${id.padEnd(8)} ${files.length} files, ${(size / 1e6).toFixed(2)} MB, ${policies} policies: ` +
        `wall median ${median(wall).toFixed(0)} ms → ${rate(median(wall))} MB/s; CPU median ${median(cpu).toFixed(0)} ms → ${rate(median(cpu))} MB/s`,
    );
  }
}

await main();
