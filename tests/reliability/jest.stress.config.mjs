// `npm run test:stress`: the reliability project of the root config, running the slow suites
// (*.stress.ts: chaos and load) that `npm test` leaves out. One file at a time: each starts a system.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import rootConfig from '../../jest.config.mjs';

const reliability = rootConfig.projects.find((project) => project.displayName === 'reliability');

export default {
  ...reliability,
  displayName: 'stress',
  rootDir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'),
  testMatch: ['<rootDir>/tests/reliability/**/*.stress.ts'],
  maxWorkers: 1,
};
