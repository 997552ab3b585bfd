// The model's public surface.
export * from './source.js';
export * from './policy.js';
export * from './finding.js';
export * from './adapter.js';
export * from './report.js';
export * from './wire.js';
