// The built-in stack adapters, in routing order. Each entry is cheap; parsers load on first use.
import type { StackAdapter } from '../model/adapter.js';
import { s3 } from './s3/adapter.js';

export const builtinAdapters: readonly StackAdapter[] = [s3];
