// The property suites (reference-impl/test/properties) run longer than in `npm test`:
// `npm run properties` runs each 20 times as often; `npm run properties -- 100 42` 100 times as
// often with seed 42. A failure prints the counterexample and the seed to replay it.
import { spawnSync } from 'node:child_process';

const [runs = '20', seed] = process.argv.slice(2);
const env = { ...process.env, PROPERTY_RUNS: runs, ...(seed === undefined ? {} : { PROPERTY_SEED: seed }) };
console.log(`property suites: ${runs}× the runs of npm test, seed ${seed ?? '3156 (the default)'}`);
const result = spawnSync(
  'npx',
  ['vitest', 'run', '--project', 'reference-impl', '--testTimeout', '0', 'test/properties'],
  {
    env,
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
