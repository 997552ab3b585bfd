// Measures parse plus analysis throughput on generated Express-like code.
import { expect, test } from 'vitest';
import type * as t from '@babel/types';
import { createResolver, findImports, loadJsParser } from './index.js';
import { forEachChild } from './walk.js';

/** One Express-like module of about 2 KB; `i` varies names so files are not identical. */
function expressModule(i: number): string {
  return `
const express = require('express');
const cors = require('cors');
const { ORIGINS } = require('./config');
const router${i} = express.Router();
const allowed${i} = ['https://app${i}.example.com', 'https://admin${i}.example.com', ...ORIGINS];
const corsOptions${i} = {
  origin: process.env.CORS_ORIGIN_${i}?.split(',').map((s) => s.trim()) ?? allowed${i},
  credentials: true,
  methods: ['GET', 'POST', 'PUT', 'DELETE'].join(','),
  maxAge: 600,
  allowedHeaders: ['Content-Type', 'Authorization'],
};
function checkOrigin${i}(origin, callback) {
  if (!origin || allowed${i}.includes(origin)) return callback(null, true);
  callback(new Error('Not allowed by CORS: ' + origin));
}
router${i}.use(cors(corsOptions${i}));
router${i}.options('*', cors({ ...corsOptions${i}, origin: checkOrigin${i} }));
router${i}.get('/items/${i}', async (req, res, next) => {
  try {
    const items = await db.collection('items').find({ owner: req.user.id, page: Number(req.query.page ?? 1) }).toArray();
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
    res.json({ items, count: items.length, next: \`/items/${i}?page=\${Number(req.query.page ?? 1) + 1}\` });
  } catch (err) {
    next(err);
  }
});
router${i}.post('/items/${i}', express.json({ limit: '1mb' }), (req, res) => {
  const { name, tags = [] } = req.body;
  if (typeof name !== 'string' || name.length === 0) return res.status(400).json({ error: 'name required' });
  res.status(201).json({ id: ${i}, name, tags: tags.filter(Boolean) });
});
module.exports.router${i} = router${i};
`;
}

test('parse plus analysis throughput on generated Express-like code', async () => {
  const parse = await loadJsParser();
  const config = "module.exports = { ORIGINS: ['https://cfg.example.com'] };\n";
  const files: string[] = [];
  for (let f = 0; f < 60; f++) {
    let text = '';
    for (let i = 0; i < 25; i++) text += expressModule(f * 100 + i);
    files.push(text);
  }
  const bytes = files.reduce((n, text) => n + Buffer.byteLength(text), 0);
  let resolved = 0;
  let envs = 0;
  const started = performance.now();
  files.forEach((text, f) => {
    const file = `src/routes/r${f}.js`;
    const { ast } = parse(text, file);
    if (!ast) throw new Error('generated code does not parse');
    findImports(ast, file);
    const resolver = createResolver(ast, file, { readFile: (p) => (p === 'src/routes/config.js' ? config : undefined) });
    // What an adapter does: resolve the arguments of every call.
    const visit = (node: t.Node): void => {
      if (node.type === 'CallExpression') {
        for (const arg of node.arguments) {
          const v = resolver.resolve(arg);
          resolved++;
          if (v.kind === 'object' && v.properties.get('origin')?.value.kind === 'env') envs++;
        }
      }
      forEachChild(node, visit);
    };
    visit(ast.program);
  });
  const seconds = (performance.now() - started) / 1000;
  const mbPerSecond = bytes / 1e6 / seconds;
  console.log(`parse+analysis: ${(bytes / 1e6).toFixed(2)} MB in ${seconds.toFixed(2)} s = ${mbPerSecond.toFixed(1)} MB/s`);
  // Every `cors(corsOptionsN)` argument resolves to an object whose origin is the env variable.
  expect(envs).toBe(60 * 25);
  expect(resolved).toBeGreaterThan(60 * 25 * 10);
  // The target is 5 MB/s on the development machine; the floor leaves room for slow CI runners.
  expect(mbPerSecond).toBeGreaterThan(1.5);
});
