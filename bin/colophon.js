#!/usr/bin/env node
// Entry point: the compiled CLI lives in lib/ (built by `npm install` via the prepare script).
import { main, installSignalHandlers } from '../lib/cli/index.js';

installSignalHandlers();
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    console.error(
      '\nThis is a bug in Colophon, not in your content. Please report it with the output above.',
    );
    process.exitCode = 3;
  },
);
