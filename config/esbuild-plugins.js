// esbuild plugins of every function service (custom.esbuild.plugins in config/esbuild.yml). Both change what
// the X-Ray SDK (behind the Powertools Tracer) brings into a bundle, not what it does; docs/performance.md
// ("The tracer, part by part") has the measurements.
const path = require('node:path');

const CLS_CONTEXT = path.join(__dirname, '../core/src/observability/cls-context.ts');
const inXraySdk = (importer) => importer.includes(`${path.sep}aws-xray-sdk-core${path.sep}`);

/** @type {import('esbuild').Plugin} */
const leanXraySdk = {
  name: 'lean-xray-sdk',
  setup(build) {
    // The SDK's context on AsyncLocalStorage instead of cls-hooked, whose async hook slows every promise of
    // the process (why, in core/src/observability/cls-context.ts). jest maps it the same way.
    build.onResolve({ filter: /^cls-hooked\/context$/ }, () => ({ path: CLS_CONTEXT }));
    // The SDK's entry module loads its AWS SDK v2 patcher, which requires all of semver (about 5 ms at
    // every cold start) for one call, `semver.gte`, made only when an SDK v2 client is captured: ours are
    // v3. semver's own module for that one function answers it the same.
    build.onResolve({ filter: /^semver$/ }, ({ importer, resolveDir }) =>
      inXraySdk(importer)
        ? { path: 'semver-gte', namespace: 'xray-semver', pluginData: resolveDir }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'xray-semver' }, ({ pluginData }) => ({
      contents: "module.exports = { gte: require('semver/functions/gte') };",
      resolveDir: pluginData,
      loader: 'js',
    }));
  },
};

module.exports = [leanXraySdk];
