import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import path from 'node:path';
import { round } from './stats';

// Where a function spends its CPU, by npm package: a V8 CPU profile (bench/function-probe.mjs) whose
// samples in the minified bundle are mapped back through its source map to the file they came from.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface PackageTime {
  source: string;
  ms: number;
}

export interface SourceProfile {
  /** The largest sources. */
  top: PackageTime[];
  /** All the stack adds to the SDK call: Middy, ajv, Powertools and our own code. */
  stackMs: number;
}

const STACK_SOURCE = /^(?:@middy\/|ajv|@aws-lambda-powertools\/|ours: (?!bench))/;

/** `@smithy/core`, `ajv`, `ours: core/src/http`... */
const sourceOf = (originalSource: string): string => {
  const modules = originalSource.split('node_modules/');
  if (modules.length > 1) {
    const [scopeOrName = '', name = ''] = (modules.at(-1) ?? '').split('/');
    return scopeOrName.startsWith('@') ? `${scopeOrName}/${name}` : scopeOrName;
  }
  return `ours: ${path.dirname(originalSource.replace(/^(\.\.\/)+/, ''))}`;
};

const internalSource = ({ url, functionName }: ProfileNode['callFrame']): string => {
  if (!url) return functionName === '(garbage collector)' ? 'GC' : 'native (compile, startup)';
  if (url.includes('source_map')) return 'node: source maps';
  if (url.includes('modules/')) return 'node: module loader';
  return url.startsWith('node:') ? 'node: other' : path.basename(url);
};

const mapperFor = (bundleFile: string) => {
  const map = new SourceMap(JSON.parse(readFileSync(`${bundleFile}.map`, 'utf8')) as SourceMapPayload);
  const bundleUrl = `file://${bundleFile}`;
  return ({ callFrame }: ProfileNode): string => {
    if (callFrame.url !== bundleUrl && callFrame.url !== bundleFile) return internalSource(callFrame);
    const entry = map.findEntry(callFrame.lineNumber, callFrame.columnNumber) as { originalSource?: string };
    return entry.originalSource ? sourceOf(entry.originalSource) : 'bundle (unmapped)';
  };
};

/**
 * CPU self time by source in a profile of `bundleFile`, idle time left out, largest first, divided by
 * `per` (the invocations profiled).
 */
export const profileBySource = (profileFile: string, bundleFile: string, per = 1, top = 8): SourceProfile => {
  const profile = JSON.parse(readFileSync(profileFile, 'utf8')) as CpuProfile;
  const sourceOfNode = mapperFor(bundleFile);
  const sources = new Map(
    profile.nodes.map((node) => [
      node.id,
      node.callFrame.functionName === '(idle)' ? undefined : sourceOfNode(node),
    ]),
  );
  const totals = new Map<string, number>();
  profile.samples.forEach((nodeId, index) => {
    const source = sources.get(nodeId);
    if (source) totals.set(source, (totals.get(source) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  const all = [...totals]
    .map(([source, ms]) => ({ source, ms: round(ms / per, 2) }))
    .sort((a, b) => b.ms - a.ms);
  const stackMs = all.filter(({ source }) => STACK_SOURCE.test(source)).reduce((sum, { ms }) => sum + ms, 0);
  return { top: all.slice(0, top), stackMs: round(stackMs, 2) };
};
