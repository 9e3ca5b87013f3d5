import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createAwsClients, type AwsClients } from '@bbws/local-aws';
import { queueDepthsOf, startChangesPage, startSystem, type RunningSystem } from '@bbws/dev-server';
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { inMemoryLogGroups } from './support/log-groups';
import { apiClient } from './support/http';
import { createdThenUpdated } from './support/products';

jest.setTimeout(90_000);

const ARTIFACTS = join(__dirname, '..', 'artifacts');
const { logGroups, capture } = inMemoryLogGroups();
let system: RunningSystem | undefined;
let aws: AwsClients | undefined;
let page: { url: string; close(): Promise<void> } | undefined;
let chromium: Awaited<ReturnType<typeof launchChromium>> | undefined;

beforeAll(async () => {
  system = await startSystem({
    port: 0,
    apiKeyFile: null,
    awsEndpoint: process.env.LOCAL_AWS_ENDPOINT || undefined,
    ...capture,
  });
  aws = createAwsClients(system.aws.env);
  const queues = Object.values(system.aws.resources).filter(({ arn }) => arn?.startsWith('arn:aws:sqs:'));
  page = await startChangesPage({
    port: 0,
    logGroups: () => logGroups,
    queueDepths: queueDepthsOf(aws.sqs, queues),
  });
  chromium = await launchChromium();
}, 120_000);

afterAll(async () => {
  await chromium?.close();
  await page?.close();
  aws?.destroy();
  await system?.stop();
});

const api = apiClient(() => {
  if (!system) throw new Error('The system starts in beforeAll');
  return system;
});

const running = <T>(value: T | undefined): T => {
  if (value === undefined) throw new Error('Started in beforeAll');
  return value;
};

const expectStep = async (browserPage: Page, change: string, step: string) =>
  browserPage
    .locator(`tr[data-change="${change}"] [data-step="${step}"]`)
    .first()
    .waitFor({ state: 'visible', timeout: 30_000 });

describe('the "where is my change?" page, in Chromium', () => {
  it('shows a created then updated product reach applied and audited, with the queues', async () => {
    const browserPage = await running(chromium).context.newPage();
    await browserPage.goto(running(page).url);

    const { productId, update } = await createdThenUpdated(api);
    expect(update.status).toBe(202);

    for (const eventType of ['CREATE', 'UPDATE']) {
      await expectStep(browserPage, `${eventType} ${productId}`, 'request 202');
      await expectStep(browserPage, `${eventType} ${productId}`, 'applied-by applied');
      await expectStep(browserPage, `${eventType} ${productId}`, 'audited-by applied');
    }
    await expect(
      browserPage.locator('#queues td', { hasText: 'bbws-product-change-dlq-local' }).count(),
    ).resolves.toBe(1);
    mkdirSync(ARTIFACTS, { recursive: true });
    await browserPage.screenshot({ path: join(ARTIFACTS, 'changes-page.png'), fullPage: true });
  });
});
