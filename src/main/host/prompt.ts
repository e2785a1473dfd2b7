// Reads a password from the terminal without echoing it (for the CLI when LPLATE_PASSWORD is not set).
import { createInterface } from 'node:readline';

export class NoTerminalError extends Error {}

export function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) {
    return Promise.reject(new NoTerminalError('No terminal to ask for a password on: set LPLATE_PASSWORD.'));
  }
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const output = rl as unknown as { _writeToOutput: (s: string) => void };
    let asked = false;
    output._writeToOutput = (s: string) => {
      if (!asked) {
        process.stderr.write(s);
        asked = true;
      }
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}
