import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getAbsoluteFSPath } from 'swagger-ui-dist';

/** One file of the reference site: its body and media type. */
export interface SiteFile {
  contentType: string;
  body: Buffer | string;
}

/** Where `npm start` serves the reference page. */
export const REFERENCE_PATH = '/reference/';

const ASSETS: Record<string, string> = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
};

const indexHtml = (title: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <link rel="stylesheet" href="swagger-ui.css" />
  </head>
  <body>
    <div id="reference"></div>
    <script src="swagger-ui-bundle.js"></script>
    <script>
      // Authorize with the API key (x-api-key), then "Try it out" on any operation.
      window.ui = SwaggerUIBundle({
        url: 'openapi.json',
        dom_id: '#reference',
        deepLinking: true,
        persistAuthorization: true,
        displayRequestDuration: true,
        showExtensions: true,
      });
    </script>
  </body>
</html>
`;

/**
 * The interactive API reference as static files: Swagger UI from the swagger-ui-dist package (no CDN),
 * the given OpenAPI document and an index page. Serve them from one folder, or write them out to publish.
 */
export const referenceSite = (
  document: object,
  title = 'BBWS Product API reference',
): Map<string, SiteFile> => {
  const assetsDir = getAbsoluteFSPath();
  const files = new Map<string, SiteFile>([
    ['index.html', { contentType: 'text/html; charset=utf-8', body: indexHtml(title) }],
    ['openapi.json', { contentType: 'application/json', body: JSON.stringify(document) }],
  ]);
  for (const [name, contentType] of Object.entries(ASSETS)) {
    files.set(name, { contentType, body: readFileSync(path.join(assetsDir, name)) });
  }
  return files;
};

/** The site file a request path names under `prefix` (`/reference/` is index.html); undefined otherwise. */
export const siteFileFor = (
  files: Map<string, SiteFile>,
  prefix: string,
  requestPath: string,
): SiteFile | undefined => {
  if (!requestPath.startsWith(prefix)) return undefined;
  const name = requestPath.slice(prefix.length) || 'index.html';
  return files.get(name);
};
