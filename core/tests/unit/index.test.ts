import * as core from '@bbws/core';
import { toErrorResponse } from '../../src/errors';
import { productKey } from '../../src/products-table';
import { productInputSchema } from '../../src/schemas/product';

describe('@bbws/core', () => {
  it('is importable by its package name with the modules’ own exports', () => {
    expect([core.productKey, core.toErrorResponse, core.productInputSchema]).toEqual([
      productKey,
      toErrorResponse,
      productInputSchema,
    ]);
  });

  it('exports a defined value for every runtime name', () => {
    const undefinedExports = Object.entries(core).filter(([, value]) => value === undefined);

    expect(undefinedExports).toEqual([]);
  });

  it('exports no test-only helpers', () => {
    expect(Object.keys(core)).not.toContain('uuidV5');
  });
});
