// `npm run test:deploy` only: the deploy paths into moto_server (about ten minutes, not for every run).
import base from './jest.config.mjs';

const contracts = base.projects.find((project) => project.displayName === 'contracts');

export default {
  ...contracts,
  displayName: 'deploy',
  rootDir: new URL('.', import.meta.url).pathname,
  testMatch: ['<rootDir>/tests/deploy/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
};
