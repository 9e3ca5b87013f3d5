import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The part of `cls-hooked/context` that the X-Ray SDK (behind Powertools Tracer) calls, and no more, kept
 * on Node's `AsyncLocalStorage`. The build puts this module where the SDK requires `cls-hooked/context`
 * (config/esbuild-plugins.js), and so does jest (`moduleNameMapper`), so the tracing tests run it too.
 *
 * Why: cls-hooked installs an async hook with a `destroy` callback, which Node then runs for every
 * promise the process creates (the AWS SDK's middleware stack included): on Node 24 an `await` cost
 * 4.0–4.6 µs instead of 0.6–1.0 µs, on every invocation. `AsyncLocalStorage` carries the same context
 * with V8's own support (on Node 24, no hook at all). The X-Ray SDK has no option for it; its maintainers
 * suggested this reimplementation (aws/aws-xray-sdk-node#338). docs/performance.md has the measurements.
 *
 * Same semantics as cls-hooked for what the SDK does: a context inherits from the one active when it was
 * created; `set` writes to the active one; `run` makes a child active for a function and everything it
 * starts. In Lambda the SDK `enter`s one context at init, outside any `run`: it stays active wherever no
 * `run` is (cls-hooked's global `active`), which is where Powertools keeps the invocation's segment.
 */

type Context = Record<string, unknown>;

export class Namespace {
  private readonly storage = new AsyncLocalStorage<Context>();
  /** The context entered outside any `run`: active wherever no `run` is. */
  private outer: Context | undefined;

  constructor(readonly name: string) {}

  get active(): Context | undefined {
    return this.storage.getStore() ?? this.outer;
  }

  createContext(): Context {
    return Object.create(this.active ?? Object.prototype) as Context;
  }

  enter(context: Context): void {
    if (this.storage.getStore() === undefined) this.outer = context;
    else this.storage.enterWith(context);
  }

  set<T>(key: string, value: T): T {
    const active = this.active;
    if (!active) throw new Error('No context available. ns.run() or ns.bind() must be called first.');
    active[key] = value;
    return value;
  }

  get(key: string): unknown {
    return this.active?.[key];
  }

  run(fn: (context: Context) => void): Context {
    const context = this.createContext();
    this.storage.run(context, fn, context);
    return context;
  }

  bind<A extends unknown[], R>(fn: (...args: A) => R, context?: Context): (...args: A) => R {
    const bound = context ?? this.active ?? this.createContext();
    const { storage } = this;
    return function (this: unknown, ...args: A): R {
      return storage.run(bound, () => fn.apply(this, args));
    };
  }
}

const namespaces = new Map<string, Namespace>();

export const getNamespace = (name: string): Namespace | undefined => namespaces.get(name);

export const createNamespace = (name: string): Namespace => {
  const namespace = new Namespace(name);
  namespaces.set(name, namespace);
  return namespace;
};

export const destroyNamespace = (name: string): void => {
  namespaces.delete(name);
};
