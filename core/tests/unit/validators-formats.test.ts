import { fullFormats } from 'ajv-formats/dist/formats';
import { formats, uri } from '../../src/validators/formats';

const ajvUri = fullFormats.uri as (value: string) => boolean;

const written = [
  'https://cdn.example.com/images/red-mug.png',
  'http://x',
  'HTTPS://EXAMPLE.COM/A%20B?q=1&r=%C3%A9#top',
  'https://user:pass@example.com:8443/path;params?query=a/b?c#frag/ment?',
  'http://192.168.0.1/x',
  'http://999.1.1.1/x',
  'http://[::1]:8080/x',
  'http://[2001:db8::7]/c=GB?objectClass?one',
  'http://[2001:db8:0:0:0:0:2:1]/',
  'http://[::ffff:192.0.2.128]/',
  'http://[v7.fe80::a+en1]/',
  'http://[not-an-ip]/',
  'http://[::1/',
  'http://exa[mple.com/',
  'mailto:John.Doe@example.com',
  'news:comp.infosystems.www.servers.unix',
  'tel:+1-816-555-1212',
  'urn:oasis:names:specification:docbook:dtd:xml:4.1.2',
  'urn:isbn:0451450523',
  'file:///etc/hosts',
  'a:b',
  'a:',
  'a',
  '',
  '/relative/path',
  '//example.com/no-scheme',
  'example.com/no-scheme',
  '1http://starts-with-digit',
  'http://exa mple.com/',
  'http://example.com/%zz',
  'http://example.com/%4',
  'http://example.com/\\back',
  'http://example.com/ü',
  'http://example.com:port/',
  'http://example.com:/',
  'http://@example.com/',
  'http://example.com/a?b?c#d#e',
  'http://example.com/<script>',
];

// URI-shaped values (scheme, authority with IPv4, IPv6, IPvFuture or named hosts, path, query, fragment),
// one in three with a character changed to one either expression treats specially. Seeded, so a failure
// names the same value on every run.
const PART = "aZ09-._~!$&'()*+,;=:@%2F";
const ANY = 'aZ09+-.:/?#[]@!$&\'()*,;=%~_ \\"<>^`{|}é';
const HOSTS = [
  'example.com',
  '192.168.0.1',
  '256.1.1.1',
  '[::1]',
  '[2001:db8::7]',
  '[v1.x]',
  '[::ffff:1.2.3.4]',
  '[zz]',
  '',
];
const SCHEMES = ['http', 'https', 'a', 'urn', 'x+y.z', '1x', ''];

const uriLikeValues = (count: number): string[] => {
  let seed = 12345;
  const next = (below: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % below;
  };
  const pick = <T>(items: readonly T[]): T => items[next(items.length)] as T;
  const run = (alphabet: string, max: number) =>
    Array.from({ length: next(max) }, () => alphabet[next(alphabet.length)]).join('');
  return Array.from({ length: count }, () => {
    const userinfo = next(4) === 0 ? `${run(PART, 6)}@` : '';
    const port = next(4) === 0 ? `:${next(9000)}` : '';
    const authority = next(3) > 0 ? `//${userinfo}${pick(HOSTS)}${port}` : '';
    const path = Array.from({ length: next(4) }, () => `/${run(PART, 8)}`).join('');
    const query = next(3) === 0 ? `?${run(`${PART}/?`, 8)}` : '';
    const fragment = next(4) === 0 ? `#${run(`${PART}/?`, 6)}` : '';
    const value = `${pick(SCHEMES)}:${authority}${path}${query}${fragment}`;
    if (next(3) > 0) return value;
    const at = next(value.length + 1);
    return value.slice(0, at) + pick([...ANY]) + value.slice(at + 1);
  });
};

describe('the uri format check of the generated validators', () => {
  it('decides every written value exactly as ajv-formats does', () => {
    const differing = written.filter((value) => uri(value) !== ajvUri(value));

    expect(differing).toEqual([]);
    expect(written.filter((value) => uri(value)).length).toBeGreaterThan(10);
    expect(written.filter((value) => !uri(value)).length).toBeGreaterThan(10);
  });

  it('decides 20,000 generated URI-like values exactly as ajv-formats does, bracketed hosts included', () => {
    const values = uriLikeValues(20_000);

    const differing = values.filter((value) => uri(value) !== ajvUri(value));

    expect(differing).toEqual([]);
    expect(values.filter((value) => uri(value)).length).toBeGreaterThan(5_000);
    expect(values.filter((value) => value.includes('[') && uri(value)).length).toBeGreaterThan(2_000);
  });

  it('is the check the generated validators call; date-time stays ajv-formats own', () => {
    expect(formats.uri).toBe(uri);
    expect(formats['date-time']).toBe(fullFormats['date-time']);
  });
});
