// The floor `readout check` is measured against (bench/cli.ts runs it, bundled like the CLI):
// list the files, read each one and parse its front matter with the yaml package, on one thread.
import { readFileSync } from 'node:fs';
import { glob } from 'tinyglobby';
import { parse } from 'yaml';

const FRONT_MATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n/;

async function main(folder: string): Promise<void> {
  const files = await glob(['**/*.{md,txt}'], { cwd: folder, absolute: true, dot: true, ignore: ['**/node_modules/**', '**/.git/**'] });
  let parsed = 0;
  for (const file of files) {
    const match = FRONT_MATTER.exec(readFileSync(file, 'utf8'));
    if (match) {
      parse(match[1]);
      parsed++;
    }
  }
  console.log(`${parsed} front matters parsed`);
}

void main(process.argv[2]);
