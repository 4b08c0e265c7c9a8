// Runs every test file under test/ (benchmarks excluded) with Node's test runner.
// `--unit` leaves out the lab tests, which need root and network namespaces.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const unitOnly = process.argv.includes('--unit');

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'bench' || entry.name === 'fixtures' ? [] : find(path);
    return /\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const all = find('test').sort();
const unit = all.filter((file) => !file.startsWith(join('test', 'lab')));
const lab = all.filter((file) => file.startsWith(join('test', 'lab')));

function run(files, concurrency) {
  if (files.length === 0) return 0;
  const args = [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${concurrency}`,
    '--test-reporter=spec',
    ...files,
  ];
  return spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1;
}

let status = run(unit, 2);
// Lab tests share the machine's namespaces and processes: one file at a time.
if (!unitOnly) status = run(lab, 1) || status;
process.exit(status);
