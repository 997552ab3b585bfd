// Adapter types, re-exported for stack authors.
export type { AdapterHost, AdapterResult, StackAdapter, StackParser } from '../model/adapter.js';
