// Routing for Amazon S3 CORS configurations: by content, before any JSON/YAML parser is loaded.
import type { StackAdapter } from '../../model/adapter.js';

const DATA_FILE = /\.(json|ya?ml|template)$/i;

/**
 * S3 CORS JSON (`{"CORSRules": […]}` for the API/CLI, a bare array for the console) and
 * CloudFormation templates (`CorsConfiguration.CorsRules`, JSON or YAML). Detected by content:
 * every form names `AllowedOrigins`, which is required in each rule.
 */
export const s3: StackAdapter = {
  id: 's3',
  name: 'Amazon S3 CORS configuration',
  wantsPath: (path) => DATA_FILE.test(path),
  contentHints: ['AllowedOrigins'],
  accepts: (_path, text) => text.includes('AllowedOrigins'),
  load: async () => (await import('./analyze.js')).s3Parser,
};
