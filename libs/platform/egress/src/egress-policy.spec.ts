import { classifyAddress, EgressAllowList, HostResolver, vetDestination, vetUrl } from './egress-policy';

const none = EgressAllowList.EMPTY;

function refusal(raw: string, allow = none): string {
  const verdict = vetUrl(raw, allow);
  if (verdict.ok) throw new Error(`${raw} was allowed`);
  return verdict.reason;
}

describe('vetUrl', () => {
  describe('refuses every spelling of loopback (WHATWG URL normalises them to 127.0.0.1)', () => {
    it.each([
      'https://127.0.0.1/',
      'https://127.1/',
      'https://2130706433/',
      'https://0x7f000001/',
      'https://0x7f.0.0.1/',
      'https://017700000001/',
      'https://0177.0.0.1/',
    ])('%s', (raw) => {
      expect(refusal(raw)).toBe('127.0.0.1 is a loopback address');
    });
  });

  it.each([
    ['https://10.0.0.1/', '10.0.0.1 is a private address'],
    ['https://172.16.0.1/', '172.16.0.1 is a private address'],
    ['https://172.31.255.255/', '172.31.255.255 is a private address'],
    ['https://192.168.1.1/', '192.168.1.1 is a private address'],
    ['https://169.254.169.254/latest/meta-data/', '169.254.169.254 is the cloud metadata address'],
    ['https://169.254.1.1/', '169.254.1.1 is a link-local address'],
    ['https://100.64.0.1/', '100.64.0.1 is a carrier-grade NAT address'],
    ['https://0.0.0.0/', '0.0.0.0 is an unspecified address'],
    ['https://0/', '0.0.0.0 is an unspecified address'],
    ['https://255.255.255.255/', '255.255.255.255 is the broadcast address'],
    ['https://224.0.0.1/', '224.0.0.1 is a multicast address'],
    ['https://192.0.2.10/', '192.0.2.10 is a reserved, documentation or benchmarking address'],
    ['https://198.18.0.1/', '198.18.0.1 is a reserved, documentation or benchmarking address'],
    ['https://240.0.0.1/', '240.0.0.1 is a reserved'],
    ['https://[::1]/', '::1 is a loopback address'],
    ['https://[::]/', ':: is the unspecified address'],
    ['https://[fc00::1]/', 'fc00::1 is a unique local address'],
    ['https://[fd12::1]/', 'fd12::1 is a unique local address'],
    ['https://[fd00:ec2::254]/', 'fd00:ec2::254 is the cloud metadata address'],
    ['https://[fe80::1]/', 'fe80::1 is a link-local address'],
    ['https://[ff02::1]/', 'ff02::1 is a multicast address'],
    ['https://[2001:db8::1]/', '2001:db8::1 is a reserved or documentation address'],
    ['https://[::ffff:127.0.0.1]/', '::ffff:7f00:1 embeds an IPv4 address, and 127.0.0.1 is a loopback address'],
    ['https://[::ffff:7f00:1]/', '::ffff:7f00:1 embeds an IPv4 address, and 127.0.0.1 is a loopback address'],
    ['https://[::ffff:169.254.169.254]/', 'embeds an IPv4 address, and 169.254.169.254 is the cloud metadata address'],
    ['https://[::ffff:10.0.0.1]/', 'embeds an IPv4 address, and 10.0.0.1 is a private address'],
    ['https://[64:ff9b::10.0.0.1]/', '64:ff9b::a00:1 embeds an IPv4 address, and 10.0.0.1 is a private address'],
    ['https://[2002:7f00:1::1]/', '2002:7f00:1::1 embeds an IPv4 address, and 127.0.0.1 is a loopback address'],
    ['https://[::127.0.0.1]/', 'deprecated IPv4-compatible address'],
  ])('refuses %s', (raw, reason) => {
    expect(refusal(raw)).toContain(reason);
  });

  it.each([
    ['https://localhost/', 'localhost is a localhost name'],
    ['https://LOCALHOST./', 'is a localhost name'],
    ['https://api.localhost/', 'api.localhost is a localhost name'],
    ['https://metadata.google.internal/', 'metadata.google.internal is an internal name (.internal)'],
    ['https://printer.local/', 'printer.local is an internal name (.local)'],
    ['https://svc.ns.svc.cluster.local/', 'is an internal name (.local)'],
    ['https://receiver/', 'receiver is a single-label name'],
  ])('refuses the internal name %s', (raw, reason) => {
    expect(refusal(raw)).toContain(reason);
  });

  it('refuses plain http to a public host and allows https to it', () => {
    expect(refusal('http://hooks.example.com/ajar')).toBe('plain http is not allowed to hooks.example.com; use https');
    expect(refusal('http://93.184.215.14/')).toContain('plain http is not allowed');
    const verdict = vetUrl('https://hooks.example.com:8443/ajar?x=1', none);
    expect(verdict).toEqual({ ok: true, url: new URL('https://hooks.example.com:8443/ajar?x=1') });
    expect(vetUrl('https://93.184.215.14/', none).ok).toBe(true);
    expect(vetUrl('https://[2606:4700::1111]/', none).ok).toBe(true);
    expect(vetUrl('https://[::ffff:93.184.215.14]/', none).ok).toBe(true);
  });

  it('refuses credentials, other schemes and non-URLs', () => {
    expect(refusal('https://user:secret@hooks.example.com/')).toBe('credentials in the URL are not allowed');
    expect(refusal('https://user@hooks.example.com/')).toBe('credentials in the URL are not allowed');
    expect(refusal('ftp://hooks.example.com/')).toContain('scheme ftp: is not allowed');
    expect(refusal('file:///etc/passwd')).toContain('scheme file: is not allowed');
    expect(refusal('hooks.example.com/x')).toBe('not a valid absolute URL');
    expect(refusal('https://1.2.3.256/')).toBe('not a valid absolute URL');
  });

  describe('with an allow-list', () => {
    it('lets a listed hostname through, over http too, case-insensitively', () => {
      const allow = EgressAllowList.parse('Receiver, localhost');
      expect(vetUrl('http://receiver:8080/hook', allow).ok).toBe(true);
      expect(vetUrl('http://LOCALHOST:3000/', allow).ok).toBe(true);
      expect(refusal('http://other.localhost/', allow)).toContain('localhost name');
    });

    it('lets a listed IPv4 address through, whatever its spelling in the URL', () => {
      const allow = EgressAllowList.parse('127.0.0.1');
      expect(vetUrl('http://127.0.0.1:9000/', allow).ok).toBe(true);
      expect(vetUrl('http://2130706433:9000/', allow).ok).toBe(true);
      expect(vetUrl('http://[::ffff:127.0.0.1]:9000/', allow).ok).toBe(true);
      expect(refusal('http://127.0.0.2/', allow)).toBe('127.0.0.2 is a loopback address');
    });

    it('lets IPv4 and IPv6 CIDR ranges through', () => {
      const allow = EgressAllowList.parse(' 10.0.0.0/8 , fd00::/8,[::1]');
      expect(vetUrl('http://10.20.30.40/', allow).ok).toBe(true);
      expect(vetUrl('http://[fd12::1]/', allow).ok).toBe(true);
      expect(vetUrl('http://[::1]:8080/', allow).ok).toBe(true);
      expect(refusal('http://11.0.0.1/', allow)).toContain('plain http is not allowed to 11.0.0.1');
      expect(refusal('https://192.168.0.1/', allow)).toContain('private address');
      expect(refusal('https://[fc00::1]/', allow)).toContain('unique local address');
    });

    it('is empty for an empty or blank string', () => {
      expect(EgressAllowList.parse('').isEmpty).toBe(true);
      expect(EgressAllowList.parse(' , ').isEmpty).toBe(true);
    });

    it.each(['10.0.0.0/33', 'fd00::/129', 'http://receiver', 'bad host', '10.0.0.1/x', '-leading.example'])(
      'throws naming the bad entry %s',
      (entry) => {
        expect(() => EgressAllowList.parse(`receiver,${entry}`)).toThrow(`"${entry}"`);
      },
    );
  });
});

describe('classifyAddress', () => {
  it('passes public unicast addresses only', () => {
    expect(classifyAddress('93.184.215.14')).toEqual({ allowed: true });
    expect(classifyAddress('2606:4700::1111')).toEqual({ allowed: true });
    expect(classifyAddress('2002:5db8:d70e::1')).toEqual({ allowed: true }); // 6to4 of a public address
    expect(classifyAddress('172.32.0.1')).toEqual({ allowed: true });
    expect(classifyAddress('100.128.0.1')).toEqual({ allowed: true });
  });

  it('refuses what is not an address', () => {
    expect(classifyAddress('hooks.example.com')).toEqual({
      allowed: false,
      reason: 'hooks.example.com is not an IP address',
    });
    expect(classifyAddress('0x7f.1')).toEqual({ allowed: false, reason: '0x7f.1 is not an IP address' });
  });

  it('refuses Teredo and local-use NAT64', () => {
    expect(classifyAddress('2001::1')).toMatchObject({ reason: '2001::1 is a Teredo tunnel address' });
    expect(classifyAddress('64:ff9b:1::1')).toMatchObject({ reason: '64:ff9b:1::1 is a local-use NAT64 address' });
  });
});

describe('vetDestination', () => {
  const resolverOf =
    (records: Record<string, string[]>): HostResolver =>
    async (host) => {
      const addresses = records[host];
      if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      return addresses;
    };

  it('refuses a public-looking name that resolves to a private address', async () => {
    const resolve = resolverOf({ 'hooks.example.com': ['10.0.0.5'] });
    expect(await vetDestination('https://hooks.example.com/', none, resolve)).toEqual({
      ok: false,
      reason: 'hooks.example.com resolves to a non-public address: 10.0.0.5 is a private address',
    });
  });

  it('refuses when any one of several addresses is not public', async () => {
    const resolve = resolverOf({ 'hooks.example.com': ['93.184.215.14', 'fd00:ec2::254'] });
    expect(await vetDestination('https://hooks.example.com/', none, resolve)).toEqual({
      ok: false,
      reason: 'hooks.example.com resolves to a non-public address: fd00:ec2::254 is the cloud metadata address',
    });
  });

  it('passes a name whose addresses are all public', async () => {
    const resolve = resolverOf({ 'hooks.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'] });
    expect(await vetDestination('https://hooks.example.com/x', none, resolve)).toMatchObject({ ok: true });
  });

  it('refuses a name that does not resolve, or resolves to nothing', async () => {
    const resolve = resolverOf({ 'empty.example.com': [] });
    expect(await vetDestination('https://missing.example.com/', none, resolve)).toEqual({
      ok: false,
      reason: 'missing.example.com could not be resolved (ENOTFOUND)',
    });
    expect(await vetDestination('https://empty.example.com/', none, resolve)).toEqual({
      ok: false,
      reason: 'empty.example.com resolved to no address',
    });
  });

  it('lets through an address inside an allow-listed range, or any address of an allow-listed name', async () => {
    const resolve = resolverOf({ 'hooks.example.com': ['10.1.2.3'], 'receiver.test': ['127.0.0.1'] });
    const byRange = await vetDestination('https://hooks.example.com/', EgressAllowList.parse('10.1.0.0/16'), resolve);
    expect(byRange).toMatchObject({ ok: true });
    const byName = await vetDestination('http://receiver.test/', EgressAllowList.parse('receiver.test'), resolve);
    expect(byName).toMatchObject({ ok: true });
  });

  it('never resolves a refused URL', async () => {
    const resolve = jest.fn<Promise<string[]>, [string]>();
    expect(await vetDestination('http://hooks.example.com/', none, resolve)).toMatchObject({ ok: false });
    expect(resolve).not.toHaveBeenCalled();
  });
});
