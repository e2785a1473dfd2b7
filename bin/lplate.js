#!/usr/bin/env node
// The `lplate` command: loads the TypeScript core through tsx and runs the CLI.
import { register } from 'tsx/esm/api';

register();
const { runCli, processIo } = await import('../src/main/host/cli.ts');
const code = await runCli(process.argv.slice(2), processIo);
if (code !== 'running') process.exitCode = code;
