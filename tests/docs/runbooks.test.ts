import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  functionServiceNames,
  loadTemplate,
  repoRoot,
  resourcesOfType,
} from '../templates/support/templates';

const folder = join(repoRoot, 'docs', 'runbooks');
const index = readFileSync(join(folder, 'README.md'), 'utf8');

describe('the runbooks', () => {
  it('have a page for every shared alarm, named as CloudWatch shows it', () => {
    const names = resourcesOfType(loadTemplate('infrastructure'), 'AWS::CloudWatch::Alarm').map(([, alarm]) =>
      String(alarm.Properties?.AlarmName).replace(/-local$/, '-{stage}'),
    );
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(index).toContain(`\`${name}\``);
  });

  it('have a page for every kind of function alarm', () => {
    const logicalIds = functionServiceNames.flatMap((service) =>
      resourcesOfType(loadTemplate(service), 'AWS::CloudWatch::Alarm').map(([id]) => id),
    );
    const kinds = new Set(
      logicalIds.map((id) => id.replace(/^[A-Z][a-z]+(?:[A-Z][a-z]+)*?(?=Function)/, '')),
    );
    expect([...kinds].sort()).toEqual([
      'FunctionDurationP95Alarm',
      'FunctionErrorRateAlarm',
      'FunctionThrottlesAlarm',
    ]);
    expect(index).toContain('FunctionDurationP95Alarm');
    expect(index).toContain('FunctionThrottlesAlarm');
    expect(index).toContain('-error-rate');
  });

  it('link only to pages that exist', () => {
    const links = [...index.matchAll(/\]\(([\w-]+\.md)\)/g)].map((match) => match[1] ?? '');
    expect(links.length).toBeGreaterThanOrEqual(12);
    for (const link of links) expect(existsSync(join(folder, link))).toBe(true);
  });
});
