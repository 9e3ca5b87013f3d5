// One jest config, one project per workspace. Middy 6 and the ajv add-ons its validator loads ship ES
// modules only, so those packages are transformed by swc along with our TypeScript.
import { existsSync, readFileSync, readdirSync } from 'node:fs';

// The workspaces, found as npm finds them: every folder with a package.json that a pattern of package.json's
// `workspaces` ("*", "local/*") names. A new service folder gets its jest project without an edit here.
const root = new URL('.', import.meta.url);
const workspaces = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).workspaces.flatMap(
  (pattern) => {
    const parent = pattern.replace(/\*$/, '');
    return readdirSync(new URL(parent || '.', root), { withFileTypes: true })
      .filter(
        (entry) => entry.isDirectory() && existsSync(new URL(`${parent}${entry.name}/package.json`, root)),
      )
      .map((entry) => `${parent}${entry.name}`);
  },
);

const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2023' },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const project = (name, rootDir, overrides = {}) => ({
  displayName: name,
  rootDir,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@middy|@silverbucket|ajv-ftl-i18n|fluent-transpiler)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  setupFiles: [new URL('./jest.setup.cjs', import.meta.url).pathname],
  // As in the bundles (config/esbuild-plugins.js): the X-Ray SDK's context on AsyncLocalStorage, not cls-hooked.
  moduleNameMapper: {
    '^cls-hooked/context$': new URL('./core/src/observability/cls-context.ts', import.meta.url).pathname,
  },
  ...overrides,
});

export default {
  // A worker that keeps more than this after a test file is replaced. Without a limit, on 2 cores jest runs
  // every file in band in its main process, whose heap grows with each file's fresh copy of the AWS SDK
  // until it runs out (4 GB after ~100 files); with one, jest uses a worker it can recycle.
  workerIdleMemoryLimit: '1GB',
  // `contracts` holds the repository-level tests: packaged CloudFormation of every service, workflows.
  projects: [
    ...workspaces.map((name) => project(name, `<rootDir>/${name}`)),
    project('contracts', '<rootDir>', {
      testPathIgnorePatterns: [
        '/node_modules/',
        '<rootDir>/tests/e2e/',
        '<rootDir>/tests/deploy/',
        '<rootDir>/tests/reliability/',
      ],
    }),
    // Black-box tests over HTTP against the whole system, which each file starts (tests/e2e/support).
    project('e2e', '<rootDir>', { testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'] }),
    // Hostile input, fuzzing and faults against the whole system; the slow ones are test:stress (*.stress.ts).
    project('reliability', '<rootDir>', { testMatch: ['<rootDir>/tests/reliability/**/*.test.ts'] }),
  ],
  collectCoverageFrom: ['<rootDir>/*/src/**/*.ts', '<rootDir>/local/*/src/**/*.ts'],
  coverageThreshold: { global: { lines: 90 } },
  coverageReporters: ['text-summary', 'lcov'],
};
