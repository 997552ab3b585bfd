import { describe, expect, it } from 'vitest';
import { decideColor, styles } from './color.js';

describe('decideColor', () => {
  // Precedence from reference/integration.md §5.5: flag > FORCE_COLOR > NO_COLOR > TTY.
  const table: [string, Parameters<typeof decideColor>[0], boolean][] = [
    ['TTY alone turns colour on', { env: {}, isTTY: true }, true],
    ['no TTY, no env: off', { env: {}, isTTY: false }, false],
    ['NO_COLOR=1 beats a TTY', { env: { NO_COLOR: '1' }, isTTY: true }, false],
    ['empty NO_COLOR is ignored', { env: { NO_COLOR: '' }, isTTY: true }, true],
    ['FORCE_COLOR=1 without a TTY', { env: { FORCE_COLOR: '1' }, isTTY: false }, true],
    ['FORCE_COLOR=2', { env: { FORCE_COLOR: '2' }, isTTY: false }, true],
    ['FORCE_COLOR=3', { env: { FORCE_COLOR: '3' }, isTTY: false }, true],
    ['FORCE_COLOR=true', { env: { FORCE_COLOR: 'true' }, isTTY: false }, true],
    ['FORCE_COLOR=0 beats a TTY', { env: { FORCE_COLOR: '0' }, isTTY: true }, false],
    ['FORCE_COLOR=false beats a TTY', { env: { FORCE_COLOR: 'false' }, isTTY: true }, false],
    ['FORCE_COLOR=1 beats NO_COLOR', { env: { FORCE_COLOR: '1', NO_COLOR: '1' }, isTTY: false }, true],
    ['FORCE_COLOR=0 beats a TTY without NO_COLOR', { env: { FORCE_COLOR: '0', NO_COLOR: '' }, isTTY: true }, false],
    ['--color beats NO_COLOR', { flag: true, env: { NO_COLOR: '1' }, isTTY: false }, true],
    ['--color beats FORCE_COLOR=0', { flag: true, env: { FORCE_COLOR: '0' }, isTTY: false }, true],
    ['--no-color beats FORCE_COLOR=1 and a TTY', { flag: false, env: { FORCE_COLOR: '1' }, isTTY: true }, false],
  ];
  it.each(table)('%s', (_, inputs, expected) => {
    expect(decideColor(inputs)).toBe(expected);
  });
});

describe('styles', () => {
  it('is the identity when colour is off', () => {
    const s = styles(false);
    expect(s.red('x') + s.bold('y') + s.underline('z')).toBe('xyz');
  });

  it('wraps text in SGR codes that close only their own attribute', () => {
    const s = styles(true);
    expect(s.red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(s.bold('x')).toBe('\u001b[1mx\u001b[22m');
    expect(s.underline('x')).toBe('\u001b[4mx\u001b[24m');
  });
});
