import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getAbsoluteFSPath } from 'swagger-ui-dist';

export interface SiteFile {
  contentType: string;
  body: Buffer | string;
}

/** Where `npm start` serves the reference page. */
export const REFERENCE_PATH = '/reference/';

const asset = (name: string, contentType: string): [string, SiteFile] => [
  name,
  { contentType, body: readFileSync(path.join(getAbsoluteFSPath(), name)) },
];

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>BBWS Product API reference</title>
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
export const referenceSite = (document: object): Map<string, SiteFile> =>
  new Map([
    ['index.html', { contentType: 'text/html; charset=utf-8', body: INDEX_HTML }],
    ['openapi.json', { contentType: 'application/json', body: JSON.stringify(document) }],
    asset('swagger-ui-bundle.js', 'text/javascript; charset=utf-8'),
    asset('swagger-ui.css', 'text/css; charset=utf-8'),
  ]);

/** The committed OpenAPI document (npm run openapi), pointed at the local endpoint; undefined if absent. */
export const openApiDocumentFor = (root: string): object | undefined => {
  const file = path.join(root, 'docs', 'openapi.json');
  if (!existsSync(file)) return undefined;
  const document = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return { ...document, servers: [{ url: '/', description: 'This local stack (npm start)' }] };
};
