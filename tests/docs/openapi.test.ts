import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

  it('fails npm run lint on a Redocly problem, naming the rule and where it is', () => {
    const document = JSON.parse(JSON.stringify(openApiDocument())) as {
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    delete document.paths['/v1.0/products']?.get?.operationId;
    const dir = mkdtempSync(join(tmpdir(), 'bbws-openapi-'));
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    try {
      const lint = (target?: string) =>
        spawnSync(
          process.execPath,
          [join(repoRoot, 'scripts/lint-openapi.mjs'), ...(target ? [target] : [])],
          {
            cwd: repoRoot,
            encoding: 'utf8',
          },
        );

      const broken = lint(file);
      const committed = lint();

      expect(broken.status).toBe(1);
      expect(broken.stderr).toContain(
        '#/paths/~1v1.0~1products/get/operationId: warn operation-operationId: Operation object should contain `operationId` field.',
      );
      expect(committed.status).toBe(0);
      expect(committed.stdout.trim()).toBe('docs/openapi.json: no OpenAPI problems (rules: redocly.yaml).');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
