// CPU cost per request of what issue 13 added to the API's hot paths: the Idempotency-Key body
// fingerprint (POST with a key), whole-cent prices (POST, PUT) and If-Match / If-None-Match parsing
// (PUT, DELETE, GET). Run: npx tsx bench/request-parsing.ts [iterations]
import {
  inWholeCents,
  matchesWeakly,
  parseEntityTags,
  requestFingerprint,
  versionsMatchedStrongly,
} from '@bbws/core';
import { sampleProductInputs } from '@bbws/testing';

const iterations = Number(process.argv[2] ?? 200_000);

// The Moka Pot of the sample events: every field of the product input schema.
const product = sampleProductInputs().mokaPot;

const measure = (name: string, operation: () => unknown) => {
  for (let index = 0; index < iterations / 10; index += 1) operation();
  const runs: number[] = [];
  for (let run = 0; run < 5; run += 1) {
    const started = process.hrtime.bigint();
    for (let index = 0; index < iterations; index += 1) operation();
    runs.push(Number(process.hrtime.bigint() - started) / iterations);
  }
  runs.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(44)} median ${(runs[2] ?? 0).toFixed(0).padStart(6)} ns/request (5 runs of ${iterations})`,
  );
};

measure('requestFingerprint (SHA-256 of the body)', () => requestFingerprint(product));
measure('inWholeCents', () => inWholeCents(product));
measure('If-Match "2", "3" -> versions', () =>
  versionsMatchedStrongly(parseEntityTags('If-Match', ['"2", "3"'])),
);
measure('If-None-Match "7" matched against version 7', () =>
  matchesWeakly(parseEntityTags('If-None-Match', ['"7"']), 7),
);
