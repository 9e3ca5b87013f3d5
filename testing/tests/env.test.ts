import { applyEnv } from '../src';

describe('applyEnv', () => {
  it('sets the variables and puts back the previous values, removing the ones that did not exist', () => {
    process.env.BBWS_LOCAL_TEST_KEPT = 'before';
    Reflect.deleteProperty(process.env, 'BBWS_LOCAL_TEST_ADDED');

    const restore = applyEnv({ BBWS_LOCAL_TEST_KEPT: 'during', BBWS_LOCAL_TEST_ADDED: 'during' });
    const during = [process.env.BBWS_LOCAL_TEST_KEPT, process.env.BBWS_LOCAL_TEST_ADDED];
    restore();

    expect(during).toEqual(['during', 'during']);
    expect([process.env.BBWS_LOCAL_TEST_KEPT, process.env.BBWS_LOCAL_TEST_ADDED]).toEqual([
      'before',
      undefined,
    ]);
    Reflect.deleteProperty(process.env, 'BBWS_LOCAL_TEST_KEPT');
  });
});
