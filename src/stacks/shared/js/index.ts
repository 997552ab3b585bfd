// JS/TS infrastructure for the Node adapters: lazy Babel parsing, spans, imports, static values.
export { loadJsParser, loadedJsParser, jsSkipReason, babelPlugins, MAX_JS_FILE_SIZE } from './parse.js';
export type { JsParse, JsParseResult } from './parse.js';
export { spanOf } from './span.js';
export { createResolver } from './resolver.js';
export type { JsResolver, ResolverHost, ResolverOptions } from './resolver.js';
export { findImports } from './imports.js';
export type { JsImport } from './imports.js';
export type { Binding, BindingKind, PatternStep } from './scope.js';
export type { JsValue, JsValueKind, JsProperty } from './value.js';
export { isRelativeSpecifier, moduleCandidates } from './module-path.js';
export { forEachChild } from './walk.js';
