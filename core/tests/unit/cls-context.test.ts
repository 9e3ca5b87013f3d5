import { setImmediate as nextTurn } from 'node:timers/promises';
import * as cls from '../../src/observability/cls-context';

// The cls-hooked semantics the X-Ray SDK relies on, on AsyncLocalStorage. tracing.test.ts runs the real SDK
// and Powertools Tracer over this module (jest maps cls-hooked/context to it, as the build does).

const fresh = (name: string): cls.Namespace => {
  cls.destroyNamespace(name);
  return cls.createNamespace(name);
};

describe('cls-context', () => {
  it('finds a namespace by name until it is destroyed', () => {
    const namespace = fresh('find');
    expect(cls.getNamespace('find')).toBe(namespace);
    cls.destroyNamespace('find');
    expect(cls.getNamespace('find')).toBeUndefined();
  });

  it('refuses a set outside any context, as cls-hooked does, and reads undefined there', () => {
    const namespace = fresh('none');
    expect(namespace.get('segment')).toBeUndefined();
    expect(() => namespace.set('segment', 'x')).toThrow('No context available');
  });

  it('keeps a context entered outside any run active everywhere no run is (the SDK in Lambda)', async () => {
    const namespace = fresh('outer');
    namespace.enter(namespace.createContext());
    namespace.set('segment', 'facade');
    await nextTurn();
    expect(namespace.get('segment')).toBe('facade');
    // A later invocation, started from an unrelated callback, sees (and replaces) the same value.
    await new Promise<void>((resolve) =>
      setTimeout(() => {
        expect(namespace.get('segment')).toBe('facade');
        namespace.set('segment', 'handler subsegment');
        resolve();
      }, 1),
    );
    expect(namespace.get('segment')).toBe('handler subsegment');
  });

  it('runs a function in a child context that inherits, follows its awaits, and ends with it', async () => {
    const namespace = fresh('run');
    namespace.enter(namespace.createContext());
    namespace.set('segment', 'parent');
    namespace.set('user', 'kept');
    let later: Promise<unknown> = Promise.resolve();
    const context = namespace.run(() => {
      expect(namespace.get('segment')).toBe('parent');
      namespace.set('segment', 'child');
      later = (async () => {
        await nextTurn();
        return [namespace.get('segment'), namespace.get('user')];
      })();
    });
    expect(context.segment).toBe('child');
    expect(namespace.get('segment')).toBe('parent');
    await expect(later).resolves.toEqual(['child', 'kept']);
  });

  it('keeps concurrent runs apart', async () => {
    const namespace = fresh('concurrent');
    const traced = (name: string) => {
      let segment: Promise<unknown> = Promise.resolve();
      namespace.run(() => {
        namespace.set('segment', name);
        segment = (async () => {
          await nextTurn();
          await nextTurn();
          return namespace.get('segment');
        })();
      });
      return segment;
    };
    await expect(Promise.all([traced('a'), traced('b'), traced('c')])).resolves.toEqual(['a', 'b', 'c']);
  });

  it('binds a function to the context active when it was bound, or to the one given', () => {
    const namespace = fresh('bind');
    let bound = (by: number): string => String(by);
    namespace.run(() => {
      namespace.set('segment', 'bound');
      bound = namespace.bind(function (this: { n: number }, by: number) {
        return `${String(namespace.get('segment'))} ${this.n + by}`;
      });
    });
    expect(namespace.get('segment')).toBeUndefined();
    expect(bound.call({ n: 1 }, 2)).toBe('bound 3');
    const given = namespace.createContext();
    given.segment = 'given';
    expect(namespace.bind(() => namespace.get('segment'), given)()).toBe('given');
  });
});
