// Runs every test file under test/ (benchmarks excluded) with Node's test runner, in three tiers:
// unit (pure and in-process: fast), integration (`*.int.test.ts`: they spawn real programs — the
// CLI, wg, nft, flock, sh), and lab (test/lab/: root and network namespaces, one file at a time).
// `--unit` runs the unit tier alone.
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
const isLab = (file) => file.startsWith(join('test', 'lab'));
const isIntegration = (file) => !isLab(file) && /\.int\.test\.tsx?$/.test(file);
const unit = all.filter((file) => !isLab(file) && !isIntegration(file));
const integration = all.filter(isIntegration);
const lab = all.filter(isLab);

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
if (!unitOnly) status = run(integration, 2) || status;
// Lab tests share the machine's namespaces and processes: one file at a time.
if (!unitOnly) status = run(lab, 1) || status;
process.exit(status);
