/** User agents from the data, parsed into browser and OS families with ua-parser-js. */
import { describe, expect, it } from 'vitest';
import { familyCounts, parseUserAgent, unquoteUserAgent } from '../../src/report/user-agents.js';

describe('user agents', () => {
  it('strips the literal double quotes the source data wraps agents in', () => {
    expect(unquoteUserAgent('"Mozilla/5.0 (X11; Linux x86_64)"')).toBe('Mozilla/5.0 (X11; Linux x86_64)');
    expect(unquoteUserAgent('Mozilla/5.0 (X11; Linux x86_64)')).toBe('Mozilla/5.0 (X11; Linux x86_64)');
    expect(unquoteUserAgent('"')).toBe('"');
  });

  it.each([
    ['"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_4) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.143 Safari/537.36"', 'Chrome', 'macOS'],
    ['"Mozilla/5.0 (Windows NT 6.1; WOW64; rv:31.0) Gecko/20100101 Firefox/31.0"', 'Firefox', 'Windows'],
    ['"Mozilla/5.0 (iPhone; CPU iPhone OS 7_1_2 like Mac OS X) AppleWebKit/537.51.2 (KHTML, like Gecko) Version/7.0 Mobile/11D257 Safari/9537.53"', 'Mobile Safari', 'iOS'],
    ['"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Ubuntu Chromium/36.0.1985.125 Chrome/36.0.1985.125 Safari/537.36"', 'Chromium', 'Ubuntu'],
    ['"Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.1; WOW64; Trident/6.0)"', 'IE', 'Windows'],
    ['"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_4) AppleWebKit/537.77.4 (KHTML, like Gecko) Version/7.0.5 Safari/537.77.4"', 'Safari', 'macOS'],
  ])('parses %s', (agent, browser, os) => {
    expect(parseUserAgent(agent)).toEqual({ browser, os });
  });

  it('calls a missing or empty agent Unknown', () => {
    expect(parseUserAgent(null)).toEqual({ browser: 'Unknown', os: 'Unknown' });
    expect(parseUserAgent('""')).toEqual({ browser: 'Unknown', os: 'Unknown' });
    expect(parseUserAgent('curl/8.0')).toMatchObject({ os: 'Unknown' });
  });

  it('sums plays per family, most plays first, ties by name', () => {
    const counts = familyCounts([
      { user_agent: '"Mozilla/5.0 (Windows NT 6.1; WOW64; rv:31.0) Gecko/20100101 Firefox/31.0"', plays: 3 },
      { user_agent: '"Mozilla/5.0 (Windows NT 6.3; WOW64; rv:32.0) Gecko/20100101 Firefox/32.0"', plays: 4 },
      { user_agent: '"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.125 Safari/537.36"', plays: 7 },
      { user_agent: null, plays: 1 },
    ]);
    expect(counts.browsers).toEqual([
      { family: 'Chrome', plays: 7 },
      { family: 'Firefox', plays: 7 },
      { family: 'Unknown', plays: 1 },
    ]);
    expect(counts.systems).toEqual([
      { family: 'Linux', plays: 7 },
      { family: 'Windows', plays: 7 },
      { family: 'Unknown', plays: 1 },
    ]);
  });
});
