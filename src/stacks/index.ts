// The built-in stack adapters, in routing order. Each entry is cheap; parsers load on first use.
import type { StackAdapter } from '../model/adapter.js';
import { django } from './django/adapter.js';
import { express } from './express/adapter.js';
import { fastapi } from './fastapi/adapter.js';
import { flask } from './flask/adapter.js';
import { nginx } from './nginx/adapter.js';
import { s3 } from './s3/adapter.js';

export const builtinAdapters: readonly StackAdapter[] = [s3, nginx, django, fastapi, flask, express];
