import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from '@bbws/core';
import { functionServiceNames, packagedState, repoRoot } from '../templates/support/templates';

describe('docs/openapi.json', () => {
  it('is what `npm run openapi` generates from the core schemas today', () => {
    const committed = JSON.parse(readFileSync(join(repoRoot, 'docs', 'openapi.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it('describes exactly the routes the function services deploy', () => {
    const deployed = functionServiceNames.flatMap((service) =>
      Object.values(packagedState(service).service.functions).flatMap((fn) =>
        fn.events.flatMap(({ http }) => (http ? [`${http.method.toUpperCase()} /${http.path}`] : [])),
      ),
    );
    const documented = Object.entries(openApiDocument().paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => key !== 'parameters')
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(deployed.sort());
  });
});
