#!/usr/bin/env node
import { main } from '../dist/src/cli/main.js';
// `corslint … | head`: a closed pipe ends the output, not the process with a stack trace.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});
process.exitCode = await main(process.argv.slice(2));
