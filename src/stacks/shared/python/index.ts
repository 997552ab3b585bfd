// Python support shared by the Django, FastAPI/Starlette and Flask adapters: parser, string decoder, evaluator, call finder.
export { loadPythonParser, type ParsedPython, type PythonParser, type PythonParserAssets } from './parser.js';
export { decodePythonString, type DecodedPythonString, type FStringLiteral, type FStringPart, type FStringPlaceholder } from './strings.js';
export {
  classifyCondition,
  dottedName,
  evaluateModule,
  type Binding,
  type EvaluateOptions,
  type ImportBinding,
  type ModuleEvent,
  type ModuleValues,
  type NameValues,
  type StarImport,
} from './evaluate.js';
export { findCalls, type CallSite, type Callee, type FindCallsOptions, type KeywordArgument } from './calls.js';
export * from './values.js';
export { debugContextOf, listEntries, numberOf, offsetsOf, pythonTruth, truthOf, withDefault, type ListEntry } from './policy-values.js';
