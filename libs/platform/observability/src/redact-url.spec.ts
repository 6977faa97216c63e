import { redactUrl } from './redact-url';

describe('redactUrl', () => {
  it.each([
    ['/v1/cases?api_key=ajar_secret', '/v1/cases?api_key=[redacted]'],
    ['/v1/cases?externalRef=x&token=abc&limit=5', '/v1/cases?externalRef=x&token=[redacted]&limit=5'],
    ['/v1/cases?API_KEY=a&apiKey=b&access_token=c&client_secret=d&password=e&code=f&key=g', '/v1/cases?API_KEY=[redacted]&apiKey=[redacted]&access_token=[redacted]&client_secret=[redacted]&password=[redacted]&code=[redacted]&key=[redacted]'],
    ['/v1/cases?api%5Fkey=ajar_x', '/v1/cases?api%5Fkey=[redacted]'],
    ['/v1/cases?api_key=a&api_key=b', '/v1/cases?api_key=[redacted]&api_key=[redacted]'],
  ])('%s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it('keeps URLs without secrets as they are', () => {
    for (const url of ['/v1/cases', '/v1/cases?status=open&externalRef=ext-1&cursor=abc', '/v1/cases?keywords=x&country=NL', '/health']) {
      expect(redactUrl(url)).toBe(url);
    }
  });
});
