import { spawnSync } from 'node:child_process';
import { serviceNames, templatePath } from './support/templates';

const cfnLintAvailable = spawnSync('cfn-lint', ['--version']).status === 0;

describe('cfn-lint over every packaged template', () => {
  if (!cfnLintAvailable) {
    it('is not on PATH here, so the templates were not linted (install cfn-lint to run it)', () => {
      console.warn('cfn-lint not found on PATH: skipped linting the packaged templates');
      expect(cfnLintAvailable).toBe(false);
    });
    return;
  }

  // One process for all templates: cfn-lint's start-up costs more than linting one template.
  const lint = spawnSync('cfn-lint', serviceNames.map(templatePath), { encoding: 'utf8' });
  const findings = lint.stdout.trim();

  it('exits cleanly', () => {
    expect({ status: lint.status, stderr: lint.stderr.trim() }).toEqual({ status: 0, stderr: '' });
  });

  it.each(serviceNames)('finds no error or warning in %s', (service) => {
    expect(findings.split('\n\n').filter((finding) => finding.includes(templatePath(service)))).toEqual([]);
  });
});
