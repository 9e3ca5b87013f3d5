import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { referenceSite } from '@bbws/dev-server';
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { useSystem } from './support/system';

// A real browser (Debian's chromium) uses the reference page from another localhost origin against the
// running system: Authorize, create a product, list it. Every call crosses origins, so this proves CORS.
jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../..');
export const SCREENSHOT = path.join(ROOT, 'tests/artifacts/reference-page.png');

const RESPONSE_BODY = '.live-responses-table tr.response .response-col_description .highlight-code pre';

const sut = useSystem();
let site: Server;
let siteUrl: string;
let browser: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  const document = JSON.parse(readFileSync(path.join(ROOT, 'docs/openapi.json'), 'utf8')) as object;
  const files = referenceSite({ ...document, servers: [{ url: sut().system.url }] });
  site = createServer((request, response) => {
    const file = files.get((request.url ?? '/').split('?')[0]?.slice(1) || 'index.html');
    response.writeHead(file ? 200 : 404, { 'Content-Type': file?.contentType ?? 'text/plain' });
    response.end(file?.body ?? 'not found');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://localhost:${(site.address() as AddressInfo).port}/`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => site?.close(resolve));
});

const tryOperation = async (page: Page, operationId: string, body?: string) => {
  const operation = page.locator(`[id$="-${operationId}"]`).first();
  await operation.locator('.opblock-summary').first().click();
  await operation.locator('button.try-out__btn').click();
  if (body !== undefined) await operation.locator('textarea.body-param__text').fill(body);
  await operation.locator('button.execute').click();
  const status = operation.locator('.live-responses-table tr.response .response-col_status').first();
  await status.waitFor();
  return {
    status: (await status.innerText()).trim(),
    body: await operation.locator(RESPONSE_BODY).first().innerText(),
  };
};

describe('the API reference page in a browser', () => {
  it('authorizes with the pasted key, creates a product and lists it against the running system', async () => {
    const page = await browser.context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(siteUrl);
    await page.locator('.swagger-ui .info .title').waitFor();

    await page.locator('.auth-wrapper button.authorize').click();
    await page.locator('.modal-ux input').first().fill(sut().system.apiKey);
    await page.locator('.modal-ux button.modal-btn.authorize').click();
    await page.locator('.modal-ux button.btn-done').click();

    const name = `Browser Mug ${Date.now()}`;
    const created = await tryOperation(
      page,
      'createProduct',
      JSON.stringify({ name, price: 12.5, currency: 'EUR', category: 'kitchen' }),
    );
    const productId = (JSON.parse(created.body) as { productId: string }).productId;
    let listed = await tryOperation(page, 'listProducts');
    for (let attempt = 0; attempt < 40 && !listed.body.includes(productId); attempt += 1) {
      await page.waitForTimeout(250);
      await page.locator('[id$="-listProducts"] button.execute').click();
      await page.waitForTimeout(100);
      listed = {
        status: listed.status,
        body: await page
          .locator('[id$="-listProducts"] .live-responses-table .response-col_description pre')
          .first()
          .innerText(),
      };
    }
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: false });

    expect(new URL(siteUrl).origin).not.toBe(new URL(sut().system.url).origin);
    expect(created.status).toBe('202');
    expect(listed.status).toBe('200');
    expect(listed.body).toContain(productId);
    expect(pageErrors).toEqual([]);
  });
});
