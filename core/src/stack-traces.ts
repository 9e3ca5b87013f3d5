import { existsSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import path from 'node:path';

// Stack traces that name TypeScript files and lines, paid for only when a stack is formatted.
// `--enable-source-maps` reads and parses the bundle's whole source map while the bundle loads: on every
// cold start, error or not (docs/performance.md measures it). Here the map is read the first time an
// error's `stack` is formatted, and only frames in a bundle with a `.map` beside it are rewritten.

type CallSite = NodeJS.CallSite;

const maps = new Map<string, SourceMap | undefined>();

const sourceMapOf = (file: string): SourceMap | undefined => {
  if (!maps.has(file)) {
    const mapFile = `${file}.map`;
    maps.set(
      file,
      existsSync(mapFile)
        ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')) as SourceMapPayload)
        : undefined,
    );
  }
  return maps.get(file);
};

/** `at name (original.ts:line:column)` for a frame in a mapped bundle; V8's own text for any other. */
const frameText = (site: CallSite): string => {
  const text = site.toString();
  const file = site.getFileName();
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  if (!file || !path.isAbsolute(file) || line === null || column === null) return text;
  const entry = sourceMapOf(file)?.findEntry(line - 1, column - 1);
  if (!entry || !('originalSource' in entry)) return text;
  const original = path.resolve(path.dirname(file), entry.originalSource);
  return text.replace(
    `${file}:${line}:${column}`,
    `${original}:${entry.originalLine + 1}:${entry.originalColumn + 1}`,
  );
};

const prepareStackTrace = (error: Error, sites: CallSite[]): string => {
  const header = Error.prototype.toString.call(error);
  try {
    return [header, ...sites.map((site) => `    at ${frameText(site)}`)].join('\n');
  } catch {
    // A map that cannot be read must never cost the error itself.
    return [header, ...sites.map((site) => `    at ${site.toString()}`)].join('\n');
  }
};

/**
 * Maps stack frames of `bundleFile` (and of any file with a `.map` beside it) through that map when a
 * stack is formatted. Does nothing when there is no map (tests, tsx) or when Node already maps stacks
 * (`--enable-source-maps`).
 */
export const mapStackTracesLazily = (bundleFile: string): void => {
  if (process.sourceMapsEnabled || !existsSync(`${bundleFile}.map`)) return;
  Error.prepareStackTrace = prepareStackTrace;
};
